//! How bodies are kept: inline up to 1 KiB, zstd-compressed above; what search indexes of them;
//! the preview the detail view shows first.

use super::model::BodyPreview;
use crate::{Error, Result};

/// Bodies up to this size stay in the entry's row; larger ones are compressed. Compressing
/// from 1 KiB rather than 4 KiB costs the preparing thread ~4 µs per entry and saves the
/// SQLite thread (the slower stage) ~3 µs of writing: 10.4 → 9.2 KB written per entry by the
/// history benchmark at 1,000,000 entries, whose bodies are 200 B–8 KiB of text.
pub const INLINE_MAX: usize = 1024;

/// How much of each body full-text search indexes, and how much a preview shows.
pub const PREVIEW: usize = 64 * 1024;

/// zstd level 1: history is written while the user works, on the same two cores. Measured
/// with the history benchmark, level 1 compressed as small as 3 (bodies of a few KiB leave the
/// higher levels little to find) in less time.
const LEVEL: i32 = 1;

/// A body as stored: inline bytes, or a compressed blob for `history_bodies`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// No body.
    Empty,
    /// Kept in the row as is.
    Inline(Vec<u8>),
    /// zstd of the (possibly truncated) body.
    Compressed(Vec<u8>),
}

impl Stored {
    /// Bytes it takes on disk.
    pub fn len(&self) -> usize {
        match self {
            Self::Empty => 0,
            Self::Inline(b) | Self::Compressed(b) => b.len(),
        }
    }
}

/// A zstd compressor kept for a batch: making one per body costs more than compressing a
/// small body.
pub fn compressor() -> Result<zstd::bulk::Compressor<'static>> {
    zstd::bulk::Compressor::new(LEVEL).map_err(|e| Error::io("cannot start zstd", e))
}

/// Chooses how to keep `body`.
pub fn store(z: &mut zstd::bulk::Compressor<'_>, body: &[u8]) -> Result<Stored> {
    if body.is_empty() {
        Ok(Stored::Empty)
    } else if body.len() <= INLINE_MAX {
        Ok(Stored::Inline(body.to_vec()))
    } else {
        z.compress(body)
            .map(Stored::Compressed)
            .map_err(|e| Error::io("cannot compress a history body", e))
    }
}

/// Decompresses a stored blob of a body of (at most) `size` bytes.
pub fn decompress(blob: &[u8], size: usize) -> Result<Vec<u8>> {
    zstd::bulk::decompress(blob, size.min(super::classify::MAX_BODY))
        .map_err(|e| Error::io("a stored history body does not decompress", e))
}

/// The text search indexes for `body`: its first 64 KiB when it is text (cut at a character
/// boundary), nothing for binary bodies.
pub fn search_text(body: &[u8]) -> &str {
    let head = &body[..body.len().min(PREVIEW)];
    match std::str::from_utf8(head) {
        Ok(text) => text,
        // A multi-byte character cut at 64 KiB: index up to it.
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => "",
    }
}

/// Whether `bytes` look binary: invalid UTF-8 (beyond a cut final character) or NUL bytes.
fn binary(bytes: &[u8]) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.contains('\0'),
        Err(e) => e.error_len().is_some(),
    }
}

/// The preview of a stored body of `size` bytes (before truncation).
pub fn preview(stored: &[u8], size: u64, content_type: Option<String>) -> BodyPreview {
    let head = &stored[..stored.len().min(PREVIEW)];
    BodyPreview {
        size,
        stored: stored.len() as u64,
        text: String::from_utf8_lossy(head).into_owned(),
        complete: head.len() == stored.len(),
        binary: binary(head),
        content_type,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_bodies_compress_and_come_back() {
        let body = br#"{"message":"hello world"}"#.repeat(1000);
        let z = &mut compressor().unwrap();
        let Stored::Compressed(blob) = store(z, &body).unwrap() else {
            panic!("a 25 KB body is compressed")
        };
        assert!(blob.len() < body.len() / 10);
        assert_eq!(decompress(&blob, body.len()).unwrap(), body);
        assert_eq!(store(z, b"{}").unwrap(), Stored::Inline(b"{}".to_vec()));
        // From just over 1 KiB a body is compressed; up to it, kept as is.
        let edge = b"x".repeat(INLINE_MAX);
        assert_eq!(store(z, &edge).unwrap(), Stored::Inline(edge.clone()));
        let over = br#"{"id":"m1","snippet":"a b c"}"#.repeat(40);
        assert!(over.len() > INLINE_MAX && over.len() < 4 * 1024);
        assert!(matches!(store(z, &over).unwrap(), Stored::Compressed(_)));
        assert_eq!(store(z, b"").unwrap(), Stored::Empty);
    }

    #[test]
    fn search_text_stops_at_64k_and_at_binary() {
        let mut text = "é".repeat(PREVIEW);
        text.push('x');
        assert!(search_text(text.as_bytes()).len() <= PREVIEW);
        assert!(search_text(text.as_bytes()).starts_with("éé"));
        assert_eq!(search_text(&[0xff, 0xfe, 0x00]), "");
        let p = preview(&[0xff, 0xfe], 2, None);
        assert!(p.binary && p.complete);
    }
}
