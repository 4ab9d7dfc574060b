//! The MCP inspector's commands: connect (to an instance by id, or any URL), call a tool as a
//! cancellable run, read the message log, disconnect.

use super::mcp::required;
use super::Kitbench;
use crate::mcp::inspector;
use crate::mcp::{
    InspectorCallInput, InspectorCallResult, InspectorConnectInput, InspectorContent,
    InspectorMessage, InspectorPromptResult, InspectorSession,
};
use crate::tools::model::text;
use crate::tools::run;
use crate::tools::runs::Finished;
use crate::{Error, ErrorKind, IpcError, Result};

impl Kitbench {
    /// Connects the inspector to an instance (its URL fetched here, never from the UI) or to
    /// any MCP server URL; answers what the server offers.
    pub async fn inspector_connect(
        &self,
        input: &InspectorConnectInput,
    ) -> Result<InspectorSession> {
        let url = match (
            input.instance_id.as_deref().and_then(|i| text(Some(i))),
            &input.url,
        ) {
            (Some(instance_id), _) => {
                let Some(env_id) = input.env_id.as_deref() else {
                    return Err(Error::invalid(
                        "env_id",
                        "Choose the instance's environment.",
                    ));
                };
                self.client(env_id)
                    .await?
                    .get_mcp_instance(&instance_id)
                    .await?
                    .url
            }
            (None, Some(url)) if !url.trim().is_empty() => url.trim().to_string(),
            _ => {
                return Err(Error::invalid(
                    "url",
                    "Give an MCP server URL or choose an instance.",
                ))
            }
        };
        self.inspector
            .open(&url, &input.headers, input.transport)
            .await
    }

    /// Calls a tool in an inspector session, as a cancellable run (`cancel_run`).
    pub async fn inspector_call_tool(
        &self,
        input: &InspectorCallInput,
    ) -> Result<InspectorCallResult> {
        let run_id = run::run_id(input.run_id.as_deref())?;
        let tool = required(&input.tool_name, "tool_name", "tool")?.to_string();
        if !input.arguments.is_object() {
            return Err(Error::invalid(
                "arguments",
                "The arguments are a JSON object.",
            ));
        }
        let session = self.inspector.get(&input.session_id)?;
        let started = std::time::Instant::now();
        let finished = self
            .runs
            .run(
                &run_id,
                inspector::call_tool(
                    session.clone(),
                    run_id.clone(),
                    tool.clone(),
                    input.arguments.clone(),
                ),
            )
            .await?;
        // Recorded in the history (redacted, URL masked) before the UI is told, like a tool run.
        if let Some(call) = session
            .calls
            .all()
            .into_iter()
            .rev()
            .find(|c| c.run_id == run_id)
        {
            // A session may be any server's URL: its calls go under the active environment.
            let env_id = crate::settings::active_env(self.store.pool())
                .await?
                .unwrap_or_default();
            self.history.record_mcp_call(&env_id, &call).await?;
        }
        Ok(match finished {
            Finished::Done(result) => result,
            Finished::Cancelled => InspectorCallResult {
                run_id,
                tool_name: tool,
                content: Vec::new(),
                structured_content: None,
                is_error: false,
                error: Some(IpcError {
                    kind: ErrorKind::Cancelled,
                    message: "Cancelled while in flight; the server was told, but may still \
                              have acted on it."
                        .into(),
                    fields: Vec::new(),
                    detail: None,
                }),
                duration_ms: started.elapsed().as_secs_f64() * 1000.0,
            },
        })
    }

    /// The session's MCP messages after `after_seq` (all when null).
    pub fn inspector_messages(
        &self,
        session_id: &str,
        after_seq: Option<u32>,
    ) -> Result<Vec<InspectorMessage>> {
        Ok(self.inspector.get(session_id)?.log.since(after_seq))
    }

    /// Closes an inspector session; false when it was not open.
    pub async fn inspector_disconnect(&self, session_id: &str) -> bool {
        self.inspector.close(session_id).await
    }

    /// Gets a prompt of an inspector session with its arguments.
    pub async fn inspector_get_prompt(
        &self,
        session_id: &str,
        name: &str,
        values: &std::collections::BTreeMap<String, String>,
    ) -> Result<InspectorPromptResult> {
        let name = required(name, "name", "prompt")?;
        let arguments: serde_json::Map<String, serde_json::Value> = values
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
            .collect();
        let session = self.inspector.get(session_id)?;
        Box::pin(inspector::extras::get_prompt(session, name, arguments)).await
    }

    /// Reads a resource of an inspector session.
    pub async fn inspector_read_resource(
        &self,
        session_id: &str,
        uri: &str,
    ) -> Result<Vec<InspectorContent>> {
        let uri = required(uri, "uri", "resource's URI")?;
        let session = self.inspector.get(session_id)?;
        Box::pin(inspector::extras::read_resource(session, uri)).await
    }
}
