//! A connected account as the UI shows it: a row of the list, and the detail view.

use agentkit::wire::connected_accounts::{ConnectedAccount, ConnectedAccountForList};
use serde::Serialize;
use ts_rs::TS;

use crate::connections::rfc3339;

/// One connected account in a list (no credentials).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "AccountRow.ts")]
pub struct AccountRow {
    /// `ca_…`
    pub id: String,
    /// The user (or other key) the account belongs to.
    pub identifier: String,
    /// The connection name (the API's `connector`).
    pub connection: String,
    /// The provider key (`gmail`, …).
    pub provider: String,
    /// As the API names it: `ACTIVE`, `PENDING_AUTH`, `EXPIRED`, …
    pub status: String,
    /// As the API names it: `OAUTH`, `API_KEY`, `BEARER_TOKEN`, `BASIC`, …
    pub auth_type: String,
    /// RFC 3339.
    pub token_expires_at: Option<String>,
    /// RFC 3339.
    pub last_used_at: Option<String>,
    /// RFC 3339.
    pub updated_at: Option<String>,
}

/// One page of accounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "AccountPage.ts")]
pub struct AccountPage {
    /// At most 99.
    pub accounts: Vec<AccountRow>,
    /// Every account that matches the filter, over all pages.
    pub total_size: u32,
    /// Pass back for the next page; absent on the last one.
    pub next_page_token: Option<String>,
}

/// One connected account in full (`GetConnectedAccountDetails`), without its credentials: those
/// come only from `AccountAuth`, when asked for.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "Account.ts")]
pub struct Account {
    /// What a list row shows.
    #[serde(flatten)]
    #[ts(flatten)]
    pub row: AccountRow,
    /// The organization the account is scoped to. The API's `ConnectedAccount` message does
    /// not carry it today, so this is null until it does.
    pub organization_id: Option<String>,
    /// The user the account is scoped to; null for the same reason as `organization_id`.
    pub user_id: Option<String>,
    /// Per-account API settings (a JSON object), if any.
    pub api_config: Option<serde_json::Value>,
    /// RFC 3339. Not in the API's `ConnectedAccount` message today, so null until it is.
    pub created_at: Option<String>,
}

impl From<ConnectedAccountForList> for AccountRow {
    fn from(a: ConnectedAccountForList) -> Self {
        Self {
            id: a.id,
            identifier: a.identifier,
            connection: a.connector,
            provider: a.provider,
            status: a.status.as_str().to_string(),
            auth_type: a.authorization_type.as_str().to_string(),
            token_expires_at: a.token_expires_at.as_ref().map(rfc3339),
            last_used_at: a.last_used_at.as_ref().map(rfc3339),
            updated_at: a.updated_at.as_ref().map(rfc3339),
        }
    }
}

impl From<&ConnectedAccount> for Account {
    /// Everything but `authorization_details`, which never leaves through this type.
    fn from(a: &ConnectedAccount) -> Self {
        Self {
            row: ConnectedAccountForList::from(a).into(),
            organization_id: None,
            user_id: None,
            api_config: a.api_config.clone().map(serde_json::Value::Object),
            created_at: None,
        }
    }
}
