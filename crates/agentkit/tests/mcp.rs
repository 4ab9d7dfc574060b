//! MCP configs and instances: CRUD, auth state, connected accounts and session tokens (both
//! bindings).

mod common;

use agentkit::wire::mcp::{
    CreateMcpSessionTokenRequest, EnsureMcpInstanceRequest, ListMcpConfigsRequest,
    ListMcpConnectedAccountsRequest, ListMcpInstancesRequest, McpConfig,
    McpConfigConnectionToolMapping, McpConfigFilter, McpInstanceFilter, UpdateMcpConfigRequest,
    UpdateMcpInstanceRequest,
};
use agentkit::wire::tools::{ListToolsRequest, ToolFilter};
use agentkit::wire::ProtoDuration;
use agentkit::{Client, ErrorKind};
use common::{create_account, start};

async fn gmail_tool_name(client: &Client) -> String {
    let page = client
        .list_tools(&ListToolsRequest {
            filter: Some(ToolFilter {
                provider: Some("gmail".into()),
                summary: Some(true),
                ..Default::default()
            }),
            ..Default::default()
        })
        .await
        .unwrap();
    page.tool_names.into_iter().next().expect("a gmail tool")
}

async fn create_config(client: &Client, name: &str) -> McpConfig {
    let tool = gmail_tool_name(client).await;
    client
        .create_mcp_config(&McpConfig {
            name: name.into(),
            description: "Kitbench test".into(),
            connection_tool_mappings: vec![McpConfigConnectionToolMapping {
                connection_name: "gmail".into(),
                tools: vec![tool],
                ..Default::default()
            }],
            ..Default::default()
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn configs_can_be_created_read_updated_and_deleted() {
    let env = start().await;
    let c = &env.client;
    let config = create_config(c, "kb-crud").await;
    assert!(!config.id.is_empty());
    assert_eq!(config.connection_tool_mappings[0].provider, "gmail");

    assert_eq!(c.get_mcp_config(&config.id).await.unwrap().name, "kb-crud");
    let listed = c
        .list_mcp_configs(&ListMcpConfigsRequest {
            filter: Some(McpConfigFilter {
                name: Some("kb-crud".into()),
                ..Default::default()
            }),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(listed.configs.len(), 1);

    let updated = c
        .update_mcp_config(
            &config.id,
            &UpdateMcpConfigRequest {
                description: "changed".into(),
                connection_tool_mappings: config.connection_tool_mappings.clone(),
            },
        )
        .await
        .unwrap();
    assert_eq!(updated.description, "changed");

    let err = c.create_mcp_config(&config).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict, "{err:?}");
    let err = c
        .create_mcp_config(&McpConfig {
            name: "Not Valid!".into(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation, "{err:?}");

    c.delete_mcp_config(&config.id).await.unwrap();
    let err = c.get_mcp_config(&config.id).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
}

#[tokio::test]
async fn instances_and_their_auth_state() {
    let env = start().await;
    let c = &env.client;
    create_config(c, "kb-inst").await;
    let ensure = EnsureMcpInstanceRequest {
        name: String::new(),
        config_name: "kb-inst".into(),
        user_identifier: "mcp@example.com".into(),
    };
    let instance = c.ensure_mcp_instance(&ensure).await.unwrap();
    assert!(!instance.url.is_empty());
    assert_eq!(
        c.ensure_mcp_instance(&ensure).await.unwrap().id,
        instance.id
    );
    assert_eq!(
        c.get_mcp_instance(&instance.id).await.unwrap().id,
        instance.id
    );

    let listed = c
        .list_mcp_instances(&ListMcpInstancesRequest {
            filter: Some(McpInstanceFilter {
                user_identifier: Some("mcp@example.com".into()),
                ..Default::default()
            }),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(listed.instances.len(), 1);

    let state = c
        .get_mcp_instance_auth_state(&instance.id, true)
        .await
        .unwrap();
    assert_eq!(state.connections.len(), 1);
    let gmail = &state.connections[0];
    assert_eq!(gmail.connection_name, "gmail");
    assert!(!gmail
        .connected_account_status
        .eq_ignore_ascii_case("ACTIVE"));
    assert!(!gmail.authentication_link.is_empty());

    let renamed = c
        .update_mcp_instance(
            &instance.id,
            &UpdateMcpInstanceRequest {
                name: "renamed".into(),
                config_name: String::new(),
            },
        )
        .await
        .unwrap();
    assert_eq!(renamed.name, "renamed");

    c.delete_mcp_instance(&instance.id).await.unwrap();
    let err = c.get_mcp_instance(&instance.id).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
}

#[tokio::test]
async fn connected_accounts_of_a_config() {
    let env = start().await;
    let c = &env.client;
    let config = create_config(c, "kb-accounts").await;
    let plain = c
        .list_mcp_connected_accounts(
            &config.id,
            &ListMcpConnectedAccountsRequest {
                identifier: "who@example.com".into(),
                include_auth_link: false,
            },
        )
        .await
        .unwrap();
    assert_eq!(plain.connected_accounts.len(), 1);
    assert!(plain.connected_accounts[0].authentication_link.is_empty());

    let with_links = c
        .list_mcp_connected_accounts(
            &config.id,
            &ListMcpConnectedAccountsRequest {
                identifier: "who@example.com".into(),
                include_auth_link: true,
            },
        )
        .await
        .unwrap();
    let entry = &with_links.connected_accounts[0];
    assert!(!entry.authentication_link.is_empty());
    assert!(
        entry.connected_account_id.is_some(),
        "the account was created"
    );
}

#[tokio::test]
async fn session_tokens_use_the_binding_that_names_the_target() {
    let env = start().await;
    let c = &env.client;
    let config = create_config(c, "kb-tokens").await;
    create_account(c, "gmail", "tok@example.com", true).await;

    let by_config = c
        .create_mcp_session_token(&CreateMcpSessionTokenRequest {
            mcp_config_id: Some(config.id.clone()),
            identifier: "tok@example.com".into(),
            expiry: Some(ProtoDuration::from_secs(600)),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(by_config.token.split('.').count(), 3, "a JWT");
    assert!(by_config.expires_at.is_some());
    let by_connection = c
        .create_mcp_session_token(&CreateMcpSessionTokenRequest {
            key_id: Some("gmail".into()),
            identifier: "tok@example.com".into(),
            access_level: Some("READ_ONLY".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(!by_connection.token.is_empty());
    let paths: Vec<String> = env
        .sandbox
        .admin()
        .journal()
        .iter()
        .filter(|e| e.path.ends_with("/tokens"))
        .map(|e| e.path.clone())
        .collect();
    assert_eq!(
        paths,
        vec![
            format!("/api/v1/mcp/configs/{}/tokens", config.id),
            "/api/v1/mcp/connections/gmail/tokens".to_string()
        ]
    );

    let err = c
        .create_mcp_session_token(&CreateMcpSessionTokenRequest {
            mcp_config_id: Some("no-such-config".into()),
            identifier: "tok@example.com".into(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err:?}");

    env.recorder.clear();
    for req in [
        CreateMcpSessionTokenRequest {
            identifier: "tok@example.com".into(),
            ..Default::default()
        },
        CreateMcpSessionTokenRequest {
            mcp_config_id: Some(config.id.clone()),
            key_id: Some("gmail".into()),
            identifier: "tok@example.com".into(),
            ..Default::default()
        },
    ] {
        let err = c.create_mcp_session_token(&req).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Validation);
    }
    assert!(env.recorder.all().is_empty(), "refused before sending");
}
