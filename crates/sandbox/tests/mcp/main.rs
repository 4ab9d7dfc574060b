//! MCP configs, instances, auth state and session tokens over REST, and a real rmcp client
//! talking to an instance URL.

#[path = "../common/mod.rs"]
mod common;

mod client;
mod configs;
mod instances;
mod tokens;

use common::Api;
use serde_json::{json, Value};

/// Creates the `name` config over gmail (one tool) and slack (every tool).
pub async fn create_config(api: &Api, name: &str) -> Value {
    let r = api
        .post(
            "/api/v1/mcp/configs",
            json!({"name": name, "description": "triage mail",
                   "connection_tool_mappings": [
                       {"connection_name": "gmail", "tools": ["gmail_fetch_mails"]},
                       {"connection_name": "slack", "tools": []}]}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body["config"].clone()
}
