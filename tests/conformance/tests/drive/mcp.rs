//! MCP configs, instances and session tokens; custom providers.

use agentkit::wire::mcp::*;
use agentkit::wire::providers::*;
use agentkit::wire::tools::Tool;
use agentkit::Client;
use serde_json::json;

pub async fn drive_mcp(client: &Client, gmail_tools: &[Tool]) {
    let mapping = McpConfigConnectionToolMapping {
        connection_name: "gmail".into(),
        tools: gmail_tools
            .iter()
            .take(2)
            .map(|t| t.name().to_string())
            .collect(),
        ..Default::default()
    };
    let config = client
        .create_mcp_config(&McpConfig {
            name: "conformance-cfg".into(),
            description: "d".into(),
            connection_tool_mappings: vec![mapping.clone()],
            ..Default::default()
        })
        .await
        .unwrap();
    client
        .list_mcp_configs(&ListMcpConfigsRequest::default())
        .await
        .unwrap();
    client.get_mcp_config(&config.id).await.unwrap();
    client
        .update_mcp_config(
            &config.id,
            &UpdateMcpConfigRequest {
                description: "updated".into(),
                connection_tool_mappings: vec![mapping],
            },
        )
        .await
        .unwrap();
    let instance = client
        .ensure_mcp_instance(&EnsureMcpInstanceRequest {
            config_name: config.name.clone(),
            user_identifier: "conformance@example.com".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    client
        .list_mcp_instances(&ListMcpInstancesRequest::default())
        .await
        .unwrap();
    client.get_mcp_instance(&instance.id).await.unwrap();
    client
        .update_mcp_instance(
            &instance.id,
            &UpdateMcpInstanceRequest {
                name: "renamed".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    client
        .get_mcp_instance_auth_state(&instance.id, true)
        .await
        .unwrap();
    client
        .list_mcp_connected_accounts(
            &config.id,
            &ListMcpConnectedAccountsRequest {
                identifier: "conformance@example.com".into(),
                include_auth_link: false,
            },
        )
        .await
        .unwrap();
    for (config_id, key_id) in [
        (Some(config.id.clone()), None),
        (None, Some("gmail".to_string())),
    ] {
        client
            .create_mcp_session_token(&CreateMcpSessionTokenRequest {
                mcp_config_id: config_id,
                key_id,
                identifier: "conformance@example.com".into(),
                expiry: Some(agentkit::wire::ProtoDuration::from_secs(600)),
                access_level: Some("READ_ONLY".into()),
            })
            .await
            .unwrap();
    }
    client.delete_mcp_instance(&instance.id).await.unwrap();
    client.delete_mcp_config(&config.id).await.unwrap();
}

pub async fn drive_providers(client: &Client) {
    client
        .list_providers(&ListProvidersRequest {
            filter: Some(ProviderFilter {
                provider_type: Some(agentkit::wire::ProviderType::All),
            }),
            ..Default::default()
        })
        .await
        .unwrap();
    let input = CustomProviderInput {
        display_name: "Acme CRM".into(),
        description: "Internal CRM".into(),
        auth_patterns: vec![
            json!({"type": "API_KEY", "display_name": "API key", "fields": [{"field_name": "api_key", "label": "API key", "input_type": "password", "required": true}]}),
        ],
        proxy_url: "https://api.acme.example".into(),
        proxy_enabled: true,
        ..Default::default()
    };
    let created = client.create_custom_provider(&input).await.unwrap();
    let renamed = CustomProviderInput {
        display_name: "Acme CRM Two".into(),
        ..input
    };
    client
        .update_custom_provider(&created.identifier, &renamed)
        .await
        .unwrap();
    client
        .delete_custom_provider(&created.identifier)
        .await
        .unwrap();
}
