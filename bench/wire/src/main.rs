//! `kitbench-wire-bench`: one run against one Kitbench Sandbox (the release binary, in its own
//! process), printing a Markdown table and the ratios the wire issue asks for:
//! - `execute_tool` through the `agentkit` client vs a bare reqwest loop sending the same bytes;
//! - proxied calls through the client vs the official Python SDK;
//! - Sandbox throughput at concurrency 64.
//!
//! Usage: kitbench-wire-bench [--calls N] [--python PATH_TO_VENV_PYTHON] [--seconds S]

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
    let mut rows = Vec::new();
    let client = env.execute_with_client(calls).await;
    let bare = env.execute_bare(calls).await;
    let proxy = env.proxy_with_client(calls / 3).await;
    let proxy_parallel = env.proxy_in_flight(calls, 8).await;
    let py = match &python {
        Some(python) => Some(env.proxy_with_python(python, (calls / 10).max(50)).await),
        None => None,
    };
    let loaded = env
        .execute_concurrently(64, Duration::from_secs(seconds))
        .await;
    let wrk = env.execute_with_wrk(64, Duration::from_secs(seconds)).await;
    rows.extend([&client, &bare, &proxy, &proxy_parallel]);
    rows.extend(&py);
    rows.push(&loaded);
    rows.extend(&wrk);

    println!("| path | calls | calls/s | p50 ms | p99 ms |");
    println!("|---|---:|---:|---:|---:|");
    for row in &rows {
        println!("{}", row.row());
    }
    println!();
    let p50 = |s: &stats::Sample| s.p50.as_secs_f64();
    println!(
        "client vs bare loop: {:.2}x the bare loop's p50 latency, {:.2}x its throughput (aim: within 1.2x)",
        p50(&client) / p50(&bare),
        client.per_second() / bare.per_second()
    );
    match &py {
        Some(py) => println!(
            "client vs Python SDK (proxied calls): {:.1}x the SDK's calls/s one call at a time, \
             {:.1}x with 8 in flight (aim: at least 10x)",
            proxy.per_second() / py.per_second(),
            proxy_parallel.per_second() / py.per_second()
        ),
        None => println!("client vs Python SDK: skipped (pass --python PATH)"),
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // The load generator shares the cores; wrk (C) takes far less of them than reqwest does.
    let best = wrk.as_ref().unwrap_or(&loaded);
    println!(
        "Sandbox at concurrency 64: {:.0} execute_tool calls/s on {cores} cores, load generator included (aim: above 15,000)",
        best.per_second()
    );
    env.stop();
}
