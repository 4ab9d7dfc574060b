//! The one error type of the crate, mirroring the AgentKit error model (REFERENCE §5).

use crate::wire::{Code, Status};
use std::time::Duration;

pub use crate::network::NetworkCause;

/// `Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// What went wrong, coarse enough for a UI to act on (retry, re-enter credentials, fix input …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The client is misconfigured (environment URL, credentials, certificates).
    Config,
    /// 401, or the token endpoint rejected the client credentials.
    Unauthorized,
    /// 403.
    Forbidden,
    /// 404.
    NotFound,
    /// 409.
    Conflict,
    /// 400 (and other 4xx), or a request the client refused to send.
    Validation,
    /// 429.
    RateLimited,
    /// The upstream provider failed while running a tool (`TOOL_ERROR`).
    Tool,
    /// 5xx other than 503.
    Server,
    /// 503.
    Unavailable,
    /// The request did not finish within its deadline.
    Timeout,
    /// The server could not be reached (refused, DNS, TLS, connection dropped).
    Network,
    /// A 2xx answer whose body is not what the API documents.
    Decode,
}

/// Every failure of a [`Client`](crate::Client) call.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// The client cannot be built or used as configured; nothing was sent.
    #[error("{0}")]
    Config(String),
    /// The request is invalid before it is sent (e.g. both `mcp_config_id` and `key_id` set).
    #[error("{0}")]
    InvalidRequest(String),
    /// The token endpoint rejected the client credentials (HTTP 400 or 401).
    #[error("{} (HTTP {http_status})", status.message)]
    Auth {
        http_status: u16,
        /// Synthesized from the OAuth error: code 16, message = `error_description`,
        /// `error_code` = the OAuth `error`.
        status: Status,
    },
    /// A non-2xx answer of the API.
    #[error("{}", api_message(*http_status, status))]
    Api {
        http_status: u16,
        /// The server's `google.rpc.Status`, or one synthesized from a non-JSON body.
        status: Status,
        /// The `Retry-After` the server asked for, if any.
        retry_after: Option<Duration>,
    },
    /// `execute_tool` reached the provider and the provider failed (`error_code` `TOOL_ERROR`).
    #[error(
        "The tool failed: {message} (upstream status {tool_error_code}, execution {execution_id})"
    )]
    Tool {
        http_status: u16,
        code: Code,
        execution_id: String,
        tool_error_code: String,
        message: String,
        /// The whole error body (boxed to keep `Error` small).
        status: Box<Status>,
    },
    /// The server could not be reached or the connection broke.
    #[error("{message}")]
    Network {
        /// Why, read from the error types of the transport (never guessed from text).
        cause: NetworkCause,
        /// Names the host and the cause, for people.
        message: String,
    },
    /// The request (or the token request) exceeded its deadline.
    #[error("{0}")]
    Timeout(String),
    /// A successful answer that does not decode.
    #[error("{message}{}", snippet_suffix(snippet))]
    Decode { message: String, snippet: String },
}

fn snippet_suffix(snippet: &str) -> String {
    if snippet.is_empty() {
        String::new()
    } else {
        format!("; the body starts with: {snippet}")
    }
}

fn api_message(http_status: u16, status: &Status) -> String {
    match status.error_code() {
        Some(code) => format!("{} (HTTP {http_status}, {code})", status.message),
        None => format!("{} (HTTP {http_status})", status.message),
    }
}

impl Error {
    /// The coarse category of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Config(_) => ErrorKind::Config,
            Error::InvalidRequest(_) => ErrorKind::Validation,
            Error::Auth { .. } => ErrorKind::Unauthorized,
            Error::Api { http_status, .. } => kind_for_status(*http_status),
            Error::Tool { .. } => ErrorKind::Tool,
            Error::Network { .. } => ErrorKind::Network,
            Error::Timeout(_) => ErrorKind::Timeout,
            Error::Decode { .. } => ErrorKind::Decode,
        }
    }

    /// The API's error body, when the server answered with one.
    pub fn status(&self) -> Option<&Status> {
        match self {
            Error::Auth { status, .. } | Error::Api { status, .. } => Some(status),
            Error::Tool { status, .. } => Some(status),
            _ => None,
        }
    }

    /// The HTTP status of the failed answer, when there was one.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Error::Auth { http_status, .. }
            | Error::Api { http_status, .. }
            | Error::Tool { http_status, .. } => Some(*http_status),
            _ => None,
        }
    }

    /// How long the server asked to wait before trying again (429/503 `Retry-After`).
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::Api { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// The first `ErrorInfo.error_code` of the answer, as the SDKs expose it.
    pub fn error_code(&self) -> Option<&str> {
        self.status().and_then(Status::error_code)
    }

    /// The gRPC status code number of the answer's body (`Status.code`), when there was one.
    /// Kept as the number the server sent, so codes this client does not know survive.
    pub fn grpc_code(&self) -> Option<i32> {
        self.status().map(|s| s.code)
    }

    /// Why no answer arrived: `Some` for [`Error::Network`] and [`Error::Timeout`] only.
    pub fn network_cause(&self) -> Option<NetworkCause> {
        match self {
            Error::Network { cause, .. } => Some(*cause),
            Error::Timeout(_) => Some(NetworkCause::Timeout),
            _ => None,
        }
    }

    /// The `execution_id` of a failed tool run (`tool_error_info.execution_id`).
    pub fn execution_id(&self) -> Option<&str> {
        let id = match self {
            Error::Tool { execution_id, .. } => execution_id.as_str(),
            _ => self.status()?.tool_error()?.execution_id.as_str(),
        };
        Some(id).filter(|id| !id.is_empty())
    }

    /// The upstream provider's error code of a failed tool run (`tool_error_info.tool_error_code`).
    pub fn tool_error_code(&self) -> Option<&str> {
        let code = match self {
            Error::Tool {
                tool_error_code, ..
            } => tool_error_code.as_str(),
            _ => self.status()?.tool_error()?.tool_error_code.as_str(),
        };
        Some(code).filter(|code| !code.is_empty())
    }

    pub(crate) fn decode(message: impl Into<String>, body: &[u8]) -> Self {
        Error::Decode {
            message: message.into(),
            snippet: snippet(body),
        }
    }
}

/// The kind the brief assigns to an HTTP status.
pub(crate) fn kind_for_status(http_status: u16) -> ErrorKind {
    match http_status {
        401 => ErrorKind::Unauthorized,
        403 => ErrorKind::Forbidden,
        404 => ErrorKind::NotFound,
        409 => ErrorKind::Conflict,
        429 => ErrorKind::RateLimited,
        503 => ErrorKind::Unavailable,
        400..=499 => ErrorKind::Validation,
        _ => ErrorKind::Server,
    }
}

/// At most 200 characters of a body, for error messages, with credentials masked first: the
/// body that failed to decode may be a connected account's authorization details, and error
/// messages reach the UI and logs.
pub(crate) fn snippet(body: &[u8]) -> String {
    let redacted = crate::redact::Redactor::new().redact_body(None, body);
    let text = String::from_utf8_lossy(&redacted);
    let trimmed = text.trim();
    let mut out: String = trimmed.chars().take(200).collect();
    if trimmed.chars().count() > 200 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_kinds() {
        let cases = [
            (400, ErrorKind::Validation),
            (401, ErrorKind::Unauthorized),
            (403, ErrorKind::Forbidden),
            (404, ErrorKind::NotFound),
            (409, ErrorKind::Conflict),
            (422, ErrorKind::Validation),
            (429, ErrorKind::RateLimited),
            (500, ErrorKind::Server),
            (502, ErrorKind::Server),
            (503, ErrorKind::Unavailable),
            (504, ErrorKind::Server),
        ];
        for (status, kind) in cases {
            assert_eq!(kind_for_status(status), kind, "{status}");
        }
    }

    #[test]
    fn answers_expose_their_detail() {
        let body = br#"{"code":8,"message":"upstream said 429","details":[{"error_code":"TOOL_ERROR","tool_error_info":{"execution_id":"exec_1","tool_error_message":"slow down","tool_error_code":"429"}}]}"#;
        let tool = crate::answer_error::from_response(429, None, body);
        assert_eq!(tool.grpc_code(), Some(8));
        assert_eq!(tool.execution_id(), Some("exec_1"));
        assert_eq!(tool.tool_error_code(), Some("429"));
        assert_eq!(tool.error_code(), Some("TOOL_ERROR"));
        assert_eq!(tool.network_cause(), None);

        let body = br#"{"code":42,"message":"new code","details":[{"error_code":"RATE_LIMITED"}]}"#;
        let api = crate::answer_error::from_response(429, Some(Duration::from_secs(7)), body);
        assert_eq!(api.grpc_code(), Some(42), "unknown numbers are kept");
        assert_eq!(api.execution_id(), None);
        assert_eq!(api.tool_error_code(), None);
        assert_eq!(api.retry_after(), Some(Duration::from_secs(7)));

        let timeout = Error::Timeout("slow".into());
        assert_eq!(timeout.network_cause(), Some(NetworkCause::Timeout));
        assert_eq!(timeout.grpc_code(), None);
    }

    #[test]
    fn snippets_mask_credentials() {
        let body = br#"{"connected_account":{"authorization_details":{"oauth_token":{"access_token":"sekret-at-1"}}},"status": 5}"#;
        let s = snippet(body);
        assert!(!s.contains("sekret-at-1"), "{s}");
        assert!(s.contains("connected_account"), "{s}");
        // Not JSON (cut short): masked as text.
        let s = snippet(br#"{"access_token": "sekret-at-2", "#);
        assert!(!s.contains("sekret-at-2"), "{s}");
    }

    #[test]
    fn snippets_are_bounded() {
        let long = "x".repeat(500);
        let s = snippet(long.as_bytes());
        assert_eq!(s.chars().count(), 201);
        assert!(s.ends_with('…'));
    }
}
