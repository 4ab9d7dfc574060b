//! Where each connection of an instance stands for the instance's user.

use agentkit::wire::mcp::McpInstanceConnectionAuthState;
use serde::Serialize;
use ts_rs::TS;

/// One connection of an instance and its account's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "McpConnectionState.ts")]
pub struct McpConnectionState {
    /// The connection name.
    pub connection_name: String,
    /// The connection's id.
    pub connection_id: String,
    /// The provider key.
    pub provider: String,
    /// The user's account on it (`ca_…`); null when there is none yet.
    pub connected_account_id: Option<String>,
    /// As the API names it (`ACTIVE`, `PENDING_AUTH`, …); null when there is no account.
    pub status: Option<String>,
    /// Whether the account is `ACTIVE` (compared without case: the API's values vary).
    pub active: bool,
    /// A fresh magic link (a credential: shown only when asked for with links), to hand to the
    /// user; "Authorize" in the app makes its own that comes back to the app.
    pub authentication_link: Option<String>,
}

fn given(s: &str) -> Option<String> {
    Some(s.to_string()).filter(|s| !s.is_empty())
}

impl From<&McpInstanceConnectionAuthState> for McpConnectionState {
    fn from(c: &McpInstanceConnectionAuthState) -> Self {
        Self {
            connection_name: c.connection_name.clone(),
            connection_id: c.connection_id.clone(),
            provider: c.provider.clone(),
            connected_account_id: given(&c.connected_account_id),
            status: given(&c.connected_account_status),
            active: c.connected_account_status.eq_ignore_ascii_case("active"),
            authentication_link: given(&c.authentication_link),
        }
    }
}
