//! Memory under unauthenticated large uploads (finding 2 of the hardening issue): starts the
//! `kitbench-sandbox` binary built beside this example, sends 500 POSTs of 8 MB without a
//! token (16 at a time; the first two arguments change both), and prints the Sandbox process's peak RSS (`VmHWM`) before and after.
//! A figure, not a test: it asserts nothing.
//!
//! `make bench-sandbox` runs it on release builds; `cargo run -p kitbench-sandbox --example
//! sandbox_memory` on debug ones (build the binary first: `cargo build -p kitbench-sandbox`).

use futures_util::StreamExt as _;
use std::io::BufRead as _;
use std::process::{Command, Stdio};
use std::time::Instant;

const REQUESTS: usize = 500;
const CONCURRENCY: usize = 16;

/// `REQUESTS` and `CONCURRENCY`, or the first two arguments.
fn shape() -> (usize, usize) {
    let mut args = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("a number"));
    (
        args.next().unwrap_or(REQUESTS),
        args.next().unwrap_or(CONCURRENCY),
    )
}
const BODY: usize = 8 * 1024 * 1024;

fn status_kb(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

#[tokio::main]
async fn main() {
    let exe = std::env::current_exe().expect("own path");
    let profile_dir = exe.parent().and_then(|p| p.parent()).expect("target dir");
    let binary = profile_dir.join("kitbench-sandbox");
    let mut child = Command::new(&binary)
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", binary.display()));
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the Sandbox prints its address");
    let started: serde_json::Value = serde_json::from_str(&line).expect("a JSON line");
    let url = started["url"].as_str().expect("url").to_string();
    let pid = child.id();
    let before = status_kb(pid, "VmHWM:");

    let (requests, concurrency) = shape();
    let http = reqwest::Client::new();
    let body = axum::body::Bytes::from(vec![b' '; BODY]);
    let clock = Instant::now();
    let statuses: Vec<Result<u16, String>> = futures_util::stream::iter(0..requests)
        .map(|_| {
            let (http, url, body) = (http.clone(), url.clone(), body.clone());
            async move {
                http.post(format!("{url}/api/v1/connected_accounts"))
                    .header("content-type", "application/json")
                    .body(body)
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
                    .map_err(|e| e.to_string())
            }
        })
        .buffer_unordered(concurrency)
        .collect()
        .await;
    let elapsed = clock.elapsed();
    let peak = status_kb(pid, "VmHWM:");
    let now = status_kb(pid, "VmRSS:");
    let answered_401 = statuses.iter().filter(|s| **s == Ok(401)).count();
    let failed = statuses.iter().filter(|s| s.is_err()).count();
    println!(
        "sandbox memory: {requests} unauthenticated POSTs of {} MB, {concurrency} at a time, \
         in {:.1} s: {answered_401} answered 401, {failed} failed",
        BODY / (1024 * 1024),
        elapsed.as_secs_f64()
    );
    println!(
        "sandbox memory: peak RSS (VmHWM) {:.1} MB at start, {:.1} MB after; RSS now {:.1} MB",
        before as f64 / 1024.0,
        peak as f64 / 1024.0,
        now as f64 / 1024.0
    );
    let _ = child.kill();
    let _ = child.wait();
}
