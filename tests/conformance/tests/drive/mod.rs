//! The calls that drive every route: accounts and tools here, MCP and providers in `mcp.rs`.

mod mcp;

pub use mcp::{drive_mcp, drive_providers};

use agentkit::wire::connected_accounts::*;
use agentkit::wire::connections::ListAppConnectionsRequest;
use agentkit::wire::tools::*;
use agentkit::Client;
use serde_json::{json, Map, Value};

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

pub async fn drive_accounts(client: &Client) {
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

/// Returns gmail's tools, which the MCP config of [`drive_mcp`] maps.
pub async fn drive_tools(client: &Client) -> Vec<Tool> {
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
    tools.tools
}
