use serde::Serialize;
use ts_rs::TS;

use crate::authorizations::Authorization;

/// How a returning link ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "LinkOutcomeKind.ts")]
pub enum LinkOutcomeKind {
    /// Verify succeeded: the account is connected.
    Verified,
    /// The user (or provider) refused access.
    Denied,
    /// The link was not accepted: malformed, unknown, replayed, expired or cancelled. Verify
    /// was not called.
    Rejected,
    /// Verify was called and failed.
    Failed,
}

/// What became of a `kitbench://` (or loopback) link, as the UI is told. Never holds the link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "LinkOutcome.ts")]
pub struct LinkOutcome {
    /// How it ended.
    pub kind: LinkOutcomeKind,
    /// One sentence for a toast.
    pub message: String,
    /// The authorization it completed, when the link matched one.
    pub authorization: Option<Authorization>,
}

impl LinkOutcome {
    /// A link refused without touching any authorization.
    pub fn rejected(message: impl Into<String>) -> Self {
        Self {
            kind: LinkOutcomeKind::Rejected,
            message: message.into(),
            authorization: None,
        }
    }
}
