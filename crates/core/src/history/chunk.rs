//! Reading a whole body in pieces of about 1 MiB, so the UI never receives (or parses) 50 MB as
//! one IPC answer. A compressed body can only be decompressed from its start, so the body being
//! read is kept decompressed between pieces; one body at a time, and only until its last piece
//! is served or no piece has been asked for a while (the user stopped reading), so memory does
//! not stay 50 MB higher.

use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use sqlx::SqlitePool;

use super::entry;
use super::model::{BodyChunk, BodyPart};
use crate::{Error, FieldError, Result};

/// Stored bytes per piece (fewer when a multi-byte character would be cut).
pub const CHUNK: usize = 1024 * 1024;

/// How long a body is kept after its last piece was asked for. Going on later (the UI's "Show
/// the rest" after Stop) decompresses it again: ~0.1 s for 50 MB, against 50 MB held meanwhile.
const KEEP_IDLE: Duration = Duration::from_secs(20);

/// The body being read piece by piece.
struct Open {
    id: i64,
    part: BodyPart,
    bytes: Arc<Vec<u8>>,
    last_read: Instant,
}

// Not derived: printing the history must not print 50 MB of body.
impl std::fmt::Debug for Open {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Open")
            .field("id", &self.id)
            .field("part", &self.part)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// A one-entry cache of the body being read.
#[derive(Debug)]
pub struct BodyCache {
    open: Mutex<Option<Open>>,
    keep_idle: Duration,
}

impl Default for BodyCache {
    fn default() -> Self {
        Self::keeping_for(KEEP_IDLE)
    }
}

impl BodyCache {
    /// A cache that drops a body `keep_idle` after its last piece was asked for.
    pub fn keeping_for(keep_idle: Duration) -> Self {
        Self {
            open: Mutex::default(),
            keep_idle,
        }
    }

    fn slot(&self) -> std::sync::MutexGuard<'_, Option<Open>> {
        self.open.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn cached(&self, id: i64, part: BodyPart) -> Option<Arc<Vec<u8>>> {
        let mut slot = self.slot();
        let open = slot.as_mut().filter(|o| o.id == id && o.part == part)?;
        open.last_read = Instant::now();
        Some(open.bytes.clone())
    }

    /// Drops `bytes` once no piece of it has been asked for `keep_idle` (unless it was dropped
    /// or replaced before).
    fn expire(self: &Arc<Self>, bytes: &Arc<Vec<u8>>) {
        let (cache, kept) = (Arc::downgrade(self), Arc::downgrade(bytes));
        tokio::spawn(async move {
            let mut wait = cache.upgrade().map(|c| c.keep_idle);
            while let Some(d) = wait {
                tokio::time::sleep(d).await;
                wait = cache.upgrade().and_then(|c| c.idle_left(&kept));
            }
        });
    }

    /// How much longer `kept` may stay, or `None` once it is gone (dropped here when idle).
    fn idle_left(&self, kept: &Weak<Vec<u8>>) -> Option<Duration> {
        let mut slot = self.slot();
        let open = slot
            .as_ref()
            .filter(|o| std::ptr::eq(kept.as_ptr(), Arc::as_ptr(&o.bytes)))?;
        let left = self.keep_idle.saturating_sub(open.last_read.elapsed());
        if left.is_zero() {
            slot.take();
            return None;
        }
        Some(left)
    }

    /// Forgets the body being read (its entry may have been deleted).
    pub fn clear(&self) {
        self.slot().take();
    }

    /// The piece of body `part` of entry `id` starting at `offset` (a previous piece's `next`).
    /// Offset 0 starts a new reading from the database; later pieces come from the kept body.
    pub async fn read(
        self: &Arc<Self>,
        pool: &SqlitePool,
        id: i64,
        part: BodyPart,
        offset: u64,
    ) -> Result<BodyChunk> {
        let mut fresh = false;
        let bytes = match self.cached(id, part).filter(|_| offset > 0) {
            Some(bytes) => bytes,
            None => {
                fresh = true;
                let bytes = Arc::new(entry::body_bytes(pool, id, part).await?);
                // Reading another body replaces the one kept (one at a time).
                *self.slot() = Some(Open {
                    id,
                    part,
                    bytes: bytes.clone(),
                    last_read: Instant::now(),
                });
                bytes
            }
        };
        let piece = cut(&bytes, offset, CHUNK);
        let done = !matches!(&piece, Ok(c) if c.next < c.stored);
        if done {
            let mut slot = self.slot();
            if slot.as_ref().is_some_and(|o| Arc::ptr_eq(&o.bytes, &bytes)) {
                slot.take();
            }
        } else if fresh {
            self.expire(&bytes);
        }
        piece
    }
}

/// Whether `b` continues a UTF-8 character (`10xxxxxx`).
fn continues(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// The piece of `bytes` from `offset`, at most `max` bytes, ending before a character that
/// would be cut; `offset == len` gives the empty last piece.
pub fn cut(bytes: &[u8], offset: u64, max: usize) -> Result<BodyChunk> {
    let stored = bytes.len();
    let start = usize::try_from(offset)
        .ok()
        .filter(|&o| o <= stored)
        .ok_or_else(|| {
            Error::Invalid(vec![FieldError::new(
                "offset",
                format!("The body has {stored} bytes; offset {offset} is past its end."),
            )])
        })?;
    let mut end = stored.min(start.saturating_add(max.max(1)));
    if end < stored {
        // A UTF-8 character is at most 4 bytes: back up to its first byte, which starts the next
        // piece. More than 3 continuation bytes in a row is not UTF-8, and a piece must not be
        // empty: then cut where we are (the text is lossy there anyway).
        let mut first = end;
        while first > start && end - first < 3 && continues(bytes[first]) {
            first -= 1;
        }
        if first > start && !continues(bytes[first]) {
            end = first;
        }
    }
    Ok(BodyChunk {
        text: String::from_utf8_lossy(&bytes[start..end]).into_owned(),
        next: end as u64,
        stored: stored as u64,
    })
}

#[cfg(test)]
mod tests {
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

    #[tokio::test]
    async fn the_body_being_read_is_kept_until_its_last_piece_or_another_read() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(dir.path()).await.unwrap();
        let history = super::super::History::start(store.pool().clone())
            .await
            .unwrap();
        let body = "0123456789\n".repeat(CHUNK / 4);
        let exchange = agentkit::Exchange {
            method: "POST".into(),
            url: "http://127.0.0.1:1/proxy/files".into(),
            request_headers: Vec::new(),
            request_body: Some(b"small".to_vec()),
            status: Some(200),
            response_headers: Vec::new(),
            response_body: Some(body.clone().into_bytes()),
            duration: std::time::Duration::from_millis(1),
            error: None,
            attempt: 1,
        };
        let redactor = agentkit_wire::redact::Redactor::new();
        let record = super::super::classify::record(&exchange, "env", Some("r".into()), &redactor);
        history.sink().send(record);
        let id = history.for_run("r").await.unwrap()[0].id;
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
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(dir.path()).await.unwrap();
        let history = super::super::History::start(store.pool().clone())
            .await
            .unwrap();
        let exchange = agentkit::Exchange {
            method: "GET".into(),
            url: "http://127.0.0.1:1/proxy/files".into(),
            request_headers: Vec::new(),
            request_body: None,
            status: Some(200),
            response_headers: Vec::new(),
            response_body: Some("x".repeat(3 * CHUNK).into_bytes()),
            duration: std::time::Duration::from_millis(1),
            error: None,
            attempt: 1,
        };
        let redactor = agentkit_wire::redact::Redactor::new();
        let record = super::super::classify::record(&exchange, "env", Some("r".into()), &redactor);
        history.sink().send(record);
        let id = history.for_run("r").await.unwrap()[0].id;
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
}
