//! The handlers of the REST API, the consent pages, the proxy and the admin endpoints.

mod account_lists;
pub(crate) mod accounts;
pub(crate) mod admin;
pub(crate) mod connections;
pub(crate) mod consent;
pub(crate) mod execute;
pub(crate) mod magic;
pub(crate) mod mcp_configs;
pub(crate) mod mcp_instances;
pub(crate) mod mcp_tokens;
mod paging;
pub(crate) mod providers;
pub(crate) mod proxy;
pub(crate) mod tools;

pub(crate) use paging::Paging;

use crate::http::ApiError;
use crate::state::{AccountRecord, Store};
use agentkit_wire::connected_accounts::AccountRef;

/// Now, as a wire timestamp.
pub(crate) fn now() -> agentkit_wire::Timestamp {
    chrono::Utc::now()
}

/// Finds the account an [`AccountRef`] names: by `id`, else by `connector` + `identifier`.
pub(crate) fn find_account<'a>(
    store: &'a Store,
    r: &AccountRef,
) -> Result<&'a AccountRecord, ApiError> {
    let id = r.id.as_deref().filter(|s| !s.is_empty());
    let connector = r.connector.as_deref().filter(|s| !s.is_empty());
    let identifier = r.identifier.as_deref().filter(|s| !s.is_empty());
    let found = match (id, connector, identifier) {
        (Some(id), _, _) => store.account(id),
        (None, Some(c), Some(i)) => store.account_by_key(c, i),
        _ => {
            return Err(ApiError::invalid(
                "either id, or connector and identifier, must be given",
            ))
        }
    };
    found.ok_or_else(|| ApiError::not_found("connected account not found"))
}
