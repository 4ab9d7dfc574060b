//! The inspector's IPC types.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::tools::KeyValue;
use crate::IpcError;

/// Which MCP transport to speak.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "McpTransportKind.ts")]
pub enum McpTransportKind {
    /// Streamable HTTP (the current transport; what AgentKit instances speak).
    #[default]
    StreamableHttp,
    /// The older HTTP+SSE transport (2024-11-05): a GET event stream and a POST endpoint.
    Sse,
}

/// What to connect to: an instance (its URL is fetched by the backend, never sent by the UI)
/// or any MCP server URL.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export_to = "InspectorConnectInput.ts")]
pub struct InspectorConnectInput {
    /// With `instance_id`: the environment the instance is in.
    pub env_id: Option<String>,
    /// An instance of that environment.
    pub instance_id: Option<String>,
    /// Any MCP server URL (when no instance is given).
    pub url: Option<String>,
    /// Extra request headers (`Authorization`, …).
    pub headers: Vec<KeyValue>,
    /// The transport.
    pub transport: McpTransportKind,
}

/// A tool as the server lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "InspectorTool.ts")]
pub struct InspectorTool {
    /// The name to call it by.
    pub name: String,
    /// A display title, if any.
    pub title: Option<String>,
    /// What it does.
    pub description: String,
    /// Its input JSON Schema.
    #[ts(type = "unknown")]
    pub input_schema: Value,
    /// Its output JSON Schema, if it declares one.
    #[ts(type = "unknown")]
    pub output_schema: Option<Value>,
    /// Hints (`readOnlyHint`, `destructiveHint`, `idempotentHint`, `openWorldHint`, `title`).
    #[ts(type = "unknown")]
    pub annotations: Option<Value>,
}

/// A prompt as the server lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "InspectorPrompt.ts")]
pub struct InspectorPrompt {
    /// Its name.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// Its arguments (`[{name, description, required}]`).
    #[ts(type = "unknown")]
    pub arguments: Value,
}

/// A resource as the server lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "InspectorResource.ts")]
pub struct InspectorResource {
    /// Its URI.
    pub uri: String,
    /// Its name.
    pub name: String,
    /// Its MIME type, if given.
    pub mime_type: Option<String>,
    /// What it is.
    pub description: String,
}

/// A connected inspector session.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "InspectorSession.ts")]
pub struct InspectorSession {
    /// Pass to the other inspector commands.
    pub session_id: String,
    /// What it is connected to, credential masked.
    pub target: String,
    /// The transport used.
    pub transport: McpTransportKind,
    /// The server's name.
    pub server_name: String,
    /// The server's version.
    pub server_version: String,
    /// The protocol version agreed on.
    pub protocol_version: String,
    /// The server's capabilities, as it sent them.
    #[ts(type = "unknown")]
    pub capabilities: Value,
    /// The server's instructions, if any.
    pub instructions: Option<String>,
    /// Its tools.
    pub tools: Vec<InspectorTool>,
    /// Its prompts (empty unless it offers prompts).
    pub prompts: Vec<InspectorPrompt>,
    /// Its resources (empty unless it offers resources).
    pub resources: Vec<InspectorResource>,
    /// Milliseconds from connecting to the last list.
    pub connect_ms: f64,
}

/// A tool call.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export_to = "InspectorCallInput.ts")]
pub struct InspectorCallInput {
    /// The session.
    pub session_id: String,
    /// Chosen by the UI, so it can `cancel_run` before the answer.
    pub run_id: Option<String>,
    /// The tool.
    pub tool_name: String,
    /// Its arguments (a JSON object).
    #[ts(type = "Record<string, unknown>")]
    pub arguments: Value,
}

/// One piece of a tool result. Nothing here is ever rendered as HTML.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export_to = "InspectorContent.ts")]
pub enum InspectorContent {
    /// Plain text.
    Text {
        /// The text.
        text: String,
    },
    /// Text that parses as JSON.
    Json {
        /// The parsed value.
        #[ts(type = "unknown")]
        value: Value,
    },
    /// An image: base64 data (shown through a data URL, never as SVG).
    Image {
        /// Base64.
        data: String,
        /// `image/png`, …
        mime_type: String,
    },
    /// Audio: base64 data.
    Audio {
        /// Base64.
        data: String,
        /// `audio/wav`, …
        mime_type: String,
    },
    /// An embedded resource or a link to one.
    Resource {
        /// Its URI.
        uri: String,
        /// Its MIME type, if given.
        mime_type: Option<String>,
        /// Its text, when textual.
        text: Option<String>,
        /// Bytes of its base64 blob, when binary.
        blob_bytes: Option<u32>,
        /// True for a `resource_link` (only a pointer).
        link: bool,
    },
    /// A content type this app does not know, as sent.
    Other {
        /// The raw content.
        #[ts(type = "unknown")]
        raw: Value,
    },
}

/// How a call ended.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "InspectorCallResult.ts")]
pub struct InspectorCallResult {
    /// The run id (cancel with `cancel_run`).
    pub run_id: String,
    /// The tool.
    pub tool_name: String,
    /// The server's result content.
    pub content: Vec<InspectorContent>,
    /// `structuredContent`, if any.
    #[ts(type = "unknown")]
    pub structured_content: Option<Value>,
    /// The tool said it failed (`isError`): a result, not a protocol error.
    pub is_error: bool,
    /// The call got no result (protocol error, transport failure, cancelled).
    pub error: Option<IpcError>,
    /// Milliseconds from sending to the answer.
    pub duration_ms: f64,
}

/// Which way a message went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "MessageDirection.ts")]
pub enum MessageDirection {
    /// From the inspector to the server.
    Sent,
    /// From the server.
    Received,
}

/// One MCP message exchanged, as captured at the transport (redacted, cut when large).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "InspectorMessage.ts")]
pub struct InspectorMessage {
    /// Order within the session.
    pub seq: u32,
    /// Which way it went.
    pub direction: MessageDirection,
    /// RFC 3339 with milliseconds.
    pub at: String,
    /// The JSON-RPC method (requests, notifications), else null (responses).
    pub method: Option<String>,
    /// The JSON-RPC id (requests and responses).
    #[ts(type = "unknown")]
    pub id: Option<Value>,
    /// The message as JSON text (at most 64 KB; `truncated` says when cut).
    pub json: String,
    /// The message was longer than what `json` holds.
    pub truncated: bool,
}

/// One message of a prompt, as the server rendered it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "InspectorPromptMessage.ts")]
pub struct InspectorPromptMessage {
    /// `user` or `assistant`.
    pub role: String,
    /// Its content.
    pub content: InspectorContent,
}

/// A prompt got with arguments.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "InspectorPromptResult.ts")]
pub struct InspectorPromptResult {
    /// The prompt's description, if the server gave one.
    pub description: Option<String>,
    /// Its messages.
    pub messages: Vec<InspectorPromptMessage>,
}
