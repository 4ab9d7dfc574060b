//! Writes one history entry with a large JSON response body (default 50 MB; fractions too, for
//! a small entry to compare with) into an app data dir, for `bench/app/history_entry.mjs` to
//! open in the real app. Prints the entry's id.
//!
//! `cargo run --release -p kitbench-core --example history_big_entry -- <data dir> [MB]`

use std::time::Duration;

use agentkit::Exchange;
use kitbench_core::history::classify;
use kitbench_core::{Kitbench, KitbenchConfig, SecretsChoice};

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .expect("usage: history_big_entry <data dir> [MB]");
    let mb: f64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(50.0);
    let size = (mb * 1_048_576.0) as usize;
    let config = KitbenchConfig {
        secrets: SecretsChoice::SessionOnly,
        ..KitbenchConfig::new(std::path::Path::new(&dir))
    };
    let app = Kitbench::open(config).await.expect("app opens");
    // A realistic big answer: a JSON array of messages, pretty-printed by the viewer.
    let mut body = String::with_capacity(size + 1024);
    body.push_str("{\"messages\":[");
    let mut i = 0usize;
    while body.len() < size {
        if i > 0 {
            body.push(',');
        }
        body.push_str(&format!(
            "{{\"id\":\"{i:016x}\",\"from\":\"ada.lovelace@example.com\",\"subject\":\"Quarterly report {i}\",\
             \"snippet\":\"Following up on the plan we discussed yesterday, with the numbers attached.\"}}"
        ));
        i += 1;
    }
    body.push_str("]}");
    let json = || vec![("content-type".to_string(), "application/json".to_string())];
    let exchange = Exchange {
        method: "GET".into(),
        url: "http://127.0.0.1:1/proxy/gmail/v1/users/me/messages".into(),
        request_headers: json(),
        request_body: None,
        status: Some(200),
        response_headers: json(),
        response_body: Some(body.into_bytes()),
        duration: Duration::from_millis(120),
        error: None,
        attempt: 1,
    };
    let redactor = agentkit::redact::Redactor::new();
    let record = classify::record(&exchange, "bench", Some("big-entry".into()), &redactor);
    app.history().sink().send(record);
    let rows = app.history_for_run("big-entry").await.expect("committed");
    println!("{}", rows.last().expect("the entry").id);
    app.shutdown().await;
}
