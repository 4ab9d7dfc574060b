//! One redaction policy for everything that records or shows AgentKit traffic: the `agentkit`
//! client's observer, the Sandbox's request journal, and the app's history and exports.
//!
//! What is masked, everywhere, with [`MASK`] (`****`; no part of a secret is ever shown):
//! - **headers**: `authorization` and `proxy-authorization` keep their scheme (`Bearer ****`);
//!   cookies, `x-api-key` and any header named like a token, secret, API key, password or
//!   signature are masked whole; other header values are read as free text;
//! - **URLs**: scheme, host and path stay, except the credential segment of an MCP instance
//!   (`/mcp/v1/{token}`) or a magic link (`/magic/{token}`) and a userinfo password. Query
//!   values are masked for credential keys only (`access_token`, `client_secret`, `token`,
//!   `code`, `state`, `auth_request_id`, `api_key`, `*_token`, …): the API's own query
//!   parameters (`page_size`, `filter.identifier`, `include_auth_links`) are what one debugs
//!   with, and none of them is a credential;
//! - **JSON bodies** at any depth: see [`Redactor::redact_json`];
//! - **form and text bodies**: credential `key=value` pairs, credential path segments and
//!   `Bearer`/`Basic` credentials, see [`Redactor::redact_text`];
//! - **known secrets** (the environment's client secret, registered with
//!   [`Redactor::with_secret`]) wherever they appear, raw or in any of their [`forms`].
//!
//! What stays: structure, key names, ids, names, statuses, timestamps, non-credential query
//! parameters, empty strings and `null` (so "was it set?" remains answerable).

mod forms;
mod json;
mod keys;
mod text;

pub use forms::{forms, leaked};

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// What a masked value becomes.
pub const MASK: &str = "****";

/// Known secrets shorter than this are not searched for in text: a short value (a test's
/// `"secret"`) would mask ordinary words. They are still masked by key.
pub const MIN_KNOWN_SECRET_LEN: usize = 8;

/// The redaction policy plus the secrets it knows by value. Cheap to clone (one `Arc`).
#[derive(Clone, Default)]
pub struct Redactor {
    inner: Arc<Inner>,
}

#[derive(Clone, Default)]
struct Inner {
    /// Every form of every known secret, longest first, so a longer encoding is masked
    /// before a shorter one inside it.
    patterns: Vec<String>,
    known: usize,
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Redactor")
            .field("known_secrets", &self.inner.known)
            .finish()
    }
}

impl Redactor {
    /// The policy with no known secrets.
    pub fn new() -> Self {
        Self::default()
    }

    /// This policy, also masking `secret` wherever it appears (in any of its [`forms`]).
    /// Secrets shorter than [`MIN_KNOWN_SECRET_LEN`] are ignored.
    pub fn with_secret(mut self, secret: &str) -> Self {
        if secret.len() < MIN_KNOWN_SECRET_LEN {
            return self;
        }
        let inner = Arc::make_mut(&mut self.inner);
        inner.known += 1;
        inner.patterns.extend(forms(secret));
        inner
            .patterns
            .sort_unstable_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        inner.patterns.dedup();
        self
    }

    /// [`with_secret`](Self::with_secret) for each of `secrets`.
    pub fn with_secrets<I, S>(self, secrets: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        secrets
            .into_iter()
            .fold(self, |r, s| r.with_secret(s.as_ref()))
    }

    /// A header value as it may be recorded.
    pub fn redact_header(&self, name: &str, value: &str) -> String {
        let name = keys::normalize(name);
        if !keys::secret_header(&name) {
            return self.redact_text(value);
        }
        match value.trim().split_once(' ') {
            Some((scheme, _)) if name.ends_with("authorization") => format!("{scheme} {MASK}"),
            _ => MASK.to_string(),
        }
    }

    /// [`redact_header`](Self::redact_header) for each `(name, value)` pair, names kept.
    pub fn redact_headers<I, N, V>(&self, headers: I) -> Vec<(String, String)>
    where
        I: IntoIterator<Item = (N, V)>,
        N: AsRef<str>,
        V: AsRef<str>,
    {
        headers
            .into_iter()
            .map(|(n, v)| {
                let value = self.redact_header(n.as_ref(), v.as_ref());
                (n.as_ref().to_string(), value)
            })
            .collect()
    }

    /// A URL (absolute, or a path with a query) as it may be recorded.
    pub fn redact_url(&self, url: &str) -> String {
        let without_password = strip_password(url);
        let url = without_password.as_deref().unwrap_or(url);
        self.redact_text(url)
    }

    /// A body as it may be recorded, judged by its content type: JSON (also when it merely
    /// looks like JSON) through [`redact_json`](Self::redact_json), other UTF-8 bodies (forms,
    /// text, HTML) through [`redact_text`](Self::redact_text), binary bodies with known
    /// secrets masked. Borrowed when nothing was masked.
    pub fn redact_body<'a>(&self, content_type: Option<&str>, body: &'a [u8]) -> Cow<'a, [u8]> {
        if body.is_empty() {
            return Cow::Borrowed(body);
        }
        let json_type = content_type.is_some_and(|t| t.to_ascii_lowercase().contains("json"));
        let looks_json = matches!(
            body.iter().find(|b| !b.is_ascii_whitespace()),
            Some(b'{' | b'[')
        );
        if json_type || looks_json {
            if let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(body) {
                if !self.redact_json(&mut value) {
                    return Cow::Borrowed(body);
                }
                if let Ok(out) = serde_json::to_vec(&value) {
                    return Cow::Owned(out);
                }
            }
        }
        match std::str::from_utf8(body) {
            Ok(text) => self
                .text(text)
                .map_or(Cow::Borrowed(body), |t| Cow::Owned(t.into_bytes())),
            Err(_) => self.binary(body),
        }
    }

    fn binary<'a>(&self, body: &'a [u8]) -> Cow<'a, [u8]> {
        let mut out = Cow::Borrowed(body);
        for pattern in &self.inner.patterns {
            let pattern = pattern.as_bytes();
            let Some(first) = out.windows(pattern.len()).position(|w| w == pattern) else {
                continue;
            };
            let mut masked = out[..first].to_vec();
            let mut rest = &out[first..];
            while !rest.is_empty() {
                if rest.starts_with(pattern) {
                    masked.extend_from_slice(MASK.as_bytes());
                    rest = &rest[pattern.len()..];
                } else {
                    masked.push(rest[0]);
                    rest = &rest[1..];
                }
            }
            out = Cow::Owned(masked);
        }
        out
    }
}

/// `scheme://user:****@host…` when the URL carries a password.
fn strip_password(url: &str) -> Option<String> {
    let start = url.find("://")? + 3;
    let end = url[start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| start + i);
    let (userinfo, _) = url[start..end].rsplit_once('@')?;
    let (user, password) = userinfo.split_once(':')?;
    if password.is_empty() || password == MASK {
        return None;
    }
    let host_at = start + userinfo.len();
    Some(format!("{}{user}:{MASK}{}", &url[..start], &url[host_at..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_keep_schemes_and_ordinary_values() {
        let r = Redactor::new();
        assert_eq!(
            r.redact_header("Authorization", "Bearer abc.def"),
            "Bearer ****"
        );
        assert_eq!(
            r.redact_header("authorization", "Basic dXNlcjpwdw=="),
            "Basic ****"
        );
        assert_eq!(r.redact_header("authorization", "token"), "****");
        assert_eq!(r.redact_header("x-api-key", "k-123"), "****");
        assert_eq!(r.redact_header("cookie", "a=b; c=d"), "****");
        assert_eq!(r.redact_header("X-Auth-Token", "t"), "****");
        assert_eq!(
            r.redact_header("accept", "application/json"),
            "application/json"
        );
        assert_eq!(
            r.redact_header("location", "http://h/magic/tok123"),
            "http://h/magic/****"
        );
    }

    #[test]
    fn urls_keep_their_route_and_ordinary_query() {
        let r = Redactor::new();
        assert_eq!(
            r.redact_url("https://u:pw@h/api/v1/tools?page_size=5&access_token=a.b&code=c"),
            "https://u:****@h/api/v1/tools?page_size=5&access_token=****&code=****"
        );
    }

    #[test]
    fn bodies_are_borrowed_when_clean_and_binary_is_searched() {
        let r = Redactor::new().with_secret("binary-secret-1");
        let json = b"{ \"b\": 1,  \"a\": [2] }";
        assert!(matches!(
            r.redact_body(Some("application/json"), json),
            Cow::Borrowed(_)
        ));
        assert!(matches!(r.redact_body(None, b"not json"), Cow::Borrowed(_)));
        let mut bin = vec![0xff, 0xfe];
        bin.extend_from_slice(b"xbinary-secret-1y");
        assert_eq!(
            r.redact_body(None, &bin).as_ref(),
            [&[0xff, 0xfe][..], b"x****y"].concat()
        );
        assert_eq!(format!("{r:?}"), "Redactor { known_secrets: 1 }");
    }
}
