//! Helpers for the MCP tests: config forms and field names of errors.

use serde_json::{json, Value};

/// A config form.
pub fn config(name: &str, mappings: Value) -> Value {
    json!({"name": name, "description": "Inbox and chat", "mappings": mappings})
}

/// gmail (two tools) and slack (one).
pub fn inbox_mappings() -> Value {
    json!([
        {"connection_name": "gmail", "tools": ["gmail_fetch_mails", "gmail_send_email"]},
        {"connection_name": "slack", "tools": ["slack_send_message"]},
    ])
}

/// The fields an error names.
pub fn fields(err: &kitbench_core::IpcError) -> Vec<&str> {
    err.fields.iter().map(|f| f.field.as_str()).collect()
}
