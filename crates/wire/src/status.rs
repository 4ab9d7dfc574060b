//! The REST error body: grpc-gateway's `google.rpc.Status` with Scalekit's `ErrorInfo` details.

use serde::{Deserialize, Serialize};

/// The `@type` of Scalekit's error detail.
pub const ERROR_INFO_TYPE: &str = "type.googleapis.com/scalekit.v1.errdetails.ErrorInfo";

/// `{code, message, details}` as every failed AgentKit REST call returns it.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Status {
    /// The gRPC status code number.
    pub code: i32,
    pub message: String,
    pub details: Vec<ErrorInfo>,
}

impl Status {
    /// A status with one `ErrorInfo` carrying `error_code`.
    pub fn new(code: Code, error_code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.number(),
            message: message.into(),
            details: vec![ErrorInfo {
                error_code: error_code.to_string(),
                ..ErrorInfo::default()
            }],
        }
    }

    /// The first detail's `error_code`, as the SDKs expose it.
    pub fn error_code(&self) -> Option<&str> {
        self.details
            .iter()
            .map(|d| d.error_code.as_str())
            .find(|c| !c.is_empty())
    }

    /// The tool failure carried in the details, if this is a `TOOL_ERROR`.
    pub fn tool_error(&self) -> Option<&ToolErrorInfo> {
        self.details.iter().find_map(|d| d.tool_error_info.as_ref())
    }

    /// Whether the details carry `error_code == "TOOL_ERROR"`; such errors are never retried
    /// and never trigger a token refresh.
    pub fn is_tool_error(&self) -> bool {
        self.details.iter().any(|d| d.error_code == "TOOL_ERROR")
    }
}

/// `scalekit.v1.errdetails.ErrorInfo`, packed in an `Any` (hence `@type`).
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorInfo {
    #[serde(rename = "@type")]
    pub type_url: String,
    #[serde(alias = "errorCode")]
    pub error_code: String,
    #[serde(alias = "debugInfo")]
    pub debug_info: Option<DebugInfo>,
    #[serde(alias = "helpInfo")]
    pub help_info: Option<HelpInfo>,
    #[serde(alias = "localizedMessageInfo")]
    pub localized_message_info: Option<LocalizedMessageInfo>,
    #[serde(alias = "resourceInfo")]
    pub resource_info: Option<ResourceInfo>,
    #[serde(alias = "requestInfo")]
    pub request_info: Option<RequestInfo>,
    #[serde(alias = "validationErrorInfo")]
    pub validation_error_info: Option<ValidationErrorInfo>,
    #[serde(alias = "toolErrorInfo")]
    pub tool_error_info: Option<ToolErrorInfo>,
}

impl Default for ErrorInfo {
    fn default() -> Self {
        Self {
            type_url: ERROR_INFO_TYPE.to_string(),
            error_code: String::new(),
            debug_info: None,
            help_info: None,
            localized_message_info: None,
            resource_info: None,
            request_info: None,
            validation_error_info: None,
            tool_error_info: None,
        }
    }
}

/// `ErrorInfo.tool_error_info`: the upstream failure of an `execute_tool` call.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolErrorInfo {
    #[serde(alias = "executionId")]
    pub execution_id: String,
    #[serde(alias = "toolErrorMessage")]
    pub tool_error_message: String,
    #[serde(alias = "toolErrorCode")]
    pub tool_error_code: String,
}

/// `ErrorInfo.validation_error_info`.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationErrorInfo {
    #[serde(alias = "fieldViolations")]
    pub field_violations: Vec<FieldViolation>,
}

/// One failed constraint: which field, which rule, and why.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldViolation {
    pub field: String,
    pub description: String,
    pub constraint: String,
}

/// `ErrorInfo.debug_info`.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DebugInfo {
    #[serde(alias = "stackEntries")]
    pub stack_entries: Vec<String>,
    pub detail: String,
}

/// `ErrorInfo.help_info`.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelpInfo {
    pub links: Vec<HelpLink>,
}

/// `HelpInfo.Link`.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelpLink {
    pub description: String,
    pub url: String,
}

/// `ErrorInfo.localized_message_info`.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalizedMessageInfo {
    pub locale: String,
    pub message: String,
}

/// `ErrorInfo.resource_info`.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceInfo {
    #[serde(alias = "resourceName")]
    pub resource_name: String,
    pub owner: String,
    pub description: String,
    #[serde(alias = "requiredPermissions")]
    pub required_permissions: Vec<String>,
    pub user: String,
}

/// `ErrorInfo.request_info`.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestInfo {
    #[serde(alias = "requestId")]
    pub request_id: String,
    #[serde(alias = "servingData")]
    pub serving_data: String,
}

/// gRPC status codes and grpc-gateway's HTTP mapping (`HTTPStatusFromCode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    Ok,
    Cancelled,
    Unknown,
    InvalidArgument,
    DeadlineExceeded,
    NotFound,
    AlreadyExists,
    PermissionDenied,
    ResourceExhausted,
    FailedPrecondition,
    Aborted,
    OutOfRange,
    Unimplemented,
    Internal,
    Unavailable,
    DataLoss,
    Unauthenticated,
}

impl Code {
    const TABLE: [(Code, i32, u16); 17] = [
        (Code::Ok, 0, 200),
        (Code::Cancelled, 1, 499),
        (Code::Unknown, 2, 500),
        (Code::InvalidArgument, 3, 400),
        (Code::DeadlineExceeded, 4, 504),
        (Code::NotFound, 5, 404),
        (Code::AlreadyExists, 6, 409),
        (Code::PermissionDenied, 7, 403),
        (Code::ResourceExhausted, 8, 429),
        (Code::FailedPrecondition, 9, 400),
        (Code::Aborted, 10, 409),
        (Code::OutOfRange, 11, 400),
        (Code::Unimplemented, 12, 501),
        (Code::Internal, 13, 500),
        (Code::Unavailable, 14, 503),
        (Code::DataLoss, 15, 500),
        (Code::Unauthenticated, 16, 401),
    ];

    /// The gRPC code number.
    pub fn number(self) -> i32 {
        Self::TABLE
            .iter()
            .find(|(c, _, _)| *c == self)
            .map(|t| t.1)
            .unwrap_or(2)
    }

    /// The HTTP status grpc-gateway answers with for this code.
    pub fn http_status(self) -> u16 {
        Self::TABLE
            .iter()
            .find(|(c, _, _)| *c == self)
            .map(|t| t.2)
            .unwrap_or(500)
    }

    /// The code for a gRPC number; unknown numbers map to `Unknown`.
    pub fn from_number(n: i32) -> Self {
        Self::TABLE
            .iter()
            .find(|t| t.1 == n)
            .map(|t| t.0)
            .unwrap_or(Code::Unknown)
    }

    /// The code the SDKs assume for a plain HTTP status (`HTTP_TO_GRPC`).
    pub fn from_http_status(status: u16) -> Self {
        match status {
            200..=299 => Code::Ok,
            400 => Code::InvalidArgument,
            401 => Code::Unauthenticated,
            403 => Code::PermissionDenied,
            404 => Code::NotFound,
            409 => Code::AlreadyExists,
            429 => Code::ResourceExhausted,
            499 => Code::Cancelled,
            501 => Code::Unimplemented,
            503 => Code::Unavailable,
            504 => Code::DeadlineExceeded,
            _ => Code::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_error_example() {
        let body = r#"{"code": 16, "message": "Token empty", "details": [{"@type": "type.googleapis.com/scalekit.v1.errdetails.ErrorInfo", "error_code": "UNAUTHENTICATED"}]}"#;
        let status: Status = serde_json::from_str(body).unwrap();
        assert_eq!(Code::from_number(status.code), Code::Unauthenticated);
        assert_eq!(status.error_code(), Some("UNAUTHENTICATED"));
        assert_eq!(Code::from_number(status.code).http_status(), 401);
    }

    #[test]
    fn tool_errors_are_recognised() {
        let body = r#"{"code":8,"message":"rate","details":[{"errorCode":"TOOL_ERROR","toolErrorInfo":{"executionId":"ex_1","toolErrorCode":"429"}}]}"#;
        let status: Status = serde_json::from_str(body).unwrap();
        assert!(status.is_tool_error());
        assert_eq!(status.tool_error().unwrap().execution_id, "ex_1");
    }
}
