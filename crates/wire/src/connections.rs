//! `scalekit.v1.connections`: the AgentKit connections of an environment (`ListAppConnections`).

use crate::{ConnectionAuthMode, ConnectionProvider, ConnectionStatus, ConnectionType, Timestamp};
use serde::{Deserialize, Serialize};

/// `ListConnection`. For app connections the connector is `provider_key` and the connection name
/// (what every other request calls `connector`) is `key_id`.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListConnection {
    /// `conn_…`
    pub id: String,
    pub provider: ConnectionProvider,
    #[serde(rename = "type")]
    pub kind: ConnectionType,
    pub status: ConnectionStatus,
    pub enabled: bool,
    #[serde(alias = "organizationId")]
    pub organization_id: String,
    #[serde(alias = "uiButtonTitle")]
    pub ui_button_title: String,
    pub domains: Vec<String>,
    #[serde(alias = "organizationName")]
    pub organization_name: String,
    #[serde(alias = "providerKey")]
    pub provider_key: String,
    #[serde(alias = "keyId")]
    pub key_id: String,
    #[serde(alias = "createdAt")]
    pub created_at: Option<Timestamp>,
    #[serde(alias = "mcpServerUrl")]
    pub mcp_server_url: String,
    #[serde(alias = "authMode")]
    pub auth_mode: ConnectionAuthMode,
}

/// `GET /api/v1/connections/app` (query).
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListAppConnectionsRequest {
    /// At most 30.
    #[serde(alias = "pageSize")]
    pub page_size: Option<u32>,
    #[serde(alias = "pageToken")]
    pub page_token: Option<String>,
    pub provider: Option<String>,
    /// 3–100 chars, matched against the key id or provider.
    pub query: Option<String>,
}

/// A page of app connections.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListAppConnectionsResponse {
    #[serde_with(skip_apply)]
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub connections: Vec<ListConnection>,
    #[serde(alias = "nextPageToken")]
    pub next_page_token: String,
    #[serde(alias = "prevPageToken")]
    pub prev_page_token: String,
    #[serde(alias = "totalSize")]
    pub total_size: u32,
}

impl crate::Page for ListAppConnectionsResponse {
    fn next_page_token(&self) -> &str {
        &self.next_page_token
    }
}
