//! `cargo bench -p kitbench-sandbox --bench throughput`: execute_tool calls per second against
//! an in-process Sandbox with 64 concurrent keep-alive clients for a few seconds. The load
//! generator shares the machine, so this is a lower bound of what the server can do.

use serde_json::json;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const CONCURRENCY: usize = 64;
const RUN_FOR: Duration = Duration::from_secs(5);

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run());
}

async fn run() {
    let sb = kitbench_sandbox::start(kitbench_sandbox::SandboxConfig::default())
        .await
        .expect("sandbox starts");
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(CONCURRENCY)
        .build()
        .expect("client");
    let token: serde_json::Value = http
        .post(format!("{}/oauth/token", sb.url()))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", sb.client_id()),
            ("client_secret", sb.client_secret()),
        ])
        .send()
        .await
        .expect("token")
        .json()
        .await
        .expect("token json");
    let token = token["access_token"]
        .as_str()
        .expect("access_token")
        .to_string();
    let body = serde_json::to_vec(&json!({
        "tool_name": "gmail_fetch_mails",
        "identifier": "alice@example.com",
        "connector": "gmail",
        "params": {"query": "is:unread", "max_results": 3}
    }))
    .expect("body");
    let url = format!("{}/api/v1/execute_tool", sb.url());
    let done = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CONCURRENCY {
        let (http, url, token, body) = (http.clone(), url.clone(), token.clone(), body.clone());
        let (done, failed) = (done.clone(), failed.clone());
        tasks.push(tokio::spawn(async move {
            while started.elapsed() < RUN_FOR {
                let ok = http
                    .post(&url)
                    .bearer_auth(&token)
                    .header("content-type", "application/json")
                    .body(body.clone())
                    .send()
                    .await
                    .map(|r| r.status().is_success());
                match ok {
                    Ok(true) => done.fetch_add(1, Ordering::Relaxed),
                    _ => failed.fetch_add(1, Ordering::Relaxed),
                };
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let secs = started.elapsed().as_secs_f64();
    let n = done.load(Ordering::Relaxed);
    println!(
        "execute_tool: {n} calls in {secs:.1}s = {:.0}/s, concurrency {CONCURRENCY}, {} failed",
        n as f64 / secs,
        failed.load(Ordering::Relaxed)
    );
    sb.shutdown().await;
}
