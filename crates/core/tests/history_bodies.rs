//! Bodies on a real database file: small ones inline, large ones zstd-compressed and whole
//! again on reading, over 50 MB cut with their size noted; search indexes each body's first
//! 64 KiB.

use kitbench_core::history::classify::{Record, MAX_BODY};
use kitbench_core::history::{BodyPart, History, HistoryFilter, HistoryKind, StatusClass, PREVIEW};
use kitbench_core::store::Store;

fn record(request: Vec<u8>, response: Vec<u8>) -> Record {
    Record {
        at_ms: chrono::Utc::now().timestamp_millis(),
        env_id: "env".into(),
        run_id: None,
        kind: HistoryKind::Proxy,
        method: "POST".into(),
        url: "http://127.0.0.1:1/proxy/upload".into(),
        path: "/proxy/upload".into(),
        tool_name: None,
        identifier: Some("big@example.com".into()),
        connection: Some("files".into()),
        account_id: None,
        status: Some(200),
        status_class: StatusClass::Success,
        error: None,
        duration_ms: 1.0,
        attempt: 1,
        request_headers: vec![("content-type".into(), "text/plain".into())],
        response_headers: vec![("content-type".into(), "text/plain".into())],
        request_size: request.len() as u64,
        response_size: response.len() as u64,
        request_body: request,
        response_body: response,
    }
}

fn search(q: &str) -> HistoryFilter {
    HistoryFilter {
        q: Some(q.into()),
        ..HistoryFilter::default()
    }
}

#[tokio::test]
async fn large_bodies_compress_round_trip_and_are_cut_at_50_mb() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let history = History::start(store.pool().clone()).await.unwrap();

    // 5 MB of text: "early" in the first 64 KiB, "latecomer" only after it.
    let mut five = b"early ".to_vec();
    while five.len() < 5_000_000 {
        five.extend_from_slice(format!("line {} of a large body\n", five.len()).as_bytes());
    }
    five.extend_from_slice(b" latecomer");
    // 60 MB received; the classifier keeps the first 50 MB and the real size.
    let sixty: Vec<u8> = b"0123456789abcdef\n"
        .iter()
        .cycle()
        .take(60_000_000)
        .copied()
        .collect();
    let mut big = record(five.clone(), sixty[..MAX_BODY].to_vec());
    big.response_size = sixty.len() as u64;
    history.sink().send(big);
    history
        .sink()
        .send(record(b"small".to_vec(), b"tiny".to_vec()));
    history.flush().await.unwrap();

    let page = history
        .list(&HistoryFilter::default(), None, 10)
        .await
        .unwrap();
    assert_eq!(page.entries.len(), 2);
    let big_id = page.entries[1].id;
    let entry = history.get(big_id).await.unwrap();
    assert_eq!(entry.request_body.size, five.len() as u64);
    assert!(!entry.request_body.complete);
    assert_eq!(entry.request_body.text.len(), PREVIEW);
    assert_eq!(entry.response_body.size, 60_000_000);
    assert_eq!(entry.response_body.stored, MAX_BODY as u64);
    assert_eq!(history.body(big_id, BodyPart::Request).await.unwrap(), five);
    assert_eq!(
        history.body(big_id, BodyPart::Response).await.unwrap(),
        sixty[..MAX_BODY]
    );
    let small = history.get(page.entries[0].id).await.unwrap();
    assert!(small.request_body.complete);
    assert_eq!(small.response_body.text, "tiny");

    // Compressed: the file is far smaller than the 55 MB of bodies.
    let (blobs, truncated): (i64, i64) =
        sqlx::query_as("SELECT SUM(length(zstd)), MAX(truncated) FROM history_bodies")
            .fetch_one(store.pool())
            .await
            .unwrap();
    assert!(blobs < 5_000_000, "compressed to {blobs} bytes");
    assert_eq!(truncated, 1);

    // Search sees the first 64 KiB of each body.
    assert_eq!(
        history
            .list(&search("early"), None, 10)
            .await
            .unwrap()
            .entries
            .len(),
        1
    );
    assert!(history
        .list(&search("latecomer"), None, 10)
        .await
        .unwrap()
        .entries
        .is_empty());
    assert_eq!(
        history
            .list(&search("tiny"), None, 10)
            .await
            .unwrap()
            .entries
            .len(),
        1
    );
}

/// The end-to-end secret scan reads the database files byte for byte, and a body over 1 KiB
/// is not in them as written: `history-bodies` gives the scan every body as plain bytes.
#[tokio::test]
async fn history_bodies_prints_what_compression_hides_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).await.unwrap();
    let history = History::start(store.pool().clone()).await.unwrap();
    let marker = "planted-9f3c2e71d0b84a56";
    // Varied text, so zstd codes the literals (a marker among repeats can stay verbatim).
    let mut words = String::new();
    let mut x: u32 = 7;
    while words.len() < 3000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let n = 2 + (x >> 16) % 6;
        words.extend((0..n).map(|k| (b'a' + ((x >> (k + 8)) % 26) as u8) as char));
        words.push(' ');
    }
    let large = format!("{{\"note\":\"{words}{marker}\"}}");
    history.sink().send(record(
        b"short request".to_vec(),
        large.clone().into_bytes(),
    ));
    history.flush().await.unwrap();
    store.close().await;

    let db = dir.path().join("kitbench.db");
    let mut file = std::fs::read(&db).unwrap();
    file.extend(std::fs::read(dir.path().join("kitbench.db-wal")).unwrap_or_default());
    let hidden = |bytes: &[u8]| !bytes.windows(marker.len()).any(|w| w == marker.as_bytes());
    assert!(hidden(&file), "a 3 KB body is stored compressed");

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_history-bodies"))
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(&large), "the compressed body, whole");
    assert!(text.contains("short request"), "and the inline one");

    // A file that is not a history database is an error, not an empty answer.
    let other = dir.path().join("other.db");
    std::fs::write(&other, b"").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_history-bodies"))
        .arg(&other)
        .output()
        .unwrap();
    assert!(!out.status.success());
}
