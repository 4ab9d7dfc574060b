use crate::{ConnectorStatus, ConnectorType, JsonObject, Timestamp};
use serde::{Deserialize, Serialize};

use super::AuthorizationDetails;

/// `ConnectedAccount`: a user's authorization for one connection, with its credentials.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConnectedAccount {
    pub identifier: String,
    pub provider: String,
    pub status: ConnectorStatus,
    #[serde(alias = "authorizationType")]
    pub authorization_type: ConnectorType,
    #[serde(alias = "authorizationDetails")]
    pub authorization_details: Option<AuthorizationDetails>,
    #[serde(alias = "tokenExpiresAt")]
    pub token_expires_at: Option<Timestamp>,
    #[serde(alias = "updatedAt")]
    pub updated_at: Option<Timestamp>,
    /// The connection name (the connection's `key_id`).
    pub connector: String,
    #[serde(alias = "lastUsedAt")]
    pub last_used_at: Option<Timestamp>,
    /// `ca_…`
    pub id: String,
    #[serde(alias = "connectionId")]
    pub connection_id: String,
    #[serde(alias = "apiConfig")]
    #[serde_with(skip_apply)]
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub api_config: Option<JsonObject>,
    #[serde(alias = "isOrgWideCredential")]
    pub is_org_wide_credential: bool,
}

/// `ConnectedAccountForList`: the list view, without credentials.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConnectedAccountForList {
    pub identifier: String,
    pub provider: String,
    pub status: ConnectorStatus,
    #[serde(alias = "authorizationType")]
    pub authorization_type: ConnectorType,
    #[serde(alias = "tokenExpiresAt")]
    pub token_expires_at: Option<Timestamp>,
    #[serde(alias = "updatedAt")]
    pub updated_at: Option<Timestamp>,
    pub connector: String,
    #[serde(alias = "lastUsedAt")]
    pub last_used_at: Option<Timestamp>,
    pub id: String,
    #[serde(alias = "connectionId")]
    pub connection_id: String,
    #[serde(alias = "isOrgWideCredential")]
    pub is_org_wide_credential: bool,
}

impl From<&ConnectedAccount> for ConnectedAccountForList {
    fn from(a: &ConnectedAccount) -> Self {
        Self {
            identifier: a.identifier.clone(),
            provider: a.provider.clone(),
            status: a.status.clone(),
            authorization_type: a.authorization_type.clone(),
            token_expires_at: a.token_expires_at,
            updated_at: a.updated_at,
            connector: a.connector.clone(),
            last_used_at: a.last_used_at,
            id: a.id.clone(),
            connection_id: a.connection_id.clone(),
            is_org_wide_credential: a.is_org_wide_credential,
        }
    }
}
