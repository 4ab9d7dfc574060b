//! Observation of every HTTP exchange, for request histories.

use crate::redact::Redactor;
use reqwest::header::{HeaderMap, CONTENT_TYPE};
use std::time::Duration;

/// Receives every HTTP exchange the client makes: the token request, each API call and each
/// retry attempt, already redacted. Called inline, so implementations should be quick (push to a
/// channel rather than write to disk).
pub trait Observer: Send + Sync {
    /// One request and its answer (or the error that ended it).
    fn on_exchange(&self, exchange: &Exchange);
}

/// One HTTP request/response pair as sent and received, passed through the client's
/// [`Redactor`] (see [`crate::redact`]): `authorization` is `Bearer ****`, credential fields of
/// bodies (the token request's `client_secret`, the token answer's `access_token`, account
/// credentials, …), MCP instance URLs, magic links and the client secret wherever it appears
/// are `****`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    pub method: String,
    /// The full URL including the query string, with credential query values and credential
    /// path segments masked.
    pub url: String,
    pub request_headers: Vec<(String, String)>,
    pub request_body: Option<Vec<u8>>,
    /// `None` when no answer arrived (see `error`).
    pub status: Option<u16>,
    pub response_headers: Vec<(String, String)>,
    pub response_body: Option<Vec<u8>>,
    /// From sending the request to the end of the response body.
    pub duration: Duration,
    /// Why no answer arrived: connection refused, timeout, …
    pub error: Option<String>,
    /// 1 for the first attempt of a call, then 2, 3 … for retries and the resend after a
    /// token refresh.
    pub attempt: u32,
}

/// Header pairs with credential values masked.
pub(crate) fn headers(redactor: &Redactor, map: &HeaderMap) -> Vec<(String, String)> {
    redactor.redact_headers(
        map.iter()
            .map(|(name, value)| (name.as_str(), String::from_utf8_lossy(value.as_bytes()))),
    )
}

/// A body with credentials masked, judged by the headers' content type.
pub(crate) fn body(redactor: &Redactor, map: &HeaderMap, bytes: &[u8]) -> Vec<u8> {
    let content_type = map.get(CONTENT_TYPE).and_then(|v| v.to_str().ok());
    redactor.redact_body(content_type, bytes).into_owned()
}
