//! Wire types of the Scalekit AgentKit REST API (grpc-gateway transcoding of the AgentKit gRPC
//! services), shared by the `agentkit` client and the Kitbench Sandbox.
//!
//! Conventions, from the API reference (§2):
//! - fields serialize with their proto names (snake_case) and also accept the lowerCamel JSON
//!   names on input;
//! - a missing field, `null` and the type's default are the same thing (see [`de::lenient`]);
//! - enums travel as their value names, unknown names are kept (see [`enums`]);
//! - `google.protobuf.Struct` is a JSON object ([`JsonObject`]), `Timestamp` is RFC 3339.
//!
//! Request messages whose fields travel in the query string are encoded and decoded with
//! [`query`], which knows grpc-gateway's dotted keys and repeated keys.

pub mod connected_accounts;
pub mod connections;
pub mod de;
pub mod duration;
pub mod enums;
pub mod mcp;
pub mod providers;
pub mod query;
pub mod redact;
pub mod status;
mod strict;
pub mod token;
pub mod tools;

pub use duration::ProtoDuration;
pub use enums::*;
pub use status::{Code, ErrorInfo, FieldViolation, Status, ToolErrorInfo, ValidationErrorInfo};

/// A `google.protobuf.Struct`: an arbitrary JSON object.
pub type JsonObject = serde_json::Map<String, serde_json::Value>;

/// A `google.protobuf.Timestamp`, RFC 3339 in UTC on the wire.
pub type Timestamp = chrono::DateTime<chrono::Utc>;

/// Common shape of list responses: the page tokens and the total.
pub trait Page {
    /// The token for the next page, empty on the last page.
    fn next_page_token(&self) -> &str;
}

/// `{}`: the answer of deletes.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Empty {}
