//! gRPC-status errors as grpc-gateway renders them: `{code, message, details}` with the mapped
//! HTTP status.

use agentkit_wire::status::ToolErrorInfo;
use agentkit_wire::{Code, FieldViolation, Status, ValidationErrorInfo};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// Result of an API handler.
pub(crate) type ApiResult = Result<Response, ApiError>;

/// A failed call: a `google.rpc.Status` plus extra response headers.
#[derive(Debug)]
pub(crate) struct ApiError {
    pub code: Code,
    pub status: Status,
    pub headers: Vec<(HeaderName, String)>,
}

impl ApiError {
    /// A status with one `ErrorInfo` carrying `error_code`.
    pub(crate) fn new(code: Code, error_code: &str, message: impl Into<String>) -> Self {
        Self {
            code,
            status: Status::new(code, error_code, message),
            headers: Vec::new(),
        }
    }

    /// A status without details, as grpc-gateway's own routing errors are.
    pub(crate) fn gateway(code: Code, message: &str) -> Self {
        Self {
            code,
            status: Status {
                code: code.number(),
                message: message.to_string(),
                details: Vec::new(),
            },
            headers: Vec::new(),
        }
    }

    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        Self::new(Code::NotFound, "RESOURCE_NOT_FOUND", message)
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self::new(Code::InvalidArgument, "INVALID_ARGUMENT", message)
    }

    pub(crate) fn precondition(message: impl Into<String>) -> Self {
        Self::new(Code::FailedPrecondition, "FAILED_PRECONDITION", message)
    }

    pub(crate) fn already_exists(message: impl Into<String>) -> Self {
        Self::new(Code::AlreadyExists, "ALREADY_EXISTS", message)
    }

    pub(crate) fn permission_denied(message: impl Into<String>) -> Self {
        Self::new(Code::PermissionDenied, "PERMISSION_DENIED", message)
    }

    /// 401; grpc-gateway also puts the message in `WWW-Authenticate`.
    pub(crate) fn unauthenticated(message: &str) -> Self {
        Self::new(Code::Unauthenticated, "UNAUTHENTICATED", message)
            .with_header(header::WWW_AUTHENTICATE, message)
    }

    /// 400 INVALID_ARGUMENT listing every failed constraint, like protovalidate does.
    pub(crate) fn violations(violations: Vec<FieldViolation>) -> Self {
        let summary: Vec<String> = violations
            .iter()
            .map(|v| format!("{}: {} [{}]", v.field, v.description, v.constraint))
            .collect();
        let mut err = Self::invalid(format!("validation error: {}", summary.join("; ")));
        err.status.details[0].validation_error_info = Some(ValidationErrorInfo {
            field_violations: violations,
        });
        err
    }

    /// A `TOOL_ERROR`: the upstream provider failed while executing a tool.
    pub(crate) fn tool_error(code: Code, info: ToolErrorInfo) -> Self {
        let mut err = Self::new(code, "TOOL_ERROR", info.tool_error_message.clone());
        err.status.details[0].tool_error_info = Some(info);
        err
    }

    pub(crate) fn with_header(mut self, name: HeaderName, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.code.http_status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, json_body(&self.status)).into_response();
        for (name, value) in self.headers {
            if let Ok(v) = HeaderValue::from_str(&value) {
                response.headers_mut().append(name, v);
            }
        }
        response
    }
}

fn json_body<T: Serialize>(value: &T) -> ([(HeaderName, &'static str); 1], Vec<u8>) {
    let bytes = serde_json::to_vec(value).unwrap_or_else(|_| b"{}".to_vec());
    ([(header::CONTENT_TYPE, "application/json")], bytes)
}

/// 200 with a JSON body. Scalekit's spec lists 201 for some creates, but plain grpc-gateway
/// answers 200 for every success and the SDKs accept any 2xx, so the Sandbox answers 200
/// everywhere: a client that only handles 201 would break against the real gateway.
pub(crate) fn json<T: Serialize>(value: &T) -> ApiResult {
    Ok((StatusCode::OK, json_body(value)).into_response())
}
