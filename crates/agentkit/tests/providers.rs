//! The catalog side: app connections (one page and all pages), catalog providers, and custom
//! providers whose identifiers need percent-encoding.

mod common;

use agentkit::wire::connections::ListAppConnectionsRequest;
use agentkit::wire::providers::{CustomProviderInput, ListProvidersRequest, ProviderFilter};
use agentkit::wire::{ConnectionType, ProviderType};
use agentkit::ErrorKind;
use common::start;
use serde_json::json;
use std::collections::HashSet;

fn custom(display_name: &str) -> CustomProviderInput {
    CustomProviderInput {
        display_name: display_name.into(),
        description: "An internal API".into(),
        auth_patterns: vec![json!({
            "type": "API_KEY",
            "display_name": "API key",
            "fields": [{"field_name": "api_key", "label": "API key", "input_type": "password"}]
        })],
        proxy_url: "https://api.internal.example.com".into(),
        proxy_enabled: true,
        ..Default::default()
    }
}

fn of_type(provider_type: ProviderType) -> ListProvidersRequest {
    ListProvidersRequest {
        page_size: Some(1000),
        filter: Some(ProviderFilter {
            provider_type: Some(provider_type),
        }),
        ..Default::default()
    }
}

#[tokio::test]
async fn app_connections_one_page_and_all() {
    let env = start().await;
    let first = env
        .client
        .list_app_connections(&ListAppConnectionsRequest {
            page_size: Some(10),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(first.connections.len(), 10);
    assert!(first.total_size > 10);
    assert!(!first.next_page_token.is_empty());

    let all = env.client.list_all_app_connections().await.unwrap();
    assert_eq!(all.len() as u32, first.total_size);
    let keys: HashSet<_> = all.iter().map(|c| c.key_id.as_str()).collect();
    assert_eq!(keys.len(), all.len(), "every connection once");
    let gmail = all.iter().find(|c| c.key_id == "gmail").unwrap();
    assert_eq!(gmail.provider_key, "gmail");
    assert_eq!(gmail.kind, ConnectionType::Oauth);
    assert!(gmail.id.starts_with("conn_"));

    let filtered = env
        .client
        .list_app_connections(&ListAppConnectionsRequest {
            provider: Some("slack".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(filtered
        .connections
        .iter()
        .all(|c| c.provider_key == "slack"));
    assert!(!filtered.connections.is_empty());
}

#[tokio::test]
async fn catalog_providers_are_listed() {
    let env = start().await;
    let catalog = env
        .client
        .list_providers(&of_type(ProviderType::Default))
        .await
        .unwrap();
    assert!(catalog
        .providers
        .iter()
        .any(|p| p.identifier.eq_ignore_ascii_case("gmail")));
    assert!(catalog.providers.iter().all(|p| !p.is_custom));
}

#[tokio::test]
async fn custom_providers_lifecycle() {
    let env = start().await;
    let c = &env.client;
    let created = c
        .create_custom_provider(&custom("Internal API"))
        .await
        .unwrap();
    assert!(created.is_custom);
    assert!(!created.identifier.is_empty());
    assert_eq!(created.display_name, "Internal API");

    let mut change = custom("Internal API v2");
    change.metadata.insert("team".into(), "platform".into());
    let updated = c
        .update_custom_provider(&created.identifier, &change)
        .await
        .unwrap();
    assert_eq!(updated.identifier, created.identifier);
    assert_eq!(updated.display_name, "Internal API v2");
    assert_eq!(
        updated.metadata.get("team").map(String::as_str),
        Some("platform")
    );

    let customs = c
        .list_providers(&of_type(ProviderType::Custom))
        .await
        .unwrap();
    assert!(customs
        .providers
        .iter()
        .any(|p| p.identifier == created.identifier));

    c.delete_custom_provider(&created.identifier).await.unwrap();
    let err = c
        .delete_custom_provider(&created.identifier)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err:?}");

    let err = c.create_custom_provider(&custom("")).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation, "{err:?}");
}

#[tokio::test]
async fn identifiers_with_colons_stay_one_path_segment() {
    let env = start().await;
    let err = env
        .client
        .update_custom_provider("GOOGLEWORKSPACE:12345", &custom("Workspace"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err:?}");
    let journal = env.sandbox.admin().journal();
    let put = journal.iter().find(|e| e.method == "PUT").unwrap();
    assert_eq!(put.path, "/api/v1/custom-providers/GOOGLEWORKSPACE%3A12345");
}
