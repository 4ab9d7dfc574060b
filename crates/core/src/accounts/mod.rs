//! Connected accounts: pages of the list with server-side filters, the detail, credentials on
//! request, and create / get-or-create / update / delete / bulk delete.
//!
//! The calls themselves are [`Kitbench`](crate::Kitbench) methods (`list_accounts`, …); this
//! module holds the types that cross IPC and the checks done before any call. Creates and
//! deletes are sent once and never retried (see `agentkit::Client::create_connected_account`).

mod account;
mod auth;
mod bulk;
mod filter;
mod input;

pub use account::{Account, AccountPage, AccountRow};
pub use auth::{AccountAuth, AuthField};
pub use bulk::{BulkDeleteProgress, BulkResult};
pub use filter::{AccountFilter, PAGE_SIZE};
pub use input::{AccountInput, AccountUpdate, CredentialKind, Credentials};
