//! The list requests of `ToolService` and their answers.

use serde::{Deserialize, Serialize};

use super::{ScopedTool, Tool};

/// `Filter` of `GET /api/v1/tools`, sent as `filter.*` query keys.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolFilter {
    /// When true only `tool_names` is filled in the answer.
    pub summary: Option<bool>,
    pub provider: Option<String>,
    pub identifier: Option<String>,
    #[serde(alias = "toolName", skip_serializing_if = "Vec::is_empty")]
    pub tool_name: Vec<String>,
    pub query: Option<String>,
    pub connector: Option<String>,
    #[serde(alias = "organizationId")]
    pub organization_id: Option<String>,
    #[serde(alias = "userId")]
    pub user_id: Option<String>,
    #[serde(alias = "connectedAccountId")]
    pub connected_account_id: Option<String>,
}

/// `GET /api/v1/tools` (query).
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListToolsRequest {
    pub filter: Option<ToolFilter>,
    #[serde(alias = "pageSize")]
    pub page_size: Option<u32>,
    #[serde(alias = "pageToken")]
    pub page_token: Option<String>,
}

/// A page of tools (`ListTools` and `ListAvailableTools`).
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListToolsResponse {
    #[serde(alias = "nextPageToken")]
    pub next_page_token: String,
    #[serde(alias = "totalSize")]
    pub total_size: u32,
    #[serde(alias = "prevPageToken")]
    pub prev_page_token: String,
    #[serde(alias = "toolNames")]
    pub tool_names: Vec<String>,
    #[serde_with(skip_apply)]
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub tools: Vec<Tool>,
}

impl crate::Page for ListToolsResponse {
    fn next_page_token(&self) -> &str {
        &self.next_page_token
    }
}

/// `ScopedToolFilter`, sent as `filter.*` query keys.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Vec => #[serde(skip_serializing_if = "Vec::is_empty")],
)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScopedToolFilter {
    pub providers: Vec<String>,
    #[serde(alias = "toolNames")]
    pub tool_names: Vec<String>,
    #[serde(alias = "connectionNames")]
    pub connection_names: Vec<String>,
}

/// `GET /api/v1/tools/scoped` (query): the tools an identifier's accounts can run.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListScopedToolsRequest {
    pub identifier: String,
    pub filter: Option<ScopedToolFilter>,
    #[serde(alias = "pageSize")]
    pub page_size: Option<u32>,
    #[serde(alias = "pageToken")]
    pub page_token: Option<String>,
}

/// A page of scoped tools.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListScopedToolsResponse {
    #[serde(alias = "nextPageToken")]
    pub next_page_token: String,
    #[serde(alias = "totalSize")]
    pub total_size: u32,
    #[serde(alias = "prevPageToken")]
    pub prev_page_token: String,
    #[serde_with(skip_apply)]
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub tools: Vec<ScopedTool>,
}

impl crate::Page for ListScopedToolsResponse {
    fn next_page_token(&self) -> &str {
        &self.next_page_token
    }
}

/// `GET /api/v1/tools/available` (query).
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListAvailableToolsRequest {
    pub identifier: String,
    #[serde(alias = "pageSize")]
    pub page_size: Option<u32>,
    #[serde(alias = "pageToken")]
    pub page_token: Option<String>,
}

/// A page of `ListAvailableTools`: like [`ListToolsResponse`] without `tool_names`.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListAvailableToolsResponse {
    #[serde(alias = "nextPageToken")]
    pub next_page_token: String,
    #[serde(alias = "totalSize")]
    pub total_size: u32,
    #[serde(alias = "prevPageToken")]
    pub prev_page_token: String,
    #[serde_with(skip_apply)]
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub tools: Vec<Tool>,
}

impl crate::Page for ListAvailableToolsResponse {
    fn next_page_token(&self) -> &str {
        &self.next_page_token
    }
}
