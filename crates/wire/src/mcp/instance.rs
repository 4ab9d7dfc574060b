use crate::Timestamp;
use serde::{Deserialize, Serialize};

use super::McpConfig;

/// `McpInstance`: one user's MCP server made from a config. The `url` is pre-authenticated:
/// it is a credential.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct McpInstance {
    pub id: String,
    pub name: String,
    #[serde(alias = "userIdentifier")]
    pub user_identifier: String,
    pub config: Option<McpConfig>,
    #[serde(alias = "lastUsedAt")]
    pub last_used_at: Option<Timestamp>,
    #[serde(alias = "updatedAt")]
    pub updated_at: Option<Timestamp>,
    pub url: String,
}

/// `POST /api/v1/mcp/instances`: idempotent per (config, user).
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnsureMcpInstanceRequest {
    pub name: String,
    #[serde(alias = "configName")]
    pub config_name: String,
    #[serde(alias = "userIdentifier")]
    pub user_identifier: String,
}

/// `PATCH /api/v1/mcp/instances/{instance_id}` body.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateMcpInstanceRequest {
    pub name: String,
    #[serde(alias = "configName")]
    pub config_name: String,
}

/// `{instance}`: the answer of ensure, get and update.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct McpInstanceResponse {
    pub instance: Option<McpInstance>,
}

/// `ListMcpInstancesRequest.Filter`.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct McpInstanceFilter {
    pub id: Option<String>,
    pub name: Option<String>,
    #[serde(alias = "configName")]
    pub config_name: Option<String>,
    #[serde(alias = "userIdentifier")]
    pub user_identifier: Option<String>,
}

/// `GET /api/v1/mcp/instances` (query).
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListMcpInstancesRequest {
    pub filter: Option<McpInstanceFilter>,
    pub search: Option<String>,
    /// At most 30.
    #[serde(alias = "pageSize")]
    pub page_size: Option<u32>,
    #[serde(alias = "pageToken")]
    pub page_token: Option<String>,
}

/// A page of instances.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListMcpInstancesResponse {
    pub instances: Vec<McpInstance>,
    #[serde(alias = "nextPageToken")]
    pub next_page_token: String,
    #[serde(alias = "prevPageToken")]
    pub prev_page_token: String,
    #[serde(alias = "totalSize")]
    pub total_size: u32,
}

impl crate::Page for ListMcpInstancesResponse {
    fn next_page_token(&self) -> &str {
        &self.next_page_token
    }
}
