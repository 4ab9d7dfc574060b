//! Turning non-2xx answers into [`Error`]s: API `Status` bodies, `TOOL_ERROR`s, non-JSON
//! bodies and OAuth errors of the token endpoint.

use crate::error::{snippet, Error};
use crate::wire::{token::OAuthError, Code, ErrorInfo, Status};
use std::time::Duration;

fn reason(http_status: u16) -> &'static str {
    reqwest::StatusCode::from_u16(http_status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Unexpected status")
}

/// Parses a `google.rpc.Status` body; `None` when the body is not one (HTML, OAuth errors, …).
fn parse_status(body: &[u8]) -> Option<Status> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let object = value.as_object()?;
    // A lenient parse accepts any object; only trust it when it has Status's own keys.
    if !object.contains_key("code") && !object.contains_key("message") {
        return None;
    }
    serde_json::from_value(value).ok()
}

/// The error for a non-2xx API answer: `Tool` for `TOOL_ERROR`, otherwise `Api` with the
/// server's Status or one synthesized from the HTTP status and body.
pub(crate) fn from_response(http_status: u16, retry_after: Option<Duration>, body: &[u8]) -> Error {
    let mut status = match parse_status(body) {
        Some(status) => status,
        None => {
            let text = snippet(body);
            let message = if text.is_empty() {
                reason(http_status).to_string()
            } else {
                format!("{}: {text}", reason(http_status))
            };
            Status {
                code: Code::from_http_status(http_status).number(),
                message,
                details: vec![ErrorInfo {
                    error_code: reason(http_status).to_string(),
                    ..ErrorInfo::default()
                }],
            }
        }
    };
    if status.code == 0 {
        status.code = Code::from_http_status(http_status).number();
    }
    if status.message.is_empty() {
        status.message = reason(http_status).to_string();
    }
    if status.is_tool_error() {
        let info = status.tool_error().cloned().unwrap_or_default();
        let message = if info.tool_error_message.is_empty() {
            status.message.clone()
        } else {
            info.tool_error_message
        };
        return Error::Tool {
            http_status,
            code: Code::from_number(status.code),
            execution_id: info.execution_id,
            tool_error_code: info.tool_error_code,
            message,
            status: Box::new(status),
        };
    }
    Error::Api {
        http_status,
        status,
        retry_after,
    }
}

/// The error for a failed token request: 400/401 become [`Error::Auth`] with the server's
/// `error_description`; anything else is mapped like an API answer.
pub(crate) fn from_token_response(
    http_status: u16,
    retry_after: Option<Duration>,
    body: &[u8],
) -> Error {
    if http_status != 400 && http_status != 401 {
        return from_response(http_status, retry_after, body);
    }
    let oauth: OAuthError = serde_json::from_slice(body).unwrap_or_default();
    let message = if oauth.error_description.is_empty() {
        "The client ID or secret was rejected".to_string()
    } else {
        oauth.error_description
    };
    let error_code = if oauth.error.is_empty() {
        "UNAUTHENTICATED".to_string()
    } else {
        oauth.error
    };
    Error::Auth {
        http_status,
        status: Status::new(Code::Unauthenticated, &error_code, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;
    use std::time::Duration;

    #[test]
    fn json_status_bodies_are_kept() {
        let body = br#"{"code":3,"message":"bad","details":[{"error_code":"INVALID_ARGUMENT","validation_error_info":{"field_violations":[{"field":"identifier","description":"required","constraint":"required"}]}}]}"#;
        let err = from_response(400, None, body);
        assert_eq!(err.kind(), ErrorKind::Validation);
        assert_eq!(err.error_code(), Some("INVALID_ARGUMENT"));
        let violations = &err.status().unwrap().details[0]
            .validation_error_info
            .as_ref()
            .unwrap()
            .field_violations;
        assert_eq!(violations[0].field, "identifier");
        assert_eq!(err.to_string(), "bad (HTTP 400, INVALID_ARGUMENT)");
    }

    #[test]
    fn non_json_bodies_get_a_synthesized_status() {
        let err = from_response(502, None, b"<html>upstream down</html>");
        let status = err.status().unwrap();
        assert_eq!(status.code, Code::Unknown.number());
        assert_eq!(status.message, "Bad Gateway: <html>upstream down</html>");
        assert_eq!(err.kind(), ErrorKind::Server);
        let err = from_response(404, None, br#"{"error":"nope"}"#);
        assert_eq!(err.status().unwrap().code, 5);
        assert!(err.status().unwrap().message.starts_with("Not Found"));
    }

    #[test]
    fn tool_errors_have_their_own_variant() {
        let body = br#"{"code":8,"message":"upstream said 429","details":[{"error_code":"TOOL_ERROR","tool_error_info":{"execution_id":"exec_1","tool_error_message":"slow down","tool_error_code":"429"}}]}"#;
        match from_response(429, Some(Duration::from_secs(2)), body) {
            Error::Tool {
                http_status,
                code,
                execution_id,
                tool_error_code,
                message,
                ..
            } => {
                assert_eq!(http_status, 429);
                assert_eq!(code, Code::ResourceExhausted);
                assert_eq!(execution_id, "exec_1");
                assert_eq!(tool_error_code, "429");
                assert_eq!(message, "slow down");
            }
            other => panic!("expected a tool error, got {other:?}"),
        }
    }

    #[test]
    fn retry_after_is_exposed() {
        let err = from_response(429, Some(Duration::from_secs(3)), b"{}");
        assert_eq!(err.retry_after(), Some(Duration::from_secs(3)));
        assert_eq!(err.kind(), ErrorKind::RateLimited);
    }

    #[test]
    fn token_rejections_are_unauthorized_with_the_description() {
        let body = br#"{"error":"invalid_client","error_description":"The client ID or secret was rejected"}"#;
        let err = from_token_response(401, None, body);
        assert_eq!(err.kind(), ErrorKind::Unauthorized);
        assert_eq!(err.error_code(), Some("invalid_client"));
        assert!(err
            .to_string()
            .starts_with("The client ID or secret was rejected"));
        let err = from_token_response(400, None, br#"{"error":"unsupported_grant_type"}"#);
        assert_eq!(err.kind(), ErrorKind::Unauthorized);
        assert_eq!(
            from_token_response(500, None, b"").kind(),
            ErrorKind::Server
        );
    }
}
