use crate::{JsonObject, Timestamp};
use serde::{Deserialize, Serialize};

/// `AuthorizationDetails`: a oneof of the credential kinds. Exactly one is set on the wire.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuthorizationDetails {
    #[serde(alias = "oauthToken")]
    pub oauth_token: Option<OauthToken>,
    #[serde(alias = "staticAuth")]
    pub static_auth: Option<StaticAuth>,
    #[serde(alias = "googleDwd")]
    pub google_dwd: Option<GoogleDwdAuth>,
    #[serde(alias = "trustedIdp")]
    pub trusted_idp: Option<TrustedIdpAuth>,
}

/// `OauthToken`: the user's tokens at the provider.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OauthToken {
    #[serde(alias = "accessToken")]
    pub access_token: String,
    #[serde(alias = "refreshToken")]
    pub refresh_token: String,
    pub scopes: Vec<String>,
    pub domain: String,
}

/// `StaticAuth`: API keys, bearer tokens and basic credentials, as a free-form object.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StaticAuth {
    #[serde_with(skip_apply)]
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub details: JsonObject,
}

/// `GoogleDWDAuth`: Google domain-wide delegation.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoogleDwdAuth {
    pub subject: String,
    #[serde(alias = "accessToken")]
    pub access_token: String,
    pub scopes: Vec<String>,
    #[serde(alias = "tokenExpiresAt")]
    pub token_expires_at: Option<Timestamp>,
}

/// `TrustedIDPAuth`: short-lived cloud credentials minted for a database user.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustedIdpAuth {
    #[serde(alias = "dbUser")]
    pub db_user: String,
    #[serde(alias = "accessKeyId")]
    pub access_key_id: String,
    #[serde(alias = "secretAccessKey")]
    pub secret_access_key: String,
    #[serde(alias = "sessionToken")]
    pub session_token: String,
    pub expiry: Option<Timestamp>,
}
