//! Tests of [`super`]: cutting pieces, and keeping (and dropping) the body being read.

use super::*;

/// Every piece of `bytes` read the way the UI does: from 0, each at the previous `next`.
fn pieces(bytes: &[u8], max: usize) -> Vec<BodyChunk> {
    let mut out = Vec::new();
    let mut at = 0;
    loop {
        let c = cut(bytes, at, max).unwrap();
        assert_eq!(c.stored, bytes.len() as u64);
        assert!(c.next > at || c.next == c.stored, "no progress at {at}");
        at = c.next;
        out.push(c);
        if at == bytes.len() as u64 {
            return out;
        }
    }
}

fn joined(pieces: &[BodyChunk]) -> String {
    pieces.iter().map(|c| c.text.as_str()).collect()
}

#[test]
fn a_character_straddling_the_cut_goes_whole_into_the_next_piece() {
    // 2-, 3- and 4-byte characters starting 1, 2 and 3 bytes before the 1 MiB mark.
    for (ch, before) in [
        ("é", 1),
        ("€", 1),
        ("€", 2),
        ("😀", 1),
        ("😀", 2),
        ("😀", 3),
    ] {
        let mut text = "a".repeat(CHUNK - before);
        text.push_str(ch);
        text.push_str("tail");
        let p = pieces(text.as_bytes(), CHUNK);
        assert_eq!(p.len(), 2, "{ch} at -{before}");
        assert_eq!(p[0].next as usize, CHUNK - before);
        assert!(p[1].text.starts_with(ch));
        assert!(!joined(&p).contains('\u{FFFD}'));
        assert_eq!(joined(&p), text);
    }
    // Ending exactly at the mark: nothing to move.
    let text = format!("{}é{}", "a".repeat(CHUNK - 2), "b".repeat(10));
    assert_eq!(pieces(text.as_bytes(), CHUNK)[0].next as usize, CHUNK);
}

#[test]
fn multi_byte_text_reassembles_over_many_small_pieces() {
    let text = "añ€😀 b\n".repeat(5_000);
    for max in [4, 5, 7, 1000] {
        let p = pieces(text.as_bytes(), max);
        assert_eq!(joined(&p).as_bytes(), text.as_bytes(), "max {max}");
    }
    // Below 4 bytes a character may not fit: pieces still progress (lossily).
    assert_eq!(pieces(text.as_bytes(), 1).len(), text.len());
}

#[test]
fn an_empty_body_is_one_empty_last_piece() {
    let c = cut(b"", 0, CHUNK).unwrap();
    assert_eq!((c.text.as_str(), c.next, c.stored), ("", 0, 0));
}

#[test]
fn the_end_is_an_empty_last_piece_and_past_it_an_error() {
    let c = cut(b"abc", 3, CHUNK).unwrap();
    assert_eq!((c.text.as_str(), c.next, c.stored), ("", 3, 3));
    let Err(Error::Invalid(fields)) = cut(b"abc", 4, CHUNK) else {
        panic!("offset 4 of 3 bytes is refused")
    };
    assert_eq!(fields[0].field, "offset");
    assert!(
        fields[0].message.contains("past its end"),
        "{}",
        fields[0].message
    );
    assert!(cut(b"abc", u64::MAX, CHUNK).is_err());
}

#[test]
fn invalid_utf8_is_replaced_and_pieces_still_progress() {
    let mut bytes = vec![b'a'; 10];
    bytes.extend([0x80, 0x80, 0x80, 0x80, 0x80, 0xff, b'z']);
    let p = pieces(&bytes, 12);
    assert_eq!(p.last().unwrap().next, bytes.len() as u64);
    let text = joined(&p);
    assert!(
        text.starts_with("aaaaaaaaaa\u{FFFD}") && text.ends_with('z'),
        "{text}"
    );
}

/// A history on a fresh database file holding one entry with these bodies, and its id.
async fn one_entry(
    request: &[u8],
    response: &[u8],
) -> (
    tempfile::TempDir,
    crate::store::Store,
    super::super::History,
    i64,
) {
    let dir = tempfile::tempdir().unwrap();
    let store = crate::store::Store::open(dir.path()).await.unwrap();
    let history = super::super::History::start(store.pool().clone())
        .await
        .unwrap();
    let exchange = agentkit::Exchange {
        method: "POST".into(),
        url: "http://127.0.0.1:1/proxy/files".into(),
        request_headers: Vec::new(),
        request_body: Some(request.to_vec()),
        status: Some(200),
        response_headers: Vec::new(),
        response_body: Some(response.to_vec()),
        duration: std::time::Duration::from_millis(1),
        error: None,
        attempt: 1,
    };
    let redactor = agentkit_wire::redact::Redactor::new();
    let record = super::super::classify::record(&exchange, "env", Some("r".into()), &redactor);
    history.sink().send(record);
    let id = history.for_run("r").await.unwrap()[0].id;
    (dir, store, history, id)
}

#[tokio::test]
async fn the_body_being_read_is_kept_until_its_last_piece_or_another_read() {
    let body = "0123456789\n".repeat(CHUNK / 4);
    let (_dir, _store, history, id) = one_entry(b"small", body.as_bytes()).await;
    let (res, req) = (BodyPart::Response, BodyPart::Request);
    let kept = || history.reading.cached(id, res).is_some();

    let first = history.body_chunk(id, res, 0).await.unwrap();
    assert_eq!(first.next as usize, CHUNK);
    assert!(kept());
    // Reading another body drops it (and a one-piece body is not kept either).
    history.body_chunk(id, req, 0).await.unwrap();
    assert!(history.reading.slot().is_none());
    // Going on reads it again, keeps it, and drops it with the last piece.
    let mut text = first.text;
    let mut at = first.next;
    while at < first.stored {
        let c = history.body_chunk(id, res, at).await.unwrap();
        assert_eq!(kept(), c.next < c.stored);
        text.push_str(&c.text);
        at = c.next;
    }
    assert_eq!(text, body);
    assert!(history.reading.slot().is_none());
    // Deleting the entry forgets a body being read.
    history.body_chunk(id, res, 0).await.unwrap();
    assert!(kept());
    history.delete(&[id]).await.unwrap();
    assert!(history.reading.slot().is_none());
    let gone = history.body_chunk(id, res, CHUNK as u64).await;
    assert!(matches!(gone, Err(Error::NotFound(_))), "{gone:?}");
}

#[tokio::test]
async fn a_body_nobody_reads_on_is_dropped() {
    let body = "x".repeat(3 * CHUNK);
    let (_dir, store, _history, id) = one_entry(b"", body.as_bytes()).await;
    let res = BodyPart::Response;

    // Idle time is counted from the last piece asked for.
    let cache = Arc::new(BodyCache::keeping_for(Duration::from_secs(10)));
    let back = |secs| {
        let mut slot = cache.slot();
        let open = slot.as_mut().unwrap();
        open.last_read = open
            .last_read
            .checked_sub(Duration::from_secs(secs))
            .unwrap();
    };
    cache.read(store.pool(), id, res, 0).await.unwrap();
    let kept = Arc::downgrade(&cache.cached(id, res).unwrap());
    assert!(cache.idle_left(&kept).unwrap() > Duration::from_secs(5));
    back(9);
    assert!(cache.idle_left(&kept).unwrap() <= Duration::from_secs(1));
    cache
        .read(store.pool(), id, res, CHUNK as u64)
        .await
        .unwrap();
    assert!(cache.idle_left(&kept).unwrap() > Duration::from_secs(5));
    back(10);
    assert_eq!(cache.idle_left(&kept), None);
    assert!(cache.slot().is_none(), "dropped once idle");

    // And the task started with the first piece drops it by itself.
    let cache = Arc::new(BodyCache::keeping_for(Duration::from_millis(50)));
    cache.read(store.pool(), id, res, 0).await.unwrap();
    assert!(cache.slot().is_some());
    let deadline = Instant::now() + Duration::from_secs(10);
    while cache.slot().is_some() {
        assert!(Instant::now() < deadline, "the idle body was never dropped");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // Going on after that reads it from the database again.
    let c = cache
        .read(store.pool(), id, res, CHUNK as u64)
        .await
        .unwrap();
    assert_eq!((c.next, c.stored), (2 * CHUNK as u64, 3 * CHUNK as u64));
    assert!(cache.slot().is_some());
}
