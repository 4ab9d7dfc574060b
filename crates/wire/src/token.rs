//! The OAuth client-credentials token response of `POST /oauth/token`.

use serde::{Deserialize, Serialize};

/// `{"access_token", "token_type", "expires_in", "scope"}`.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: String,
    /// Seconds until the token expires; 0 when the server did not say.
    pub expires_in: u64,
    pub scope: String,
}

/// The OAuth error body (`{"error", "error_description"}`) the token endpoint answers with.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OAuthError {
    pub error: String,
    pub error_description: String,
}
