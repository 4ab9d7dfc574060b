//! Connectors from `connectors.json` and the one connection the Sandbox makes for each.

use crate::error::{Error, Result};
use agentkit_wire::{ConnectionType, ConnectorType};
use serde::Deserialize;

/// One connector of the catalog, with the stable ids of its connection and provider.
#[derive(Debug, Clone, PartialEq)]
pub struct Connector {
    /// Lower-case slug: the provider key, and the name (`key_id`) of its connection.
    pub slug: String,
    /// Display name, e.g. "Gmail".
    pub name: String,
    /// The auth label of the connector page, e.g. "OAuth 2.0".
    pub auth_label: String,
    pub categories: Vec<String>,
    /// Tool names the connector page uses in examples.
    pub example_tools: Vec<String>,
    /// The connection's auth type, from the auth label.
    pub connection_type: ConnectionType,
    /// `conn_…`, stable across runs.
    pub connection_id: String,
    /// `prv_…`, stable across runs.
    pub provider_id: String,
}

impl Connector {
    /// The `authorization_type` of accounts on this connector's connection.
    pub fn connector_type(&self) -> ConnectorType {
        match self.connection_type {
            ConnectionType::ApiKey => ConnectorType::ApiKey,
            ConnectionType::Bearer => ConnectorType::BearerToken,
            ConnectionType::Basic => ConnectorType::Basic,
            ConnectionType::OauthM2m => ConnectorType::OauthM2m,
            ConnectionType::TrelloOauth1 => ConnectorType::TrelloOauth1,
            ConnectionType::GoogleDwd => ConnectorType::GoogleDwd,
            _ => ConnectorType::Oauth,
        }
    }

    /// Whether accounts hold an OAuth-style token that expires (as opposed to a static key).
    pub fn uses_oauth_token(&self) -> bool {
        matches!(
            self.connection_type,
            ConnectionType::Oauth | ConnectionType::OauthM2m | ConnectionType::TrelloOauth1
        )
    }
}

#[derive(Deserialize)]
struct ConnectorsFile {
    connectors: Vec<RawConnector>,
}

#[derive(Deserialize)]
struct RawConnector {
    slug: String,
    name: String,
    auth: String,
    #[serde(default)]
    categories: Vec<String>,
    #[serde(default)]
    example_tools: Vec<String>,
}

/// Maps the connector pages' auth labels to connection types. "Service Account" is a Google
/// service-account key, which AgentKit models as domain-wide delegation.
fn connection_type(label: &str) -> ConnectionType {
    match label.to_ascii_lowercase().as_str() {
        "api key" => ConnectionType::ApiKey,
        "bearer token" => ConnectionType::Bearer,
        "basic auth" => ConnectionType::Basic,
        "service account" => ConnectionType::GoogleDwd,
        "oauth 1.0a" => ConnectionType::TrelloOauth1,
        "service principal (oauth 2.0)" => ConnectionType::OauthM2m,
        _ => ConnectionType::Oauth,
    }
}

pub(super) fn parse_connectors(text: &str) -> Result<Vec<Connector>> {
    let file: ConnectorsFile =
        serde_json::from_str(text).map_err(|e| Error::Catalog(format!("connectors.json: {e}")))?;
    let mut out: Vec<Connector> = file
        .connectors
        .into_iter()
        .map(|raw| {
            let slug = raw.slug.to_ascii_lowercase();
            Connector {
                connection_type: connection_type(&raw.auth),
                connection_id: format!("conn_{}", crate::ids::stable_number(&slug)),
                provider_id: format!("prv_{}", crate::ids::stable_number(&format!("p:{slug}"))),
                slug,
                name: raw.name,
                auth_label: raw.auth,
                categories: raw.categories,
                example_tools: raw.example_tools,
            }
        })
        .collect();
    out.sort_by(|a, b| a.slug.cmp(&b.slug));
    if let Some(w) = out.windows(2).find(|w| w[0].slug == w[1].slug) {
        return Err(Error::Catalog(format!("duplicate connector {}", w[0].slug)));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_labels_map_to_types() {
        assert_eq!(connection_type("OAuth 2.0"), ConnectionType::Oauth);
        assert_eq!(connection_type("API KEY"), ConnectionType::ApiKey);
        assert_eq!(connection_type("Bearer Token"), ConnectionType::Bearer);
        assert_eq!(connection_type("OAuth 1.0a"), ConnectionType::TrelloOauth1);
        assert_eq!(
            connection_type("Service Principal (OAuth 2.0)"),
            ConnectionType::OauthM2m
        );
    }
}
