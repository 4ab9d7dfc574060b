//! Free text: known secrets, credential path segments, `key=value` pairs and bearer tokens,
//! found wherever they sit in a string (a URL, a form body, an HTML page, an error message).

use super::{keys, Redactor, MASK};

/// Routes whose next path segment is a credential: an MCP instance (`/mcp/v1/{token}`) and a
/// magic link's consent page (`/magic/{token}`).
pub(super) const CREDENTIAL_ROUTES: &[&str] = &["/mcp/v1/", "/magic/"];

/// Segments after a credential route that name a page, not a token.
const PUBLIC_SEGMENTS: &[&str] = &["done", MASK];

/// Ends a path segment or a `key=value` value.
fn ends_value(b: u8) -> bool {
    b.is_ascii_whitespace()
        || matches!(
            b,
            b'/' | b'?'
                | b'#'
                | b'&'
                | b'"'
                | b'\''
                | b'<'
                | b'>'
                | b'\\'
                | b','
                | b';'
                | b'('
                | b')'
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'|'
                | b'`'
        )
}

fn key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'%')
}

fn token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'+' | b'/' | b'=')
}

/// End of the value that starts at `from`.
fn value_end(s: &str, from: usize) -> usize {
    s.as_bytes()[from..]
        .iter()
        .position(|b| ends_value(*b))
        .map_or(s.len(), |i| from + i)
}

impl Redactor {
    /// `text` with every known secret (in any of its [`forms`](super::forms)), every credential
    /// path segment (`/mcp/v1/{token}`, `/magic/{token}`), the value of every credential
    /// `key=value` pair (`client_secret=…`, `access_token=…`, `code=…`, `state=…`) and every
    /// `Bearer`/`Basic` credential masked. Everything else is kept as is.
    pub fn redact_text(&self, text: &str) -> String {
        self.text(text).unwrap_or_else(|| text.to_string())
    }

    /// Like [`redact_text`](Self::redact_text); `None` when nothing was masked.
    pub(super) fn text(&self, text: &str) -> Option<String> {
        let mut out: Option<String> = None;
        for pattern in &self.inner.patterns {
            let current = out.as_deref().unwrap_or(text);
            if current.contains(pattern.as_str()) {
                out = Some(current.replace(pattern.as_str(), MASK));
            }
        }
        let current = out.as_deref().unwrap_or(text);
        let mut spans = credential_segments(current);
        spans.extend(credential_pairs(current));
        spans.extend(credential_json_members(current));
        spans.extend(bearer_credentials(current));
        mask_spans(current, spans).or(out)
    }
}

/// The segment after each credential route.
fn credential_segments(s: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    for route in CREDENTIAL_ROUTES {
        for (at, _) in s.match_indices(route) {
            let start = at + route.len();
            let end = value_end(s, start);
            if start < end && !PUBLIC_SEGMENTS.contains(&&s[start..end]) {
                spans.push((start, end));
            }
        }
    }
    spans
}

/// The values of `key=value` pairs whose (percent-decoded) key is a credential.
fn credential_pairs(s: &str) -> Vec<(usize, usize)> {
    let bytes = s.as_bytes();
    let mut spans = Vec::new();
    for (at, _) in s.match_indices('=') {
        let start = bytes[..at]
            .iter()
            .rposition(|b| !key_byte(*b))
            .map_or(0, |i| i + 1);
        if start == at {
            continue;
        }
        let key = percent_encoding::percent_decode_str(&s[start..at]).decode_utf8_lossy();
        if !keys::secret_query(&keys::normalize(&key)) {
            continue;
        }
        let end = value_end(s, at + 1);
        if at + 1 < end && &s[at + 1..end] != MASK {
            spans.push((at + 1, end));
        }
    }
    spans
}

/// The string values of `"key": "value"` members with a credential key, in text that holds
/// JSON without being parsed as such: a truncated body, or JSON serialized inside a JSON string
/// (then quoted as `\"key\":\"value\"`).
fn credential_json_members(s: &str) -> Vec<(usize, usize)> {
    let bytes = s.as_bytes();
    let mut spans = Vec::new();
    for (colon, _) in s.match_indices(':') {
        let before = s[..colon].trim_end();
        let Some(before) = before.strip_suffix('"') else {
            continue;
        };
        let escaped = before.ends_with('\\');
        let before = before.strip_suffix('\\').unwrap_or(before);
        let key_start = before
            .as_bytes()
            .iter()
            .rposition(|b| !key_byte(*b))
            .map_or(0, |i| i + 1);
        let quote = if escaped { "\\\"" } else { "\"" };
        if !before[..key_start].ends_with(quote)
            || !keys::secret(&keys::normalize(&before[key_start..]))
        {
            continue;
        }
        let after = &s[colon + 1..];
        let value_start = colon + 1 + (after.len() - after.trim_start().len());
        if !s[value_start..].starts_with(quote) {
            continue;
        }
        let start = value_start + quote.len();
        let end = closing_quote(bytes, start, escaped).unwrap_or(s.len());
        if start < end && &s[start..end] != MASK {
            spans.push((start, end));
        }
    }
    spans
}

/// Where the JSON string that starts at `from` ends: the next unescaped `"`, or for a string
/// inside a string, the next `\"` (a `\\` pair being an escaped backslash).
fn closing_quote(bytes: &[u8], from: usize, escaped: bool) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if escaped && bytes.get(i + 1) == Some(&b'"') => return Some(i),
            b'\\' if escaped && bytes.get(i + 1) == Some(&b'\\') => i += 4,
            b'\\' => i += 2,
            b'"' if !escaped => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// Credentials after `Bearer ` or `Basic ` in prose. Only token-like words count (12+
/// characters with a digit), so "Bearer authentication" in a tool description stays.
fn bearer_credentials(s: &str) -> Vec<(usize, usize)> {
    // Most strings mention neither scheme: skip the lower-cased copy for them.
    let maybe = ["earer ", "EARER ", "asic ", "ASIC "];
    if !maybe.iter().any(|m| s.contains(m)) {
        return Vec::new();
    }
    let bytes = s.as_bytes();
    let lower = s.to_ascii_lowercase();
    let mut spans = Vec::new();
    for scheme in ["bearer ", "basic "] {
        for (at, _) in lower.match_indices(scheme) {
            let start = at + scheme.len();
            let end = bytes[start..]
                .iter()
                .position(|b| !token_byte(*b))
                .map_or(s.len(), |i| start + i);
            let word = &bytes[start..end];
            if word.len() >= 12 && word.iter().any(u8::is_ascii_digit) {
                spans.push((start, end));
            }
        }
    }
    spans
}

/// `s` with each span replaced by the mask; `None` when there are no spans.
fn mask_spans(s: &str, mut spans: Vec<(usize, usize)>) -> Option<String> {
    if spans.is_empty() {
        return None;
    }
    spans.sort_unstable();
    let mut out = String::with_capacity(s.len());
    let mut done = 0;
    for (start, end) in spans {
        if end <= done {
            continue;
        }
        let start = start.max(done);
        out.push_str(&s[done..start]);
        out.push_str(MASK);
        done = end;
    }
    out.push_str(&s[done..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_what_free_text_carries() {
        let r = Redactor::new().with_secret("test_S3cretValue-123");
        assert_eq!(
            r.redact_text("bad secret test_S3cretValue-123 given"),
            "bad secret **** given"
        );
        assert_eq!(
            r.redact_text("see http://h:1/mcp/v1/AbC123xyz?x=1 and /magic/done"),
            "see http://h:1/mcp/v1/****?x=1 and /magic/done"
        );
        assert_eq!(
            r.redact_text("grant_type=client_credentials&client_id=skc_1&client_secret=a%3Db=="),
            "grant_type=client_credentials&client_id=skc_1&client_secret=****"
        );
        assert_eq!(
            r.redact_text("kitbench://auth/verify?auth_request_id=req_9&state=st4te"),
            "kitbench://auth/verify?auth_request_id=****&state=****"
        );
        assert_eq!(
            r.redact_text("header was Bearer eyJhbGciOi.J9x1, Bearer authentication"),
            "header was Bearer ****, Bearer authentication"
        );
        assert_eq!(r.redact_text("page_size=10 ok"), "page_size=10 ok");
        assert_eq!(
            r.redact_text(r#"cut {"access_token": "a\"b", "expires_in": 5, "tok"#),
            r#"cut {"access_token": "****", "expires_in": 5, "tok"#
        );
        assert_eq!(
            r.redact_text(r#"{\"refresh_token\":\"r1\\\\x\",\"id\":\"ca_1\"}"#),
            r#"{\"refresh_token\":\"****\",\"id\":\"ca_1\"}"#
        );
    }
}
