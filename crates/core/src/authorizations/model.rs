use serde::Serialize;
use ts_rs::TS;

use crate::environments::CallbackMode;

/// Where an authorization stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "AuthorizationStatus.ts")]
pub enum AuthorizationStatus {
    /// The link is out; waiting for the browser to come back.
    Pending,
    /// Verify succeeded: the account is connected.
    Verified,
    /// The user (or provider) refused.
    Denied,
    /// Its time ran out before a link came back.
    Expired,
    /// A link came back that could not be accepted.
    Rejected,
    /// The user cancelled it in the app.
    Cancelled,
    /// Verify was called and failed (`reason` says why).
    Failed,
}

impl AuthorizationStatus {
    /// The status as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Verified => "verified",
            Self::Denied => "denied",
            Self::Expired => "expired",
            Self::Rejected => "rejected",
            Self::Cancelled => "cancelled",
            Self::Failed => "failed",
        }
    }

    /// Parses a stored status; unknown text (from a newer version) reads as failed, so it is
    /// never taken for a pending one.
    pub fn parse(text: &str) -> Self {
        match text {
            "pending" => Self::Pending,
            "verified" => Self::Verified,
            "denied" => Self::Denied,
            "expired" => Self::Expired,
            "rejected" => Self::Rejected,
            "cancelled" => Self::Cancelled,
            _ => Self::Failed,
        }
    }
}

/// An authorization the app started for a connected account (a magic link sent to the
/// browser), as the UI sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "Authorization.ts")]
pub struct Authorization {
    /// `auth_…`.
    pub id: String,
    /// The environment it was started in.
    pub env_id: String,
    /// The connected account (`ca_…`).
    pub account_id: String,
    /// The account's connection name.
    pub connection: String,
    /// The account's identifier (what verify is called with).
    pub identifier: String,
    /// Where it stands.
    pub status: AuthorizationStatus,
    /// Why it ended as it did (failed, rejected, denied, expired).
    pub reason: Option<String>,
    /// The magic link while it is pending. Held in memory only (it is a credential): `None`
    /// once the authorization has ended, and after a restart.
    pub link: Option<String>,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339: the API's expiry of the link.
    pub expires_at: String,
    /// RFC 3339, once it has ended.
    pub completed_at: Option<String>,
    /// How its link comes back.
    pub callback_mode: CallbackMode,
}
