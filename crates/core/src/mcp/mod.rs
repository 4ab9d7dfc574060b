//! MCP configs, per-user MCP instances, their auth state, "add to a client" snippets, and the
//! built-in inspector (an rmcp client). The IPC types and the checks made before sending live
//! here; the calls are `Kitbench` methods (`app/mcp.rs`).
//!
//! An instance URL is a credential: lists and gets carry it masked ([`mask_url`]); only
//! `reveal_mcp_instance_url`, the snippets asked for with `reveal`, and the inspector (which
//! fetches it itself) ever hold it whole, and nothing of it is logged.

pub mod api_fields;
pub mod auth_state;
pub mod config;
pub mod inspector;
pub mod instance;
pub mod snippets;

pub use auth_state::McpConnectionState;
pub use config::{McpConfigInput, McpConfigPage, McpConfigView, McpMappingInput, McpMappingView};
pub use inspector::{
    InspectorCallInput, InspectorCallResult, InspectorConnectInput, InspectorContent,
    InspectorMessage, InspectorPrompt, InspectorPromptMessage, InspectorPromptResult,
    InspectorResource, InspectorSession, InspectorTool, McpTransportKind, MessageDirection,
};
pub use instance::{McpInstanceFilter, McpInstancePage, McpInstanceView};
pub use snippets::{McpSnippet, SnippetClient};

/// A URL as it may be shown or logged: the one redaction policy masks an instance's credential
/// segment (`/mcp/v1/****`), userinfo passwords and credential query values.
pub fn mask_url(url: &str) -> String {
    agentkit::wire::redact::Redactor::new().redact_url(url)
}
