//! Deleting many accounts: one result per account, progress after each.

use serde::Serialize;
use ts_rs::TS;

use crate::IpcError;

/// How one account of a bulk delete went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "BulkResult.ts")]
pub struct BulkResult {
    /// The account id as given.
    pub id: String,
    /// Whether it was deleted.
    pub ok: bool,
    /// Why not, as any command would have failed.
    pub error: Option<IpcError>,
}

/// Sent as `bulk_delete_progress` after each account of a bulk delete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "BulkDeleteProgress.ts")]
pub struct BulkDeleteProgress {
    /// The environment the accounts are in.
    pub env_id: String,
    /// Accounts handled so far (deleted or failed).
    pub done: u32,
    /// Accounts asked for.
    pub total: u32,
}

impl BulkResult {
    /// The result of one delete.
    pub fn of(id: &str, outcome: crate::Result<()>) -> Self {
        match outcome {
            Ok(()) => Self {
                id: id.to_string(),
                ok: true,
                error: None,
            },
            Err(e) => Self {
                id: id.to_string(),
                ok: false,
                error: Some(IpcError::from(e)),
            },
        }
    }
}
