//! Drives every AgentKit RPC through the `agentkit` client against a fresh Kitbench Sandbox,
//! records each exchange with the client's observer, and checks every request and response
//! strictly against the real message definitions. A route with no covered call fails the test.

use agentkit::wire::connected_accounts::*;
use agentkit::wire::connections::ListAppConnectionsRequest;
use agentkit::wire::mcp::*;
use agentkit::wire::providers::*;
use agentkit::wire::tools::*;
use agentkit::{Client, Observer};
use kitbench_conformance::{Exchange, Routes};
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

/// Every binding Kitbench's client speaks: the SDK surface of REFERENCE §11 plus the two extra
/// reads the app uses.
const REQUIRED: &[(&str, &str)] = &[
    (
        "ConnectedAccountService.ListConnectedAccounts",
        "/api/v1/connected_accounts",
    ),
    (
        "ConnectedAccountService.SearchConnectedAccounts",
        "/api/v1/connected_accounts:search",
    ),
    (
        "ConnectedAccountService.CreateConnectedAccount",
        "/api/v1/connected_accounts",
    ),
    (
        "ConnectedAccountService.UpdateConnectedAccount",
        "/api/v1/connected_accounts",
    ),
    (
        "ConnectedAccountService.DeleteConnectedAccount",
        "/api/v1/connected_accounts:delete",
    ),
    (
        "ConnectedAccountService.GetMagicLinkForConnectedAccount",
        "/api/v1/connected_accounts/magic_link",
    ),
    (
        "ConnectedAccountService.GetConnectedAccountAuth",
        "/api/v1/connected_accounts/auth",
    ),
    (
        "ConnectedAccountService.GetConnectedAccountDetails",
        "/api/v1/connected_accounts/details",
    ),
    (
        "ConnectedAccountService.VerifyConnectedAccountUser",
        "/api/v1/connected_accounts/user/verify",
    ),
    ("ToolService.ListTools", "/api/v1/tools"),
    ("ToolService.ListScopedTools", "/api/v1/tools/scoped"),
    ("ToolService.ListAvailableTools", "/api/v1/tools/available"),
    ("ToolService.SearchTools", "/api/v1/tools:search"),
    ("ToolService.ExecuteTool", "/api/v1/execute_tool"),
    (
        "ConnectionService.ListAppConnections",
        "/api/v1/connections/app",
    ),
    ("McpService.ListMcpConfigs", "/api/v1/mcp/configs"),
    ("McpService.GetMcpConfig", "/api/v1/mcp/configs/{config_id}"),
    ("McpService.CreateMcpConfig", "/api/v1/mcp/configs"),
    (
        "McpService.UpdateMcpConfig",
        "/api/v1/mcp/configs/{config_id}",
    ),
    (
        "McpService.DeleteMcpConfig",
        "/api/v1/mcp/configs/{config_id}",
    ),
    ("McpService.EnsureMcpInstance", "/api/v1/mcp/instances"),
    (
        "McpService.UpdateMcpInstance",
        "/api/v1/mcp/instances/{instance_id}",
    ),
    (
        "McpService.GetMcpInstance",
        "/api/v1/mcp/instances/{instance_id}",
    ),
    ("McpService.ListMcpInstances", "/api/v1/mcp/instances"),
    (
        "McpService.DeleteMcpInstance",
        "/api/v1/mcp/instances/{instance_id}",
    ),
    (
        "McpService.GetMcpInstanceAuthState",
        "/api/v1/mcp/instances/{instance_id}:get_auth_state",
    ),
    (
        "McpService.ListMcpConnectedAccounts",
        "/api/v1/mcp/configs/{config_id}/connected_accounts",
    ),
    (
        "McpService.CreateMcpSessionToken",
        "/api/v1/mcp/configs/{mcp_config_id}/tokens",
    ),
    (
        "McpService.CreateMcpSessionToken",
        "/api/v1/mcp/connections/{key_id}/tokens",
    ),
    (
        "ProviderService.CreateCustomProvider",
        "/api/v1/custom-providers",
    ),
    (
        "ProviderService.UpdateCustomProvider",
        "/api/v1/custom-providers/{identifier}",
    ),
    ("ProviderService.ListProviders", "/api/v1/providers"),
    (
        "ProviderService.DeleteCustomProvider",
        "/api/v1/custom-providers/{identifier}",
    ),
];

#[derive(Default)]
struct Recorder(Mutex<Vec<Exchange>>);

impl Observer for Recorder {
    fn on_exchange(&self, ex: &agentkit::Exchange) {
        let Some(status) = ex.status else { return };
        self.0.lock().unwrap().push(Exchange {
            method: ex.method.clone(),
            url: ex.url.clone(),
            request_body: ex.request_body.clone(),
            status,
            response_body: ex.response_body.clone().unwrap_or_default(),
        });
    }
}

/// The smallest `params` that satisfies an input schema's required properties.
fn minimal_params(schema: &Value) -> Map<String, Value> {
    let mut params = Map::new();
    let props = schema.get("properties").and_then(Value::as_object);
    for name in schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let name = name.as_str().unwrap_or_default();
        let prop = props
            .and_then(|p| p.get(name))
            .cloned()
            .unwrap_or(json!({}));
        params.insert(name.to_string(), minimal_value(&prop));
    }
    params
}

fn minimal_value(schema: &Value) -> Value {
    if let Some(first) = schema
        .get("enum")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
    {
        return first.clone();
    }
    let min_len = schema
        .get("minLength")
        .and_then(Value::as_u64)
        .unwrap_or(1)
        .max(1) as usize;
    match schema
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("string")
    {
        "integer" | "number" => schema.get("minimum").cloned().unwrap_or(json!(1)),
        "boolean" => json!(false),
        "array" => {
            let n = schema.get("minItems").and_then(Value::as_u64).unwrap_or(0) as usize;
            Value::Array(
                (0..n)
                    .map(|_| minimal_value(schema.get("items").unwrap_or(&json!({}))))
                    .collect(),
            )
        }
        "object" => Value::Object(minimal_params(schema)),
        _ => match schema.get("format").and_then(Value::as_str) {
            Some("email") => json!("someone@example.com"),
            Some("date-time") => json!("2026-01-02T03:04:05Z"),
            Some("date") => json!("2026-01-02"),
            Some("uri") => json!("https://example.com/x"),
            _ => json!("x".repeat(min_len)),
        },
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_matches_the_real_message_definitions() {
    let sandbox = kitbench_sandbox::start(Default::default()).await.unwrap();
    let recorder = Arc::new(Recorder::default());
    let client = Client::builder(sandbox.url(), sandbox.client_id(), sandbox.client_secret())
        .observer(recorder.clone())
        .build()
        .unwrap();
    drive_accounts(&client).await;
    drive_tools(&client).await;
    drive_mcp(&client).await;
    drive_providers(&client).await;

    let routes = Routes::load();
    let mut covered = BTreeSet::new();
    let mut failures = Vec::new();
    let exchanges = recorder.0.lock().unwrap().clone();
    for ex in exchanges.iter().filter(|e| e.url.contains("/api/v1/")) {
        match routes.check(ex) {
            Ok(call) if (200..300).contains(&call.status) => {
                covered.insert((call.rpc, call.template));
            }
            Ok(_) => {}
            Err(e) => failures.push(e),
        }
    }
    assert!(
        failures.is_empty(),
        "wire mismatches:\n{}",
        failures.join("\n")
    );
    let missing: Vec<_> = REQUIRED
        .iter()
        .filter(|(rpc, t)| !covered.contains(&(rpc.to_string(), t.to_string())))
        .collect();
    assert!(
        missing.is_empty(),
        "routes with no covered call: {missing:?}"
    );
    println!(
        "checked {} exchanges over {} bindings",
        exchanges.len(),
        covered.len()
    );
    sandbox.shutdown().await;
}

async fn drive_accounts(client: &Client) {
    let connections = client
        .list_app_connections(&ListAppConnectionsRequest::default())
        .await
        .unwrap();
    assert!(!connections.connections.is_empty());
    let created = client
        .create_connected_account(&CreateConnectedAccountRequest {
            connector: Some("gmail".into()),
            identifier: Some("conformance@example.com".into()),
            connected_account: Some(AccountInput::default()),
            ..Default::default()
        })
        .await
        .unwrap();
    let by_id = AccountRef::by_id(&created.id);
    client
        .list_connected_accounts(&ListConnectedAccountsRequest {
            connector: Some("gmail".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    client
        .search_connected_accounts(&SearchConnectedAccountsRequest {
            query: "conformance".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    client.get_connected_account(&by_id).await.unwrap();
    client
        .get_connected_account_details(&AccountRef::by_identifier(
            "gmail",
            "conformance@example.com",
        ))
        .await
        .unwrap();
    let missing = client
        .get_connected_account(&AccountRef::by_id("ca_doesnotexist"))
        .await
        .unwrap_err();
    assert_eq!(missing.http_status(), Some(404));

    let link = client
        .magic_link(&MagicLinkRequest {
            id: Some(created.id.clone()),
            state: Some("st-1".into()),
            user_verify_url: Some("https://app.example.com/verify".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let auth_request_id = consent(&link.link).await;
    client
        .verify_user(&auth_request_id, "conformance@example.com")
        .await
        .unwrap();

    client
        .update_connected_account(&UpdateConnectedAccountRequest {
            id: Some(created.id.clone()),
            connected_account: Some(AccountInput {
                api_config: Some(Map::from_iter([("region".into(), json!("eu"))])),
                ..Default::default()
            }),
            ..Default::default()
        })
        .await
        .unwrap();
    let other = client
        .get_or_create_connected_account("slack", "conformance@example.com", None)
        .await
        .unwrap();
    client
        .delete_connected_account(&AccountRef::by_id(&other.id))
        .await
        .unwrap();
}

/// Allows the consent page of a magic link and returns the `auth_request_id` of the redirect.
async fn consent(link: &str) -> String {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    assert!(http.get(link).send().await.unwrap().status().is_success());
    let answer = http
        .post(link)
        .form(&[("decision", "allow")])
        .send()
        .await
        .unwrap();
    let location = answer.headers()["location"].to_str().unwrap().to_string();
    let url = url::Url::parse(&location).unwrap();
    url.query_pairs()
        .find(|(k, _)| k == "auth_request_id")
        .map(|(_, v)| v.into_owned())
        .unwrap()
}

async fn drive_tools(client: &Client) {
    let identifier = "conformance@example.com";
    let tools = client
        .list_tools(&ListToolsRequest {
            filter: Some(ToolFilter {
                provider: Some("gmail".into()),
                ..Default::default()
            }),
            ..Default::default()
        })
        .await
        .unwrap();
    let tool = tools.tools.first().expect("gmail has tools").clone();
    client
        .list_scoped_tools(&ListScopedToolsRequest {
            identifier: identifier.into(),
            filter: Some(ScopedToolFilter {
                providers: vec!["gmail".into()],
                ..Default::default()
            }),
            ..Default::default()
        })
        .await
        .unwrap();
    client
        .list_available_tools(&ListAvailableToolsRequest {
            identifier: identifier.into(),
            ..Default::default()
        })
        .await
        .unwrap();
    client
        .search_tools(&SearchToolsRequest {
            query: "send email".into(),
            identifier: Some(identifier.into()),
            top_k: Some(5),
        })
        .await
        .unwrap();
    let params = minimal_params(tool.input_schema().unwrap());
    client
        .execute_tool(&ExecuteToolRequest {
            tool_name: tool.name().to_string(),
            identifier: Some(identifier.into()),
            connector: Some("gmail".into()),
            params: Some(params),
            ..Default::default()
        })
        .await
        .unwrap();
}

async fn drive_mcp(client: &Client) {
    let tools = client
        .list_tools(&ListToolsRequest {
            filter: Some(ToolFilter {
                provider: Some("gmail".into()),
                ..Default::default()
            }),
            ..Default::default()
        })
        .await
        .unwrap();
    let mapping = McpConfigConnectionToolMapping {
        connection_name: "gmail".into(),
        tools: tools
            .tools
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

async fn drive_providers(client: &Client) {
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
