use serde::{Deserialize, Serialize};

/// `McpConfig`: a named set of tools across connections; instances are created from it.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct McpConfig {
    pub id: String,
    /// `^[a-z0-9_-]+$`, 1–100 chars.
    pub name: String,
    pub description: String,
    #[serde(alias = "connectionToolMappings")]
    pub connection_tool_mappings: Vec<McpConfigConnectionToolMapping>,
    #[serde(alias = "mcpServerUrl")]
    pub mcp_server_url: String,
}

/// Which tools of one connection a config exposes.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct McpConfigConnectionToolMapping {
    #[serde(alias = "connectionId")]
    pub connection_id: String,
    #[serde(alias = "connectionName")]
    pub connection_name: String,
    pub provider: String,
    pub tools: Vec<String>,
    #[serde(alias = "connectedAccountId")]
    pub connected_account_id: Option<String>,
    #[serde(alias = "connectedAccountStatus")]
    pub connected_account_status: Option<String>,
}

/// `ListMcpConfigsRequest.Filter`.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct McpConfigFilter {
    pub id: Option<String>,
    pub name: Option<String>,
    pub provider: Option<String>,
    #[serde(alias = "mcpServerUrl")]
    pub mcp_server_url: Option<String>,
}

/// `GET /api/v1/mcp/configs` (query).
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListMcpConfigsRequest {
    pub filter: Option<McpConfigFilter>,
    pub search: Option<String>,
    /// At most 30.
    #[serde(alias = "pageSize")]
    pub page_size: Option<u32>,
    #[serde(alias = "pageToken")]
    pub page_token: Option<String>,
}

/// A page of configs.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListMcpConfigsResponse {
    pub configs: Vec<McpConfig>,
    #[serde(alias = "nextPageToken")]
    pub next_page_token: String,
    #[serde(alias = "prevPageToken")]
    pub prev_page_token: String,
    #[serde(alias = "totalSize")]
    pub total_size: u32,
}

impl crate::Page for ListMcpConfigsResponse {
    fn next_page_token(&self) -> &str {
        &self.next_page_token
    }
}

/// `{config}`: the answer of create and update (the create body is a bare [`McpConfig`]).
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct McpConfigResponse {
    pub config: Option<McpConfig>,
}

/// `PUT /api/v1/mcp/configs/{config_id}` body: only these two fields can change.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateMcpConfigRequest {
    pub description: String,
    #[serde(alias = "connectionToolMappings")]
    pub connection_tool_mappings: Vec<McpConfigConnectionToolMapping>,
}
