//! `kitbench-wire-bench`: one run against one Kitbench Sandbox (the release binary, in its own
//! process), printing a Markdown table and the ratios the wire issue asks for:
//! - `execute_tool` through the `agentkit` client vs a bare reqwest loop sending the same bytes;
//! - proxied calls through the client vs the official Python SDK;
//! - Sandbox throughput at concurrency 64.
//!
//! Usage: kitbench-wire-bench [--calls N] [--python PATH_TO_VENV_PYTHON] [--seconds S]
//!        kitbench-wire-bench --only client|bare [--calls N]
//!
//! `--only` runs just N sequential `execute_tool` calls of one path and prints nothing else: for
//! counting instructions per call (`valgrind --tool=callgrind`, the Sandbox in its own process,
//! which callgrind does not follow), by running two values of N and dividing the difference.

mod python;
mod scenario;
mod stats;
mod wrk;

use std::time::Duration;

// One thread: a call and its connection task stay on one core, so the figures measure the
// client rather than cross-core wake-ups of an otherwise idle VM.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let calls: usize = flag("--calls").and_then(|v| v.parse().ok()).unwrap_or(3000);
    let seconds: u64 = flag("--seconds").and_then(|v| v.parse().ok()).unwrap_or(5);
    let python = flag("--python");

    let env = scenario::Env::start().await;
    if let Some(path) = flag("--only") {
        let sample = match path.as_str() {
            "client" => env.execute_with_client(calls).await,
            "bare" => env.execute_bare(calls).await,
            other => panic!("--only takes client or bare, not {other:?}"),
        };
        eprintln!("{}", sample.row());
        env.stop();
        return;
    }
    // One call at a time, twice: as the OS schedules it, then with this process, the Sandbox
    // and the SDK sharing one core. On an idle VM a call that crosses cores waits for the other
    // vCPU to wake (an IPI through the hypervisor, ~0.1-0.3 ms each way), the same constant for
    // every client; on one core that constant is gone and the per-call cost of each client shows.
    let scheduled = sequential(&env, calls, python.as_deref(), None).await;
    env.pin(Some("0"));
    let one_core = sequential(&env, calls, python.as_deref(), Some("0")).await;
    env.pin(None);
    let proxy_parallel = env.proxy_in_flight(calls, 8).await;
    let loaded = env
        .execute_concurrently(64, Duration::from_secs(seconds))
        .await;
    let wrk = env.execute_with_wrk(64, Duration::from_secs(seconds)).await;

    println!("| path | calls | calls/s | p50 ms | p99 ms |");
    println!("|---|---:|---:|---:|---:|");
    let mut rows: Vec<&stats::Sample> = Vec::new();
    rows.extend(scheduled.rows());
    rows.extend(one_core.rows());
    rows.push(&proxy_parallel);
    rows.push(&loaded);
    rows.extend(&wrk);
    for row in &rows {
        println!("{}", row.row());
    }
    println!();
    for (seq, how) in [(&scheduled, "as scheduled"), (&one_core, "on one core")] {
        let p50 = |s: &stats::Sample| s.p50.as_secs_f64();
        println!(
            "client vs bare loop, {how}: {:.2}x the bare loop's p50 latency, {:.2}x its throughput (aim: within 1.2x)",
            p50(&seq.client) / p50(&seq.bare),
            seq.client.per_second() / seq.bare.per_second()
        );
        match &seq.python {
            Some(py) => println!(
                "client vs Python SDK, proxied calls one at a time, {how}: {:.1}x the SDK's calls/s (aim: at least 10x)",
                seq.proxy.per_second() / py.per_second(),
            ),
            None => println!("client vs Python SDK: skipped (pass --python PATH)"),
        }
        if let Some(grpc) = &seq.python_grpc {
            println!(
                "execute_tool, {how}: agentkit over REST {:.0} calls/s p50 {:.3} ms; Python SDK over gRPC {:.0} calls/s p50 {:.3} ms",
                seq.client.per_second(),
                p50(&seq.client) * 1e3,
                grpc.per_second(),
                p50(grpc) * 1e3,
            );
        }
    }
    if let Some(py) = &scheduled.python {
        println!(
            "client vs Python SDK, 8 proxied calls in flight vs the SDK one at a time: {:.1}x",
            proxy_parallel.per_second() / py.per_second()
        );
    }
    let cores = scenario::cores();
    // The load generator shares the cores; wrk (C) takes far less of them than reqwest does.
    let best = wrk.as_ref().unwrap_or(&loaded);
    println!(
        "Sandbox at concurrency 64: {:.0} execute_tool calls/s on {cores} cores, load generator included (aim: above 15,000)",
        best.per_second()
    );
    env.stop();
}

/// The one-call-at-a-time paths, measured together under one CPU placement.
struct Sequential {
    client: stats::Sample,
    bare: stats::Sample,
    proxy: stats::Sample,
    python: Option<stats::Sample>,
    /// The SDK's `execute_tool` over gRPC, beside the client's over REST.
    python_grpc: Option<stats::Sample>,
}

impl Sequential {
    fn rows(&self) -> impl Iterator<Item = &stats::Sample> {
        [&self.client, &self.bare, &self.proxy]
            .into_iter()
            .chain(self.python.as_ref())
            .chain(self.python_grpc.as_ref())
    }
}

/// `cpus`: the cores the Python SDK is pinned to (this process and the Sandbox already are).
async fn sequential(
    env: &scenario::Env,
    calls: usize,
    python: Option<&str>,
    cpus: Option<&str>,
) -> Sequential {
    let suffix = if cpus.is_some() { ", one core" } else { "" };
    let mut client = env.execute_with_client(calls).await;
    let mut bare = env.execute_bare(calls).await;
    let mut proxy = env.proxy_with_client(calls / 3).await;
    let mut python_proxy = None;
    let mut python_grpc = None;
    if let Some(p) = python {
        python_proxy = Some(env.proxy_with_python(p, (calls / 10).max(50), cpus).await);
        python_grpc = Some(
            env.execute_with_python_grpc(p, (calls / 10).max(50), cpus)
                .await,
        );
    }
    for s in [&mut client, &mut bare, &mut proxy]
        .into_iter()
        .chain(python_proxy.as_mut())
        .chain(python_grpc.as_mut())
    {
        s.label.push_str(suffix);
    }
    Sequential {
        client,
        bare,
        proxy,
        python: python_proxy,
        python_grpc,
    }
}
