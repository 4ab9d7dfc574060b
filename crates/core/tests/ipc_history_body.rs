//! Reading history bodies through `ipc::dispatch` the way "Show all" does: pieces of about
//! 1 MiB from offset 0, each at the previous piece's `next`, until `next == stored`.

mod common;

use std::time::Duration;

use agentkit::Exchange;
use common::ipc::Harness;
use kitbench_core::history::{classify, BodyPart, CHUNK};
use kitbench_core::ErrorKind;
use serde_json::{json, Value};

/// Records one proxied exchange with these bodies; its entry id.
async fn record(h: &Harness, run: &str, request: Option<Vec<u8>>, response: Vec<u8>) -> i64 {
    let text = || vec![("content-type".to_string(), "text/plain".to_string())];
    let exchange = Exchange {
        method: "POST".into(),
        url: "http://127.0.0.1:1/proxy/files/upload".into(),
        request_headers: text(),
        request_body: request,
        status: Some(200),
        response_headers: text(),
        response_body: Some(response),
        duration: Duration::from_millis(5),
        error: None,
        attempt: 1,
    };
    let redactor = agentkit::redact::Redactor::new();
    let kit = h.cx.kit().await.unwrap();
    let record = classify::record(&exchange, "env_body", Some(run.into()), &redactor);
    kit.history().sink().send(record);
    kit.history_for_run(run).await.unwrap().last().unwrap().id
}

/// Every piece of a body, read as the UI reads it.
async fn read_all(h: &Harness, id: i64, part: &str) -> Vec<Value> {
    let mut pieces: Vec<Value> = Vec::new();
    let mut offset = 0u64;
    loop {
        let piece = h
            .call(
                "history_body_chunk",
                json!({"id": id, "part": part, "offset": offset}),
            )
            .await;
        let next = piece["next"].as_u64().unwrap();
        let stored = piece["stored"].as_u64().unwrap();
        assert!(next > offset || next == stored, "no progress at {offset}");
        offset = next;
        pieces.push(piece);
        if next == stored {
            return pieces;
        }
        assert!(pieces.len() < 1000, "too many pieces");
    }
}

fn joined(pieces: &[Value]) -> String {
    pieces.iter().map(|p| p["text"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn a_large_compressed_body_and_an_inline_one_come_back_whole_in_pieces() {
    let h = Harness::new().await;
    // Over 3 MiB of mixed 1- to 4-byte characters, with a 4-byte one across the first cut.
    let mut big = "a".repeat(CHUNK - 1);
    big.push('😀');
    let mut n = 0;
    while big.len() < 3 * CHUNK + 1000 {
        big.push_str(&format!("línea {n}: añ€😀 — ok\n"));
        n += 1;
    }
    let small = "{\"q\":\"é\"}".to_string();
    let id = record(
        &h,
        "run-big",
        Some(small.clone().into_bytes()),
        big.clone().into_bytes(),
    )
    .await;

    let pieces = read_all(&h, id, "response").await;
    assert_eq!(pieces.len(), 4);
    assert_eq!(
        pieces[0]["next"],
        (CHUNK - 1) as u64,
        "the emoji is not split"
    );
    assert!(pieces[1]["text"].as_str().unwrap().starts_with('😀'));
    for p in &pieces {
        assert!(p["text"].as_str().unwrap().len() <= CHUNK);
        assert_eq!(p["stored"], big.len() as u64);
    }
    let text = joined(&pieces);
    assert!(!text.contains('\u{FFFD}'));
    assert_eq!(text.as_bytes(), big.as_bytes());
    // The same as the stored body read whole.
    let kit = h.cx.kit().await.unwrap();
    let whole = kit.history().body(id, BodyPart::Response).await.unwrap();
    assert_eq!(whole, big.as_bytes());

    // A small (inline) body: one piece.
    let request = read_all(&h, id, "request").await;
    assert_eq!(request.len(), 1);
    assert_eq!(request[0]["text"], small);
    assert_eq!(request[0]["next"], small.len() as u64);
    assert_eq!(request[0]["stored"], small.len() as u64);

    // Reading one body from the middle, then another, then the first again from where it
    // was: each answer is still that body's own bytes.
    let second = h
        .call(
            "history_body_chunk",
            json!({"id": id, "part": "response", "offset": pieces[0]["next"]}),
        )
        .await;
    read_all(&h, id, "request").await;
    let again = h
        .call(
            "history_body_chunk",
            json!({"id": id, "part": "response", "offset": pieces[0]["next"]}),
        )
        .await;
    assert_eq!(second, pieces[1]);
    assert_eq!(again, pieces[1]);
}

#[tokio::test]
async fn no_body_is_one_empty_piece_and_bad_reads_say_why() {
    let h = Harness::new().await;
    let id = record(&h, "run-empty", None, b"tiny".to_vec()).await;
    let empty = read_all(&h, id, "request").await;
    assert_eq!(empty, vec![json!({"text": "", "next": 0, "stored": 0})]);
    let tiny = read_all(&h, id, "response").await;
    assert_eq!(tiny, vec![json!({"text": "tiny", "next": 4, "stored": 4})]);

    // At the end: the empty last piece; past it, an error naming the offset.
    let end = h
        .call(
            "history_body_chunk",
            json!({"id": id, "part": "response", "offset": 4}),
        )
        .await;
    assert_eq!(end, json!({"text": "", "next": 4, "stored": 4}));
    let past = h
        .try_call(
            "history_body_chunk",
            json!({"id": id, "part": "response", "offset": 5}),
        )
        .await
        .unwrap_err();
    assert_eq!(past.kind, ErrorKind::Validation);
    assert_eq!(past.fields[0].field, "offset");

    let missing = h
        .try_call(
            "history_body_chunk",
            json!({"id": 999_999, "part": "response", "offset": 0}),
        )
        .await
        .unwrap_err();
    assert_eq!(missing.kind, ErrorKind::NotFound);
    assert!(missing.message.contains("999999"), "{}", missing.message);
    let bad_part = h
        .try_call(
            "history_body_chunk",
            json!({"id": id, "part": "headers", "offset": 0}),
        )
        .await
        .unwrap_err();
    assert!(
        bad_part
            .message
            .contains("expected `request` or `response`"),
        "{}",
        bad_part.message
    );
}
