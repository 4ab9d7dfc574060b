//! `kitbench-sandbox`: runs a Kitbench Sandbox until SIGTERM or Ctrl-C. Prints one JSON line
//! with the URL and client credentials to stdout once listening; logs go to stderr.

use clap::Parser;
use kitbench_sandbox::{FaultRule, Faults, RateLimit, SandboxConfig};
use std::io::Write as _;
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// A local server that speaks the Scalekit AgentKit REST API.
#[derive(Debug, Parser)]
#[command(name = "kitbench-sandbox", version, about)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// OAuth client id to accept (generated when absent).
    #[arg(long, requires = "client_secret")]
    client_id: Option<String>,
    /// OAuth client secret to accept (generated when absent).
    #[arg(long, requires = "client_id")]
    client_secret: Option<String>,
    /// Keep the state in this SQLite file: loaded at start, every change committed before it
    /// is answered. A JSON data file of earlier versions at this path (or beside it, with a
    /// .json extension) is converted once.
    #[arg(long = "data", value_name = "FILE")]
    data: Option<PathBuf>,
    /// Delay every API call by this many milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Share of API calls (0 to 1) answered with --error-status.
    #[arg(long, default_value_t = 0.0)]
    error_rate: f64,
    /// Status of injected errors: 500 or 503.
    #[arg(long, default_value_t = 500, value_parser = parse_error_status)]
    error_status: u16,
    /// Share of API calls (0 to 1) answered 429.
    #[arg(long, default_value_t = 0.0)]
    rate_limit_rate: f64,
    /// Retry-After of injected 429s, in seconds.
    #[arg(long, default_value_t = 1)]
    retry_after: u64,
    /// Share of API calls (0 to 1) whose connection is dropped without an answer.
    #[arg(long, default_value_t = 0.0)]
    drop_rate: f64,
    /// Lifetime of issued access tokens, in seconds.
    #[arg(long, default_value_t = 86_399)]
    token_ttl: u64,
    /// Lifetime of magic links, in seconds.
    #[arg(long, default_value_t = 600)]
    magic_link_ttl: u64,
    /// Seconds a request head may take to arrive (also closes idle keep-alive connections).
    #[arg(long, default_value_t = 20)]
    header_read_timeout: u64,
    /// Seconds a connection may sit with no byte moving either way before it is closed.
    #[arg(long, default_value_t = 120)]
    idle_timeout: u64,
}

fn parse_error_status(text: &str) -> Result<u16, String> {
    match text {
        "500" => Ok(500),
        "503" => Ok(503),
        _ => Err("must be 500 or 503".to_string()),
    }
}

impl Args {
    fn faults(&self) -> Faults {
        let rule = FaultRule {
            latency_ms: self.latency_ms,
            error_rate: self.error_rate,
            error_status: self.error_status,
            rate_limit: (self.rate_limit_rate > 0.0).then(|| RateLimit {
                rate: self.rate_limit_rate,
                retry_after_secs: self.retry_after,
                ..RateLimit::default()
            }),
            drop_rate: self.drop_rate,
            ..FaultRule::default()
        };
        let any = rule != FaultRule::default();
        Faults {
            rules: if any { vec![rule] } else { Vec::new() },
            ..Faults::default()
        }
    }
}

async fn terminated() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                // rmcp logs request details at info; the instance URL is a credential.
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,rmcp=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let mut config = SandboxConfig {
        host: args.host,
        port: args.port,
        data_file: args.data.clone(),
        faults: args.faults(),
        token_ttl: Duration::from_secs(args.token_ttl),
        magic_link_ttl: Duration::from_secs(args.magic_link_ttl),
        header_read_timeout: Duration::from_secs(args.header_read_timeout),
        idle_timeout: Duration::from_secs(args.idle_timeout),
        ..SandboxConfig::default()
    };
    if let (Some(id), Some(secret)) = (&args.client_id, &args.client_secret) {
        config.client_id = id.clone();
        config.client_secret = secret.clone();
    }
    let sandbox = match kitbench_sandbox::start(config).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("kitbench-sandbox: {e}");
            return ExitCode::FAILURE;
        }
    };
    let line = serde_json::json!({
        "url": sandbox.url(),
        "client_id": sandbox.client_id(),
        "client_secret": sandbox.client_secret(),
        "ca_file": sandbox.ca_file(),
    });
    let mut stdout = std::io::stdout().lock();
    if writeln!(stdout, "{line}")
        .and_then(|()| stdout.flush())
        .is_err()
    {
        eprintln!("kitbench-sandbox: cannot write to stdout");
    }
    drop(stdout);
    terminated().await;
    tracing::info!("shutting down");
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}
