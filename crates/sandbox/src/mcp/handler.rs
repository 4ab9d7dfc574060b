//! The MCP server of an instance: `tools/list` and `tools/call`.

use crate::api::execute;
use crate::catalog::ToolEntry;
use crate::state::AppState;
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation,
    ListToolsResult, PaginatedRequestParams, ServerCapabilities, ServerConfig, Tool,
    ToolAnnotations,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler};
use serde_json::Value;
use std::borrow::Cow;
use std::sync::Arc;

/// The instance a request is for, put in the HTTP request extensions by the router.
#[derive(Debug, Clone)]
pub(crate) struct InstanceId(pub String);

/// The tools an instance exposes, each with the connection it runs on.
type Exposed<'a> = Vec<(&'a ToolEntry, String)>;

/// The handler rmcp runs for every instance request.
#[derive(Clone)]
pub(crate) struct InstanceServer {
    state: AppState,
}

impl InstanceServer {
    pub(crate) fn new(state: AppState) -> Self {
        Self { state }
    }

    fn instance_id(context: &RequestContext<RoleServer>) -> Result<String, ErrorData> {
        context
            .extensions
            .get::<axum::http::request::Parts>()
            .and_then(|p| p.extensions.get::<InstanceId>())
            .map(|i| i.0.clone())
            .ok_or_else(|| ErrorData::internal_error("request has no MCP instance", None))
    }

    /// The instance's user and its tools with their connections (an empty mapping list of
    /// tools exposes every tool of the connection; the first mapping naming a tool wins).
    fn exposed(&self, instance_id: &str) -> Result<(String, Exposed<'_>), ErrorData> {
        let store = self.state.store.read();
        let instance = store
            .mcp_instances
            .get(instance_id)
            .ok_or_else(|| ErrorData::resource_not_found("the MCP instance was deleted", None))?;
        let mut out: Vec<(&ToolEntry, String)> = Vec::new();
        if let Some(config) = store.mcp_configs.get(&instance.config_id) {
            for m in &config.config.connection_tool_mappings {
                let tools: Vec<&ToolEntry> = if m.tools.is_empty() {
                    self.state.catalog.provider_tools(&m.provider).collect()
                } else {
                    m.tools
                        .iter()
                        .filter_map(|t| self.state.catalog.tool(t))
                        .collect()
                };
                for t in tools {
                    if !out.iter().any(|(e, _)| e.name == t.name) {
                        out.push((t, m.connection_name.clone()));
                    }
                }
            }
        }
        Ok((instance.user_identifier.clone(), out))
    }
}

fn object(value: &Value) -> Arc<serde_json::Map<String, Value>> {
    Arc::new(value.as_object().cloned().unwrap_or_default())
}

fn mcp_tool(t: &ToolEntry) -> Tool {
    let hint = |key: &str| {
        t.annotations
            .as_ref()
            .and_then(|a| a.get(key))
            .and_then(Value::as_bool)
    };
    let title = t
        .annotations
        .as_ref()
        .and_then(|a| a.get("title"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let mut tool = Tool::new(
        Cow::Owned(t.name.clone()),
        Cow::Owned(t.description.clone()),
        object(&t.input_schema),
    );
    if t.output_schema.get("type").and_then(Value::as_str) == Some("object") {
        tool = tool.with_raw_output_schema(object(&t.output_schema));
    }
    if t.annotations.is_some() {
        tool = tool.with_annotations(ToolAnnotations::from_raw(
            title.clone(),
            hint("read_only_hint"),
            hint("destructive_hint"),
            hint("idempotent_hint"),
            hint("open_world_hint"),
        ));
    }
    if let Some(title) = title {
        tool = tool.with_title(title);
    }
    tool
}

fn failure(message: impl Into<String>) -> CallToolResponse {
    CallToolResult::error(vec![ContentBlock::text(message)]).into()
}

impl ServerHandler for InstanceServer {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new(
                "kitbench-sandbox",
                env!("CARGO_PKG_VERSION"),
            ))
            .with_instructions(
                "Kitbench Sandbox MCP instance: the tools of this instance's config, run for its \
                 user with synthetic data.",
            )
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        let (_, exposed) = self.exposed(&Self::instance_id(&context)?)?;
        Ok(ListToolsResult::with_all_items(
            exposed.into_iter().map(|(t, _)| mcp_tool(t)).collect(),
        ))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let instance_id = Self::instance_id(&context)?;
        let (user, exposed) = self.exposed(&instance_id)?;
        let Some((tool, connection)) = exposed.into_iter().find(|(t, _)| t.name == request.name)
        else {
            return Err(ErrorData::invalid_params(
                format!("unknown tool {:?}", request.name),
                None,
            ));
        };
        let account_id = self.state.write(|store| {
            let now = chrono::Utc::now();
            // Written at most once a second, not on every call.
            let stale = store.mcp_instances.get(&instance_id).is_some_and(|i| {
                i.last_used_at
                    .is_none_or(|t| now - t >= chrono::Duration::seconds(1))
            });
            if let Some(instance) = store.mcp_instances.get_mut(&instance_id).filter(|_| stale) {
                instance.last_used_at = Some(now);
            }
            store
                .account_by_key(&connection, &user)
                .map(|a| a.account.id.clone())
        });
        let Some(account_id) = account_id else {
            return Ok(failure(format!(
                "{user} has no connected account on {connection}; authorize it first"
            )));
        };
        let params = request.arguments.unwrap_or_default();
        match execute::run(&self.state, tool, &account_id, params, None) {
            Ok(response) => Ok(CallToolResult::structured(Value::Object(response.data)).into()),
            Err(e) => Ok(failure(e.status.message)),
        }
    }
}
