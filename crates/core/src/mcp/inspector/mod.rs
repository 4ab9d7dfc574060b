//! The built-in MCP inspector: rmcp's client against an instance URL or any MCP server
//! (streamable HTTP, or the older HTTP+SSE through [`sse`]), with every message captured at
//! the transport ([`log`]) and every call handed on redacted ([`record`]).

pub mod connect;
pub mod content;
pub mod extras;
pub mod log;
pub mod record;
pub mod sse;
pub mod types;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use agentkit::wire::redact::Redactor;
use rmcp::model::CallToolRequestParams;
use serde_json::Value;

pub use types::*;

use crate::{Error, ErrorKind, Result};

/// Sessions kept open at once; connecting another closes the oldest.
pub const MAX_SESSIONS: usize = 8;
/// A tool call's longest wait (cancel ends it sooner).
pub const CALL_TIMEOUT: Duration = Duration::from_secs(120);

/// One connected session.
pub struct Session {
    /// Its id.
    pub id: String,
    /// What it is connected to, URL masked.
    pub target: String,
    /// The running rmcp client.
    pub client: connect::Client,
    /// Every message exchanged.
    pub log: Arc<log::MessageLog>,
    /// Every call made, redacted.
    pub calls: record::CallJournal,
    /// The policy for this session (it knows the URL and header values as secrets).
    pub redactor: Redactor,
    opened: u64,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("id", &self.id)
            .field("target", &self.target)
            .finish_non_exhaustive()
    }
}

/// The open sessions.
#[derive(Debug, Default)]
pub struct Inspector {
    sessions: Mutex<HashMap<String, Arc<Session>>>,
    opened: std::sync::atomic::AtomicU64,
}

fn gone(id: &str) -> Error {
    Error::NotFound(format!("Inspector session {id} is closed; connect again."))
}

impl Inspector {
    /// Connects to `url` and lists what the server offers.
    pub async fn open(
        &self,
        url: &str,
        headers: &[crate::tools::KeyValue],
        transport: McpTransportKind,
    ) -> Result<InspectorSession> {
        let parsed = connect::checked_url(url)?;
        let header_map = connect::header_map(headers)?;
        // The URL (an instance's is a credential) and any header value are secrets here.
        let redactor = Redactor::new()
            .with_secret(url.trim())
            .with_secrets(headers.iter().map(|h| h.value.trim()));
        let target = super::mask_url(url.trim());
        let log = Arc::new(log::MessageLog::new(redactor.clone()));
        let (client, mut ms) =
            connect::connect(parsed, header_map, transport, log.clone(), &target).await?;
        let info = client
            .peer_info()
            .map(|i| serde_json::to_value(&*i).unwrap_or(Value::Null))
            .unwrap_or(Value::Null);
        let caps = info.get("capabilities").cloned().unwrap_or(Value::Null);
        let started = std::time::Instant::now();
        let listed = tokio::time::timeout(connect::REQUEST_TIMEOUT, async {
            let tools = client.list_all_tools().await;
            let prompts = match caps.get("prompts") {
                Some(_) => client.list_all_prompts().await.ok(),
                None => None,
            };
            let resources = match caps.get("resources") {
                Some(_) => client.list_all_resources().await.ok(),
                None => None,
            };
            (tools, prompts, resources)
        })
        .await;
        let (tools, prompts, resources) = match listed {
            Ok(l) => l,
            Err(_) => {
                let _ = client.cancel().await;
                return Err(connect::timeout_error(&target, connect::REQUEST_TIMEOUT));
            }
        };
        ms += started.elapsed().as_secs_f64() * 1000.0;
        let tools = tools.map_err(|e| connect::classify(&target, &e))?;
        let id = {
            use rand::distr::{Alphanumeric, SampleString};
            format!("mcp_{}", Alphanumeric.sample_string(&mut rand::rng(), 20))
        };
        let session = InspectorSession {
            session_id: id.clone(),
            target: target.clone(),
            transport,
            server_name: info["serverInfo"]["name"]
                .as_str()
                .unwrap_or_default()
                .into(),
            server_version: info["serverInfo"]["version"]
                .as_str()
                .unwrap_or_default()
                .into(),
            protocol_version: info["protocolVersion"].as_str().unwrap_or_default().into(),
            capabilities: caps,
            instructions: info["instructions"].as_str().map(str::to_string),
            tools: values(&tools).iter().map(content::tool).collect(),
            prompts: prompts
                .map(|p| values(&p).iter().map(content::prompt).collect())
                .unwrap_or_default(),
            resources: resources
                .map(|r| values(&r).iter().map(content::resource).collect())
                .unwrap_or_default(),
            connect_ms: ms,
        };
        let opened = self
            .opened
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let entry = Arc::new(Session {
            id: id.clone(),
            target,
            client,
            log,
            calls: record::CallJournal::default(),
            redactor,
            opened,
        });
        let evicted = {
            let mut sessions = self.sessions.lock().map_err(|_| poisoned())?;
            sessions.insert(id, entry);
            let mut evicted = Vec::new();
            while sessions.len() > MAX_SESSIONS {
                let oldest = sessions
                    .values()
                    .min_by_key(|s| s.opened)
                    .map(|s| s.id.clone());
                if let Some(old) = oldest.and_then(|o| sessions.remove(&o)) {
                    evicted.push(old);
                }
            }
            evicted
        };
        for old in evicted {
            close(old).await;
        }
        Ok(session)
    }

    /// The session `id`.
    pub fn get(&self, id: &str) -> Result<Arc<Session>> {
        self.sessions
            .lock()
            .map_err(|_| poisoned())?
            .get(id)
            .cloned()
            .ok_or_else(|| gone(id))
    }

    /// Closes a session; false when it was not open.
    pub async fn close(&self, id: &str) -> bool {
        let removed = self.sessions.lock().ok().and_then(|mut s| s.remove(id));
        match removed {
            Some(s) => {
                close(s).await;
                true
            }
            None => false,
        }
    }

    /// How many sessions are open.
    pub fn open_count(&self) -> usize {
        self.sessions.lock().map(|s| s.len()).unwrap_or(0)
    }
}

/// Ends the client once nobody else holds the session (a call in flight keeps it).
async fn close(session: Arc<Session>) {
    if let Ok(s) = Arc::try_unwrap(session) {
        let _ = s.client.cancel().await;
    }
}

fn poisoned() -> Error {
    Error::Conflict("The inspector is unusable after a crash; restart the app.".into())
}

/// rmcp's list items as their JSON form.
fn values<T: serde::Serialize>(items: &[T]) -> Vec<Value> {
    items
        .iter()
        .map(|i| serde_json::to_value(i).unwrap_or(Value::Null))
        .collect()
}

/// Calls a tool on `session` (the caller runs this as a cancellable task) and hands the call
/// on to the history. A server's `isError` is a result; only a call with no result is an error.
pub async fn call_tool(
    session: Arc<Session>,
    run_id: String,
    tool_name: String,
    arguments: Value,
) -> InspectorCallResult {
    let started = std::time::Instant::now();
    let args = arguments.as_object().cloned().unwrap_or_default();
    let params = CallToolRequestParams::new(tool_name.clone()).with_arguments(args);
    let answer = tokio::time::timeout(CALL_TIMEOUT, session.client.call_tool(params)).await;
    let duration_ms = started.elapsed().as_secs_f64() * 1000.0;
    let mut result = InspectorCallResult {
        run_id: run_id.clone(),
        tool_name: tool_name.clone(),
        content: Vec::new(),
        structured_content: None,
        is_error: false,
        error: None,
        duration_ms,
    };
    let response = match answer {
        Ok(Ok(r)) => {
            let raw = serde_json::to_value(&r).unwrap_or(Value::Null);
            result.content = raw["content"]
                .as_array()
                .map(|c| c.iter().map(content::content).collect())
                .unwrap_or_default();
            result.structured_content = raw.get("structuredContent").cloned();
            result.is_error = raw["isError"].as_bool().unwrap_or(false);
            raw
        }
        Ok(Err(e)) => {
            let error = crate::IpcError::from(&Error::Mcp {
                kind: ErrorKind::Tool,
                message: format!(
                    "The server answered the call with an error: {}",
                    session.redactor.redact_text(&e.to_string())
                ),
            });
            let raw = serde_json::json!({ "error": error.message });
            result.error = Some(error);
            raw
        }
        Err(_) => {
            let error =
                crate::IpcError::from(&connect::timeout_error(&session.target, CALL_TIMEOUT));
            let raw = serde_json::json!({ "error": error.message });
            result.error = Some(error);
            raw
        }
    };
    record::hand_inspector_call_to_history(
        &session.calls,
        &session.redactor,
        &run_id,
        &session.target,
        &tool_name,
        &arguments,
        &response,
        duration_ms,
    );
    result
}
