//! A returning authorization link made into a typed value, before anything acts on it.
//!
//! Anyone can hand the app a `kitbench:` URL (another app, a web page, a typo), so the rules
//! are strict and checked without any network call: exactly `kitbench://auth/verify`, only the
//! parameters the redirect carries, each once, with bounded length and a fixed alphabet.

use std::fmt;

/// The longest link accepted (the parameters below fit in well under this).
pub const MAX_LINK_LEN: usize = 4096;
/// `auth_request_id` is at most 1000 characters (VerifyConnectedAccountUserRequest).
pub const MAX_AUTH_REQUEST_ID: usize = 1000;
/// `state` is at most 512 characters (GetMagicLinkForConnectedAccount).
pub const MAX_STATE: usize = 512;
/// An OAuth-style error code (`access_denied`).
pub const MAX_ERROR: usize = 64;
/// A human description that may come with an error; read for its length, never shown.
pub const MAX_ERROR_DESCRIPTION: usize = 512;

/// The scheme, host and path the app gives as `user_verify_url` in deep-link mode.
pub const VERIFY_URL: &str = "kitbench://auth/verify";

/// What a returning link says.
#[derive(Clone, PartialEq, Eq)]
pub enum Link {
    /// The user allowed access: verify `auth_request_id` for the authorization of `state`.
    Verify {
        /// The opaque id VerifyConnectedAccountUser takes.
        auth_request_id: String,
        /// The state the app gave when it created the link.
        state: String,
    },
    /// The user (or the provider) refused: `error` is the code, e.g. `access_denied`.
    Denied {
        /// The error code.
        error: String,
        /// The state the app gave when it created the link.
        state: String,
    },
}

// Both values are one-time credentials: debug output names the kind only.
impl fmt::Debug for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Link::Verify { .. } => f.write_str("Link::Verify { .. }"),
            Link::Denied { error, .. } => write!(f, "Link::Denied {{ error: {error:?}, .. }}"),
        }
    }
}

impl Link {
    /// The state the link carries back.
    pub fn state(&self) -> &str {
        match self {
            Link::Verify { state, .. } | Link::Denied { state, .. } => state,
        }
    }
}

/// Why a link was refused. Messages never quote the link's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// Longer than [`MAX_LINK_LEN`].
    #[error("The link is too long to be an authorization link.")]
    TooLong,
    /// Not a `kitbench:` URL.
    #[error("The link is not a kitbench:// link.")]
    Scheme,
    /// A `kitbench:` URL, but not `kitbench://auth/verify` (another host or path, a user,
    /// a port, a fragment).
    #[error("The link does not point to Kitbench's authorization callback.")]
    Target,
    /// Characters a browser would have encoded, a bad `%` escape, an empty or `=`-less pair.
    #[error("The link is malformed.")]
    Malformed,
    /// A parameter Kitbench does not use.
    #[error("The link carries a parameter Kitbench does not use.")]
    UnknownParameter,
    /// The same parameter twice.
    #[error("The link repeats the parameter \"{0}\".")]
    Duplicate(&'static str),
    /// A required parameter is absent.
    #[error("The link has no \"{0}\".")]
    Missing(&'static str),
    /// A value longer than its limit.
    #[error("The link's \"{0}\" is too long.")]
    ValueTooLong(&'static str),
    /// A value outside its alphabet (or empty).
    #[error("The link's \"{0}\" is not well formed.")]
    BadValue(&'static str),
    /// Both `auth_request_id` and `error`: neither can be trusted.
    #[error("The link carries both a result and an error.")]
    Ambiguous,
}

/// Parses a `kitbench://auth/verify?…` link.
pub fn parse(raw: &str) -> Result<Link, LinkError> {
    if raw.len() > MAX_LINK_LEN {
        return Err(LinkError::TooLong);
    }
    // Browsers and the OS hand over URLs percent-encoded: anything outside visible ASCII is
    // not a link a redirect produced.
    if !raw.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(LinkError::Malformed);
    }
    let Some(rest) = strip_prefix_ignore_case(raw, "kitbench:") else {
        return Err(LinkError::Scheme);
    };
    let rest = rest.strip_prefix("//auth").ok_or(LinkError::Target)?;
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    };
    // Some desktops add a slash after the path; nothing else may follow it.
    if path != "/verify" && path != "/verify/" {
        return Err(LinkError::Target);
    }
    from_query(query)
}

/// Parses the query of a callback (`auth_request_id=…&state=…` or `error=…&state=…`): the
/// part [`parse`] and the loopback callback share.
pub fn from_query(query: Option<&str>) -> Result<Link, LinkError> {
    let query = query.unwrap_or("");
    if query.len() > MAX_LINK_LEN {
        return Err(LinkError::TooLong);
    }
    if query.contains('#') {
        return Err(LinkError::Target);
    }
    let mut found = Params::default();
    if !query.is_empty() {
        for pair in query.split('&') {
            let (key, value) = pair.split_once('=').ok_or(LinkError::Malformed)?;
            let key = decode(key)?;
            let (slot, name, max) = match key.as_str() {
                "auth_request_id" => (
                    &mut found.auth_request_id,
                    "auth_request_id",
                    MAX_AUTH_REQUEST_ID,
                ),
                "state" => (&mut found.state, "state", MAX_STATE),
                "error" => (&mut found.error, "error", MAX_ERROR),
                "error_description" => (
                    &mut found.error_description,
                    "error_description",
                    MAX_ERROR_DESCRIPTION,
                ),
                _ => return Err(LinkError::UnknownParameter),
            };
            if slot.is_some() {
                return Err(LinkError::Duplicate(name));
            }
            // The encoded form is at most three times longer: reject before decoding.
            if value.len() > 3 * max {
                return Err(LinkError::ValueTooLong(name));
            }
            let value = decode(value)?;
            if value.chars().count() > max {
                return Err(LinkError::ValueTooLong(name));
            }
            *slot = Some(value);
        }
    }
    found.into_link()
}

#[derive(Default)]
struct Params {
    auth_request_id: Option<String>,
    state: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

impl Params {
    fn into_link(self) -> Result<Link, LinkError> {
        let state = self.state.ok_or(LinkError::Missing("state"))?;
        check(&state, "state", is_token_char)?;
        if let Some(d) = &self.error_description {
            // Only length and encoding matter: the description is never shown or stored.
            if d.chars().any(char::is_control) {
                return Err(LinkError::BadValue("error_description"));
            }
        }
        match (self.auth_request_id, self.error) {
            (Some(_), Some(_)) => Err(LinkError::Ambiguous),
            (Some(auth_request_id), None) => {
                if self.error_description.is_some() {
                    return Err(LinkError::Ambiguous);
                }
                check(&auth_request_id, "auth_request_id", |c| {
                    is_token_char(c) || c == '=' || c == '.' || c == '~'
                })?;
                Ok(Link::Verify {
                    auth_request_id,
                    state,
                })
            }
            (None, Some(error)) => {
                check(&error, "error", |c| {
                    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'
                })?;
                Ok(Link::Denied { error, state })
            }
            (None, None) => Err(LinkError::Missing("auth_request_id")),
        }
    }
}

/// base64url's alphabet: what the app's state and the API's ids are made of.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

fn check(value: &str, name: &'static str, ok: impl Fn(char) -> bool) -> Result<(), LinkError> {
    if value.is_empty() || !value.chars().all(ok) {
        return Err(LinkError::BadValue(name));
    }
    Ok(())
}

/// Strict `application/x-www-form-urlencoded` decoding: `+` is a space, `%` must start two
/// hex digits, and the result must be UTF-8 (no lossy replacement that could make two
/// different links read the same).
fn decode(text: &str) -> Result<String, LinkError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).ok_or(LinkError::Malformed)?;
                let hex = std::str::from_utf8(hex).map_err(|_| LinkError::Malformed)?;
                if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(LinkError::Malformed);
                }
                out.push(u8::from_str_radix(hex, 16).map_err(|_| LinkError::Malformed)?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| LinkError::Malformed)
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// What may be logged of a link: its scheme and path (`kitbench://auth/verify`), never the
/// query or fragment, which carry one-time values. Truncated and limited to visible ASCII so
/// an odd link cannot forge log lines.
pub fn scheme_and_path(raw: &str) -> String {
    let end = raw.find(['?', '#']).unwrap_or(raw.len());
    raw[..end]
        .chars()
        .take(80)
        .map(|c| if c.is_ascii_graphic() { c } else { '?' })
        .collect()
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
