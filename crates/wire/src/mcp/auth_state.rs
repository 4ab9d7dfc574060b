use serde::{Deserialize, Serialize};

/// One connection of an instance and where its account stands. `connected_account_status` is a
/// free-form string on the wire; the Sandbox emits `ConnectorStatus` names, compare
/// case-insensitively.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct McpInstanceConnectionAuthState {
    #[serde(alias = "connectionId")]
    pub connection_id: String,
    #[serde(alias = "connectionName")]
    pub connection_name: String,
    pub provider: String,
    #[serde(alias = "connectedAccountId")]
    pub connected_account_id: String,
    #[serde(alias = "connectedAccountStatus")]
    pub connected_account_status: String,
    #[serde(alias = "authenticationLink")]
    pub authentication_link: String,
}

/// `POST /api/v1/mcp/instances/{instance_id}:get_auth_state?include_auth_links=…` answer.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetMcpInstanceAuthStateResponse {
    pub connections: Vec<McpInstanceConnectionAuthState>,
}

/// `POST /api/v1/mcp/configs/{config_id}/connected_accounts` body.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListMcpConnectedAccountsRequest {
    pub identifier: String,
    /// When true, missing accounts are created and fresh links (valid 1 minute) returned.
    #[serde(alias = "includeAuthLink")]
    pub include_auth_link: bool,
}

/// `McpConnectionAuthState`: like the instance state, with optional account fields.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct McpConnectionAuthState {
    #[serde(alias = "connectionId")]
    pub connection_id: String,
    #[serde(alias = "connectionName")]
    pub connection_name: String,
    pub provider: String,
    #[serde(alias = "connectedAccountId")]
    pub connected_account_id: Option<String>,
    #[serde(alias = "connectedAccountStatus")]
    pub connected_account_status: Option<String>,
    #[serde(alias = "authenticationLink")]
    pub authentication_link: String,
}

/// `{connected_accounts: [McpConnectionAuthState]}`.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListMcpConnectedAccountsResponse {
    #[serde(alias = "connectedAccounts")]
    pub connected_accounts: Vec<McpConnectionAuthState>,
}
