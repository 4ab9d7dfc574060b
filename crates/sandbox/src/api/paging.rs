//! Offset pagination behind opaque page tokens (base64url of the offset).

use crate::http::ApiError;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

/// One page of a list: where it starts and how long it is.
pub(crate) struct Paging {
    offset: usize,
    size: usize,
}

/// The page tokens and total of an answer.
pub(crate) struct PageTokens {
    pub next_page_token: String,
    pub prev_page_token: String,
    pub total_size: u32,
}

fn token(offset: usize) -> String {
    URL_SAFE_NO_PAD.encode(format!("o:{offset}"))
}

impl Paging {
    /// Reads `page_token` and `page_size`; 0 or absent means `default`, larger than `max` is
    /// capped (the bounds the API rejects outright are validated before this).
    pub(crate) fn new(
        page_token: Option<&str>,
        page_size: Option<u32>,
        default: usize,
        max: usize,
    ) -> Result<Self, ApiError> {
        let offset = match page_token.filter(|t| !t.is_empty()) {
            None => 0,
            Some(t) => URL_SAFE_NO_PAD
                .decode(t)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .and_then(|s| s.strip_prefix("o:").and_then(|n| n.parse().ok()))
                .ok_or_else(|| ApiError::invalid("invalid page_token"))?,
        };
        let size = match page_size.unwrap_or(0) as usize {
            0 => default,
            n => n.min(max),
        };
        Ok(Self { offset, size })
    }

    /// Cuts the page out of the full, ordered list.
    pub(crate) fn apply<T>(&self, items: Vec<T>) -> (Vec<T>, PageTokens) {
        let (range, tokens) = self.range(items.len());
        let page: Vec<T> = items
            .into_iter()
            .skip(range.start)
            .take(range.len())
            .collect();
        (page, tokens)
    }

    /// The positions of the page in a list of `total` items, and the answer's tokens.
    pub(crate) fn range(&self, total: usize) -> (std::ops::Range<usize>, PageTokens) {
        let start = self.offset.min(total);
        let end = (start + self.size).min(total);
        let tokens = PageTokens {
            next_page_token: if end < total {
                token(end)
            } else {
                String::new()
            },
            prev_page_token: if start > 0 {
                token(start.saturating_sub(self.size))
            } else {
                String::new()
            },
            total_size: u32::try_from(total).unwrap_or(u32::MAX),
        };
        (start..end, tokens)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_pages() {
        let p = Paging::new(None, Some(2), 10, 99).unwrap();
        let (page, t) = p.apply((0..5).collect::<Vec<_>>());
        assert_eq!(page, vec![0, 1]);
        assert!(t.prev_page_token.is_empty() && t.total_size == 5);
        let p = Paging::new(Some(&t.next_page_token), Some(2), 10, 99).unwrap();
        let (page, t) = p.apply((0..5).collect::<Vec<_>>());
        assert_eq!(page, vec![2, 3]);
        assert!(!t.prev_page_token.is_empty());
        assert!(Paging::new(Some("!!"), None, 10, 99).is_err());
    }
}
