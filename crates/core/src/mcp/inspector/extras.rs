//! Prompts and resources of a session: get a prompt with arguments, read a resource. Both are
//! bounded by the request timeout; answers go through the same content mapping as tool results.

use std::sync::Arc;

use rmcp::model::{GetPromptRequestParams, ReadResourceRequestParams};
use serde_json::{json, Value};

use super::types::{InspectorContent, InspectorPromptMessage, InspectorPromptResult};
use super::{connect, content, Session};
use crate::{Error, ErrorKind, Result};

fn failed(session: &Session, what: &str, e: &dyn std::fmt::Display) -> Error {
    Error::Mcp {
        kind: ErrorKind::Tool,
        message: format!(
            "The server answered {what} with an error: {}",
            session.redactor.redact_text(&e.to_string())
        ),
    }
}

/// `prompts/get` with `arguments` (string values, as the protocol takes them; none is sent as
/// no `arguments` at all).
pub async fn get_prompt(
    session: Arc<Session>,
    name: &str,
    arguments: serde_json::Map<String, Value>,
) -> Result<InspectorPromptResult> {
    let mut params = GetPromptRequestParams::new(name.to_string());
    if !arguments.is_empty() {
        params = params.with_arguments(arguments);
    }
    let answer = tokio::time::timeout(connect::REQUEST_TIMEOUT, session.client.get_prompt(params))
        .await
        .map_err(|_| connect::timeout_error(&session.target, connect::REQUEST_TIMEOUT))?
        .map_err(|e| failed(&session, "prompts/get", &e))?;
    let raw = serde_json::to_value(&answer).unwrap_or(Value::Null);
    Ok(InspectorPromptResult {
        description: raw["description"].as_str().map(str::to_string),
        messages: raw["messages"]
            .as_array()
            .map(|m| {
                m.iter()
                    .map(|m| InspectorPromptMessage {
                        role: m["role"].as_str().unwrap_or_default().to_string(),
                        content: content::content(&m["content"]),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    })
}

/// `resources/read`: each of the resource's contents.
pub async fn read_resource(session: Arc<Session>, uri: &str) -> Result<Vec<InspectorContent>> {
    let params = ReadResourceRequestParams::new(uri.to_string());
    let answer = tokio::time::timeout(
        connect::REQUEST_TIMEOUT,
        session.client.read_resource(params),
    )
    .await
    .map_err(|_| connect::timeout_error(&session.target, connect::REQUEST_TIMEOUT))?
    .map_err(|e| failed(&session, "resources/read", &e))?;
    let raw = serde_json::to_value(&answer).unwrap_or(Value::Null);
    Ok(raw["contents"]
        .as_array()
        .map(|c| {
            c.iter()
                .map(|r| content::content(&json!({"type": "resource", "resource": r})))
                .collect()
        })
        .unwrap_or_default())
}
