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
#[path = "chunk_tests.rs"]
mod tests;
