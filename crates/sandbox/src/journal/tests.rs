use super::render::truncate;
use super::*;

#[test]
fn bodies_are_cut_on_a_char_boundary() {
    assert_eq!(truncate("héllo".into(), 2), "h…[truncated]");
    assert_eq!(truncate("hello".into(), 5), "hello");
}

fn entry(body: Bytes) -> RawEntry {
    RawEntry {
        time: Utc::now(),
        method: Method::POST,
        uri: Uri::from_static("/api/v1/tools"),
        request_headers: HeaderMap::new(),
        request_body: body,
        status: 401,
        response_headers: HeaderMap::new(),
        response_body: Some(Bytes::from_static(b"{}")),
        duration: Duration::from_millis(1),
        fault: None,
    }
}

#[test]
fn large_bodies_are_cut_when_recorded_and_keep_their_size() {
    let journal = Journal::new(500, 8 << 20, Redactor::new());
    let big = Bytes::from(vec![b'a'; 3 << 20]);
    journal.push(entry(big));
    let bytes = journal.page(1, None).held_bytes;
    assert!(bytes < 70 * 1024, "{bytes}");
    let shown = &journal.entries()[0];
    assert_eq!(shown.request_body_bytes, 3 << 20);
    assert!(shown.request_body.ends_with("…[truncated]"));
    assert!(shown.request_body.len() < 65 * 1024);
}

#[test]
fn the_byte_bound_evicts_the_oldest() {
    let journal = Journal::new(500, 1 << 20, Redactor::new());
    for _ in 0..100 {
        journal.push(entry(Bytes::from(vec![b'x'; 60 * 1024])));
    }
    let page = journal.page(1, None);
    let (entries, bytes) = (page.held_entries, page.held_bytes);
    assert!(bytes <= 1 << 20, "{bytes}");
    assert!(entries < 20 && entries > 10, "{entries}");
    assert_eq!(journal.entries().last().map(|e| e.seq), Some(100));
}

#[test]
fn pages_go_newest_first_and_end() {
    let journal = Journal::new(10, 8 << 20, Redactor::new());
    for _ in 0..25 {
        journal.push(entry(Bytes::new()));
    }
    let first = journal.page(4, None);
    let seqs: Vec<u64> = first.entries.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, [25, 24, 23, 22]);
    assert_eq!(first.next_before, Some(22));
    let last = journal.page(100, Some(19));
    let seqs: Vec<u64> = last.entries.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, [18, 17, 16]);
    assert_eq!(last.next_before, None);
}
