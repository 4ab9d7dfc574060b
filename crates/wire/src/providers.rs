//! `scalekit.v1.providers`: the connector catalog and custom providers.

use crate::ProviderType;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `Provider`: a connector of the catalog, or a custom one. `auth_patterns` is free-form JSON
/// (a `ListValue`) whose objects use the snake_case keys of §9a of the reference.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Provider {
    pub id: String,
    /// Assigned by the server; may contain `:`, so percent-encode it in paths.
    pub identifier: String,
    #[serde(alias = "displayName")]
    pub display_name: String,
    pub description: String,
    pub categories: Vec<String>,
    #[serde(alias = "authPatterns")]
    pub auth_patterns: Vec<serde_json::Value>,
    #[serde(alias = "iconSrc")]
    pub icon_src: String,
    #[serde(alias = "displayPriority")]
    pub display_priority: i32,
    #[serde(alias = "comingSoon")]
    pub coming_soon: bool,
    #[serde(alias = "proxyUrl")]
    pub proxy_url: String,
    #[serde(alias = "proxyEnabled")]
    pub proxy_enabled: bool,
    #[serde(alias = "isCustom")]
    pub is_custom: bool,
    #[serde(alias = "isCustomMcp")]
    pub is_custom_mcp: bool,
    pub metadata: BTreeMap<String, String>,
}

/// The bare body of `POST /api/v1/custom-providers` and `PUT /api/v1/custom-providers/{id}`
/// (`CreateCustomProvider` / `UpdateCustomProvider` have the same fields). Updates replace
/// `metadata` and `auth_patterns` wholesale.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomProviderInput {
    #[serde(alias = "displayName")]
    pub display_name: String,
    pub description: String,
    #[serde(alias = "authPatterns")]
    pub auth_patterns: Vec<serde_json::Value>,
    #[serde(alias = "proxyUrl")]
    pub proxy_url: String,
    #[serde(alias = "proxyEnabled")]
    pub proxy_enabled: bool,
    #[serde(alias = "iconSrc")]
    pub icon_src: String,
    pub metadata: BTreeMap<String, String>,
}

/// `{provider}`: the answer of create and update.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProviderResponse {
    pub provider: Option<Provider>,
}

/// `ListProvidersRequest.Filter`.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderFilter {
    #[serde(alias = "providerType")]
    pub provider_type: Option<ProviderType>,
}

/// `GET /api/v1/providers` (query).
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListProvidersRequest {
    pub identifier: Option<String>,
    #[serde(alias = "pageSize")]
    pub page_size: Option<u32>,
    #[serde(alias = "pageToken")]
    pub page_token: Option<String>,
    pub filter: Option<ProviderFilter>,
}

/// A page of providers.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListProvidersResponse {
    pub providers: Vec<Provider>,
    #[serde(alias = "nextPageToken")]
    pub next_page_token: String,
    #[serde(alias = "totalSize")]
    pub total_size: u32,
    #[serde(alias = "prevPageToken")]
    pub prev_page_token: String,
}

impl crate::Page for ListProvidersResponse {
    fn next_page_token(&self) -> &str {
        &self.next_page_token
    }
}
