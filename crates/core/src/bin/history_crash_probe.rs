//! Appends history entries to `<data dir>/kitbench.db` through the real recorder and writer,
//! printing each entry's id once it is committed (the way the playground answers the UI only
//! after `history_for_run`). The durability test kills it with SIGKILL at random points.
//!
//! Usage: `history-crash-probe <data dir>`; runs until killed.

use std::io::Write;
use std::time::Duration;

use agentkit::redact::Redactor;
use agentkit::{Exchange, Observer};
use kitbench_core::history::History;
use kitbench_core::store::Store;

fn exchange(i: u64) -> Exchange {
    // Sizes on both sides of the 1 KiB inline limit, so compressed bodies are written too.
    let filler = "lorem ipsum dolor ".repeat((i % 7) as usize * 80);
    let body = format!(
        r#"{{"tool_name":"probe_tool","identifier":"user{i}@example.com","params":{{"n":{i},"text":"{filler}"}}}}"#
    );
    Exchange {
        method: "POST".into(),
        url: "http://127.0.0.1:1/api/v1/execute_tool".into(),
        request_headers: vec![("content-type".into(), "application/json".into())],
        request_body: Some(body.clone().into_bytes()),
        status: Some(200),
        response_headers: vec![("content-type".into(), "application/json".into())],
        response_body: Some(
            format!(r#"{{"data":{{"echo":{body}}},"execution_id":"x{i}"}}"#).into_bytes(),
        ),
        duration: Duration::from_millis(3),
        error: None,
        attempt: 1,
    }
}

#[tokio::main]
async fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: history-crash-probe <data dir>");
    let store = Store::open(std::path::Path::new(&dir))
        .await
        .expect("store opens");
    let history = History::start(store.pool().clone())
        .await
        .expect("history starts");
    let recorder = history.sink().recorder("env-probe", Redactor::new());
    let mut out = std::io::stdout().lock();
    for n in 0u64.. {
        let run = format!("probe-{}-{n}", std::process::id());
        // A few exchanges per run, so the writer batches them.
        kitbench_core::run_tag::with_run(run.clone(), async {
            for k in 0..1 + n % 4 {
                recorder.on_exchange(&exchange(n * 4 + k));
            }
        })
        .await;
        let rows = history.for_run(&run).await.expect("committed");
        for row in rows {
            writeln!(out, "{}", row.id).expect("stdout");
        }
        out.flush().expect("stdout");
    }
}
