//! The playground's path for one tool run (target and input checked against the tool's schema →
//! `execute_tool` under a run id → the exchange redacted by the client's observer → queued to
//! the history writer) against the bare client call (`execute_tool` on the same client, observer
//! and all), alternating, in one run on the in-process Sandbox. A third row times a run until
//! its history entry is committed (`run_tool` then `history_for_run`, what the UI waits for to
//! show "Saved in history"). Prints p50/p95 of each and the ratio of p50s; asserts only that
//! every run succeeded and was saved.
//!
//! `cargo run --release -p kitbench-core --example playground_path [runs]`

use std::time::{Duration, Instant};

use agentkit::wire::tools::ExecuteToolRequest;
use kitbench_core::tools::{RunOutcome, RunTarget, ToolRunInput};
use kitbench_core::{Kitbench, KitbenchConfig, SecretsChoice};

fn percentile(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    v[((v.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2000);
    let dir = tempfile::tempdir().expect("temp dir");
    let config = KitbenchConfig {
        secrets: SecretsChoice::SessionOnly,
        ..KitbenchConfig::new(dir.path())
    };
    let app = Kitbench::open(config).await.expect("app opens");
    let env = app
        .sandbox_status()
        .expect("status")
        .info
        .expect("the Sandbox runs")
        .env_id;
    let client = app.client(&env).await.expect("client");
    let params = serde_json::json!({"max_results": 5});
    let input = |i: usize| ToolRunInput {
        run_id: Some(format!("bench-{i}")),
        tool_name: "gmail_fetch_mails".into(),
        target: RunTarget {
            account_id: None,
            identifier: Some("alice@example.com".into()),
            connection: Some("gmail".into()),
        },
        params: params.clone(),
    };
    let bare: ExecuteToolRequest = serde_json::from_value(serde_json::json!({
        "tool_name": "gmail_fetch_mails", "identifier": "alice@example.com",
        "connector": "gmail", "params": params,
    }))
    .expect("request");
    // Warm-up: connections, token, the schema cache, SQLite pages.
    for i in 0..100 {
        app.run_tool(&env, &input(i)).await.expect("run");
        client.execute_tool(&bare).await.expect("bare");
    }
    let (mut path, mut direct, mut saved) = (
        Vec::with_capacity(runs),
        Vec::with_capacity(runs),
        Vec::with_capacity(runs),
    );
    for i in 0..runs {
        let t = Instant::now();
        let result = app.run_tool(&env, &input(1000 + i)).await.expect("run");
        path.push(t.elapsed());
        assert!(matches!(result.outcome, RunOutcome::Ok), "{result:?}");
        let t = Instant::now();
        client.execute_tool(&bare).await.expect("bare");
        direct.push(t.elapsed());
    }
    // Apart from the alternation above: each of these commits before the next starts, which
    // would load the writer's core differently for the two paths compared there.
    for i in 0..runs {
        let t = Instant::now();
        let run = input(1_000_000 + i);
        app.run_tool(&env, &run).await.expect("run");
        let rows = app
            .history_for_run(run.run_id.as_deref().unwrap_or_default())
            .await
            .expect("saved");
        saved.push(t.elapsed());
        assert_eq!(rows.len(), 1, "one entry per run");
    }
    let build = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    let (p50, b50) = (percentile(&mut path, 0.5), percentile(&mut direct, 0.5));
    println!("playground path vs bare client, {runs} runs each, alternating ({build}):");
    println!("| path | p50 | p95 |\n|---|---:|---:|");
    println!(
        "| `run_tool`: validate → execute → redact → queued to the history | {} | {} |",
        ms(p50),
        ms(percentile(&mut path, 0.95))
    );
    println!(
        "| bare `execute_tool` | {} | {} |",
        ms(b50),
        ms(percentile(&mut direct, 0.95))
    );
    println!(
        "| `run_tool` then `history_for_run` (until committed) | {} | {} |",
        ms(percentile(&mut saved, 0.5)),
        ms(percentile(&mut saved, 0.95))
    );
    println!(
        "playground: p50 {:.2}x the bare call (aim: within 1.1x)",
        p50.as_secs_f64() / b50.as_secs_f64()
    );
}
