//! What the store keeps for each kind of object.

use agentkit_wire::connected_accounts::ConnectedAccount;
use agentkit_wire::mcp::McpConfig;
use agentkit_wire::Timestamp;
use serde::{Deserialize, Serialize};

/// A connected account plus the scoping the wire message does not carry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct AccountRecord {
    /// Creation order, which is also list order.
    pub seq: u64,
    pub account: ConnectedAccount,
    #[serde(default)]
    pub organization_id: Option<String>,
    #[serde(default)]
    pub user_id: Option<String>,
}

/// An MCP config as stored: mapping `connection_id`/`provider` filled, account fields empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct McpConfigRecord {
    pub seq: u64,
    pub config: McpConfig,
}

/// One user's MCP instance; `token` is the secret last segment of its URL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct McpInstanceRecord {
    pub seq: u64,
    pub id: String,
    pub name: String,
    pub user_identifier: String,
    pub config_id: String,
    pub token: String,
    pub last_used_at: Option<Timestamp>,
    pub updated_at: Timestamp,
}

/// A magic link, keyed by the opaque token in its URL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct AuthLink {
    pub account_id: String,
    pub identifier: String,
    pub connector: String,
    pub state: Option<String>,
    pub user_verify_url: Option<String>,
    pub expires_at: Timestamp,
    /// Set once Allow or Deny was chosen: a link works once.
    pub used: bool,
}

/// A consent that waits for `VerifyConnectedAccountUser`, keyed by `auth_request_id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Verification {
    pub account_id: String,
    pub identifier: String,
    pub expires_at: Timestamp,
}
