use crate::{ProtoDuration, Timestamp};
use serde::{Deserialize, Serialize};

/// `POST /api/v1/mcp/configs/{mcp_config_id}/tokens` or `/api/v1/mcp/connections/{key_id}/tokens`.
/// Exactly one of `mcp_config_id` and `key_id` names the target.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateMcpSessionTokenRequest {
    #[serde(alias = "mcpConfigId")]
    pub mcp_config_id: Option<String>,
    pub identifier: String,
    /// 60 s to 24 h; 1 h when unset.
    pub expiry: Option<ProtoDuration>,
    #[serde(alias = "keyId")]
    pub key_id: Option<String>,
    /// `""`, `"FULL"` or `"READ_ONLY"` (case-sensitive).
    #[serde(alias = "accessLevel")]
    pub access_level: Option<String>,
}

/// `{token, expires_at}`.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateMcpSessionTokenResponse {
    pub token: String,
    #[serde(alias = "expiresAt")]
    pub expires_at: Option<Timestamp>,
}
