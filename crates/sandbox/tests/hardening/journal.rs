//! The journal's byte bound and its pages, over HTTP (finding 2).

use crate::assert_error;
use crate::common::{self, Api};
use serde_json::{json, Value};

#[tokio::test]
async fn fifty_large_bodies_keep_the_journal_under_its_byte_bound() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let big = "x".repeat(3 * 1024 * 1024);
    for i in 0..50 {
        let body = json!({"connector": "gmail", "identifier": format!("u{i}"), "note": big});
        // Not a field of the message: 400, but journaled with its whole body's size.
        let r = api.post("/api/v1/connected_accounts", body).await;
        assert_eq!(r.status, 400, "{}", r.body);
    }
    let page = api.get("/_sandbox/journal?limit=500").await.body;
    let held = page["held_bytes"].as_u64().unwrap();
    println!(
        "journal after 50 bodies of 3 MiB: {} entries, {held} bytes",
        page["held_entries"]
    );
    assert!(held <= 8 * 1024 * 1024, "{held}");
    let newest = &page["entries"][0];
    assert_eq!(newest["path"], "/api/v1/connected_accounts");
    assert!(newest["request_body_bytes"].as_u64().unwrap() > 3 * 1024 * 1024);
    let shown = newest["request_body"].as_str().unwrap();
    assert!(shown.len() <= 64 * 1024 + 16 && shown.ends_with("…[truncated]"));
    assert!(page["entries"].as_array().unwrap().len() < 200);
}

#[tokio::test]
async fn the_journal_is_read_in_pages_newest_first() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    api.delete("/_sandbox/journal").await;
    for _ in 0..37 {
        assert_eq!(api.get("/api/v1/providers").await.status, 200);
    }
    let mut seqs = Vec::new();
    let mut query = String::from("/_sandbox/journal?limit=10");
    let mut pages = 0;
    loop {
        let page = api.get(&query).await.body;
        pages += 1;
        let entries = page["entries"].as_array().unwrap();
        assert!(entries.len() <= 10);
        seqs.extend(entries.iter().map(|e| e["seq"].as_u64().unwrap()));
        match page["next_before"].as_u64() {
            Some(before) => query = format!("/_sandbox/journal?limit=10&before={before}"),
            None => break,
        }
    }
    assert_eq!(pages, 4);
    assert_eq!(seqs.len(), 37);
    assert!(seqs.windows(2).all(|w| w[0] == w[1] + 1), "{seqs:?}");
    // Without a limit, the newest 50 (backwards compatible with callers that read it all).
    let unpaged: Value = api.get("/_sandbox/journal").await.body;
    assert_eq!(unpaged["entries"].as_array().unwrap().len(), 37);
    assert!(unpaged.get("next_before").is_none());
    for bad in ["limit=0", "limit=501", "limit=abc", "before=-1", "lmit=3"] {
        let r = api.get(&format!("/_sandbox/journal?{bad}")).await;
        assert_error(&r, 400, 3);
    }
}
