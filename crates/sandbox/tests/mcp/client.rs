use crate::common::{self, Api};
use rmcp::model::CallToolRequestParams;
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::ServiceExt;
use serde_json::json;

#[tokio::test]
async fn rmcp_client_lists_and_calls_instance_tools() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let seeded = api
        .get("/api/v1/mcp/instances?filter.user_identifier=alice@example.com")
        .await;
    let url = seeded.body["instances"][0]["url"]
        .as_str()
        .unwrap()
        .to_string();

    let client = ().serve(StreamableHttpClientTransport::from_uri(url.as_str())).await.unwrap();
    let tools = client.list_all_tools().await.unwrap();
    let mut names: Vec<String> = tools.iter().map(|t| t.name.to_string()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "gmail_fetch_mails",
            "gmail_send_email",
            "slack_list_channels",
            "slack_send_message"
        ]
    );
    let fetch = tools
        .iter()
        .find(|t| t.name == "gmail_fetch_mails")
        .unwrap();
    assert_eq!(fetch.input_schema.get("type"), Some(&json!("object")));
    assert_eq!(
        fetch.annotations.as_ref().and_then(|a| a.read_only_hint),
        Some(true)
    );

    let args = json!({"max_results": 2, "query": "in:inbox"})
        .as_object()
        .unwrap()
        .clone();
    let result = client
        .call_tool(CallToolRequestParams::new("gmail_fetch_mails").with_arguments(args))
        .await
        .unwrap();
    assert_ne!(result.is_error, Some(true));
    let data = result.structured_content.clone().unwrap();
    assert_eq!(data["messages"].as_array().unwrap().len(), 2);
    assert_eq!(data["query"], "in:inbox");
    let bad = client
        .call_tool(
            CallToolRequestParams::new("gmail_send_email").with_arguments(Default::default()),
        )
        .await
        .unwrap();
    assert_eq!(bad.is_error, Some(true));
    client.cancel().await.unwrap();

    let bob = api
        .post(
            "/api/v1/mcp/instances",
            json!({"config_name": "sandbox-assistant", "user_identifier": "bob@example.com"}),
        )
        .await;
    let bob_url = bob.body["instance"]["url"].as_str().unwrap().to_string();
    let bob_client =
        ().serve(StreamableHttpClientTransport::from_uri(bob_url.as_str()))
            .await
            .unwrap();
    let inactive = bob_client
        .call_tool(
            CallToolRequestParams::new("gmail_fetch_mails").with_arguments(Default::default()),
        )
        .await
        .unwrap();
    assert_eq!(inactive.is_error, Some(true));
    let text = serde_json::to_string(&inactive.content).unwrap();
    assert!(text.contains("not active"), "{text}");
    bob_client.cancel().await.unwrap();

    let unknown = common::http()
        .post(format!("{}/mcp/v1/notatoken", sb.url()))
        .json(&json!({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
}
