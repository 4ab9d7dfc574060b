//! What an AgentKit failure carries beyond its kind and message, typed for the UI: the answer's
//! HTTP status, gRPC code, `error_code`, `Retry-After`, the tool run's ids, or why no answer
//! came at all.

use serde::Serialize;
use ts_rs::TS;

/// Why the server could not be reached (mirrors [`agentkit::NetworkCause`] for IPC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "NetworkCause.ts")]
pub enum NetworkCause {
    /// Nothing accepted the connection: wrong port, or the server is not running.
    Refused,
    /// The host name did not resolve.
    Dns,
    /// The secure connection failed (a plain-HTTP server, an untrusted certificate).
    Tls,
    /// No answer within the deadline.
    Timeout,
    /// The server reset or closed the connection before answering.
    Reset,
    /// Something else; the message says what.
    Other,
}

impl From<agentkit::NetworkCause> for NetworkCause {
    fn from(cause: agentkit::NetworkCause) -> Self {
        use agentkit::NetworkCause as C;
        match cause {
            C::Refused => NetworkCause::Refused,
            C::Dns => NetworkCause::Dns,
            C::Tls => NetworkCause::Tls,
            C::Timeout => NetworkCause::Timeout,
            C::Reset => NetworkCause::Reset,
            C::Other => NetworkCause::Other,
        }
    }
}

/// The detail of a failed AgentKit call. Every field is `null` when it does not apply (a
/// network failure has no status; only tool failures have an `execution_id`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "ErrorDetail.ts")]
pub struct ErrorDetail {
    /// The HTTP status of the answer.
    pub status: Option<u16>,
    /// The gRPC status code number of the answer's body (`5` for not found …).
    pub grpc_code: Option<i32>,
    /// That code's name (`NOT_FOUND` …), `null` for numbers the app does not know.
    pub grpc_status: Option<String>,
    /// The first `ErrorInfo.error_code` (`RESOURCE_NOT_FOUND`, `TOOL_ERROR`, `invalid_client` …).
    pub error_code: Option<String>,
    /// How long the server asked to wait before trying again, in whole seconds (rounded up).
    pub retry_after_secs: Option<u32>,
    /// The tool run that failed (`tool_error_info.execution_id`).
    pub execution_id: Option<String>,
    /// The upstream provider's error code for a failed tool run (`tool_error_info.tool_error_code`).
    pub tool_error_code: Option<String>,
    /// Why no answer came (network and timeout failures only).
    pub network: Option<NetworkCause>,
}

impl ErrorDetail {
    /// The detail of a client error; `None` when it has none (configuration, invalid request,
    /// undecodable answer), so the UI can tell "no detail" from "all unknown".
    pub fn of(e: &agentkit::Error) -> Option<Self> {
        let detail = ErrorDetail {
            status: e.http_status(),
            grpc_code: e.grpc_code(),
            grpc_status: e.grpc_code().and_then(grpc_name).map(str::to_string),
            error_code: e.error_code().map(str::to_string),
            retry_after_secs: e.retry_after().map(|d| {
                let secs = d.as_secs() + u64::from(d.subsec_nanos() > 0);
                u32::try_from(secs).unwrap_or(u32::MAX)
            }),
            execution_id: e.execution_id().map(str::to_string),
            tool_error_code: e.tool_error_code().map(str::to_string),
            network: e.network_cause().map(NetworkCause::from),
        };
        (detail != ErrorDetail::default()).then_some(detail)
    }
}

/// The canonical name of a gRPC status code number.
fn grpc_name(code: i32) -> Option<&'static str> {
    const NAMES: [&str; 17] = [
        "OK",
        "CANCELLED",
        "UNKNOWN",
        "INVALID_ARGUMENT",
        "DEADLINE_EXCEEDED",
        "NOT_FOUND",
        "ALREADY_EXISTS",
        "PERMISSION_DENIED",
        "RESOURCE_EXHAUSTED",
        "FAILED_PRECONDITION",
        "ABORTED",
        "OUT_OF_RANGE",
        "UNIMPLEMENTED",
        "INTERNAL",
        "UNAVAILABLE",
        "DATA_LOSS",
        "UNAUTHENTICATED",
    ];
    usize::try_from(code)
        .ok()
        .and_then(|i| NAMES.get(i))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grpc_names_follow_the_numbers() {
        assert_eq!(grpc_name(0), Some("OK"));
        assert_eq!(grpc_name(5), Some("NOT_FOUND"));
        assert_eq!(grpc_name(16), Some("UNAUTHENTICATED"));
        assert_eq!(grpc_name(17), None);
        assert_eq!(grpc_name(-1), None);
    }

    #[test]
    fn errors_without_detail_have_none() {
        assert_eq!(
            ErrorDetail::of(&agentkit::Error::Config("bad".into())),
            None
        );
        let timeout = ErrorDetail::of(&agentkit::Error::Timeout("slow".into())).unwrap();
        assert_eq!(timeout.network, Some(NetworkCause::Timeout));
        assert_eq!(timeout.status, None);
    }
}
