//! The REST answer as the gRPC answer: a 2xx body parsed strictly as the RPC's response
//! message, anything else as a gRPC status whose `grpc-status-details-bin` is the same
//! `google.rpc.Status` the REST error body carries (`ErrorInfo` details, `TOOL_ERROR` among
//! them), which is what both SDKs unpack to choose their exception.

use super::methods::{pool, Method};
use agentkit_wire::Code as WireCode;
use bytes::Bytes;
use prost::Message as _;
use prost_reflect::{DeserializeOptions, DynamicMessage};
use serde_json::Value;
use tonic::{Code, Status};

/// `google.rpc.Status` on the wire (not in the descriptor set, and three fields long).
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct RpcStatus {
    #[prost(int32, tag = "1")]
    pub code: i32,
    #[prost(string, tag = "2")]
    pub message: String,
    #[prost(message, repeated, tag = "3")]
    pub details: Vec<Any>,
}

/// `google.protobuf.Any` on the wire.
#[derive(Clone, PartialEq, prost::Message)]
pub(crate) struct Any {
    #[prost(string, tag = "1")]
    pub type_url: String,
    #[prost(bytes = "vec", tag = "2")]
    pub value: Vec<u8>,
}

/// The response message for a 2xx answer, else the status.
pub(crate) fn from_rest(
    method: &Method,
    status: u16,
    body: &[u8],
) -> Result<DynamicMessage, Status> {
    if (200..300).contains(&status) {
        let json: Value = serde_json::from_slice(body).map_err(|e| {
            Status::internal(format!("{}: the REST answer is not JSON: {e}", method.name))
        })?;
        // Strict: a field the real message lacks is a Sandbox bug, better seen than dropped.
        return DynamicMessage::deserialize_with_options(
            method.output.clone(),
            json,
            &DeserializeOptions::new().deny_unknown_fields(true),
        )
        .map_err(|e| {
            Status::internal(format!(
                "{}: the REST answer is not a {}: {e}",
                method.name,
                method.output.full_name()
            ))
        });
    }
    Err(error_status(status, body))
}

/// A REST error answer (`{code, message, details}`) as a gRPC status with details.
pub(crate) fn error_status(http_status: u16, body: &[u8]) -> Status {
    let json: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let fallback = WireCode::from_http_status(http_status).number();
    let code = json
        .get("code")
        .and_then(Value::as_i64)
        .and_then(|c| i32::try_from(c).ok())
        .unwrap_or(fallback);
    let message = json
        .get("message")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| format!("HTTP {http_status}"));
    let details = json
        .get("details")
        .and_then(Value::as_array)
        .map(|d| d.iter().filter_map(detail).collect())
        .unwrap_or_default();
    with_details(Code::from_i32(code), message, details)
}

/// A status whose details-bin repeats its code and message (Python's `rpc_status.from_call`
/// refuses details that disagree with the trailers).
pub(crate) fn with_details(code: Code, message: String, details: Vec<Any>) -> Status {
    if details.is_empty() {
        return Status::new(code, message);
    }
    let rpc = RpcStatus {
        code: code as i32,
        message: message.clone(),
        details,
    };
    Status::with_details(code, message, Bytes::from(rpc.encode_to_vec()))
}

/// One `{"@type": …, …}` detail packed as an `Any`, when its type is in the descriptor set.
fn detail(value: &Value) -> Option<Any> {
    let mut object = value.as_object()?.clone();
    let type_url = object.remove("@type")?.as_str()?.to_string();
    let name = type_url.rsplit('/').next()?;
    let desc = pool().get_message_by_name(name)?;
    let message = DynamicMessage::deserialize(desc, Value::Object(object)).ok()?;
    Some(Any {
        type_url,
        value: message.encode_to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tool_errors_keep_their_error_info() {
        let body = br#"{"code":13,"message":"gmail API answered 500","details":[{"@type":"type.googleapis.com/scalekit.v1.errdetails.ErrorInfo","error_code":"TOOL_ERROR","tool_error_info":{"execution_id":"e1","tool_error_message":"m","tool_error_code":"500"}}]}"#;
        let status = error_status(500, body);
        assert_eq!(status.code(), Code::Internal);
        let rpc = RpcStatus::decode(status.details()).unwrap();
        assert_eq!(
            (rpc.code, rpc.message.as_str()),
            (13, "gmail API answered 500")
        );
        let info = pool()
            .get_message_by_name("scalekit.v1.errdetails.ErrorInfo")
            .unwrap();
        let info = DynamicMessage::decode(info, rpc.details[0].value.as_slice()).unwrap();
        let json = serde_json::to_value(&info).unwrap();
        assert_eq!(json["errorCode"], "TOOL_ERROR");
        assert_eq!(json["toolErrorInfo"]["executionId"], "e1");
    }

    #[test]
    fn a_body_without_status_falls_back_to_the_http_mapping() {
        assert_eq!(error_status(503, b"oops").code(), Code::Unavailable);
        assert_eq!(error_status(401, b"").code(), Code::Unauthenticated);
    }
}
