use crate::common::{self, Api};
use crate::create_config;
use serde_json::{json, Value};

#[tokio::test]
async fn config_crud_and_validation() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let config = create_config(&api, "support-bot").await;
    let id = config["id"].as_str().unwrap();
    assert_eq!(
        config["mcp_server_url"],
        format!("{}/mcp/v3/servers/{id}", sb.url())
    );
    let m = &config["connection_tool_mappings"][0];
    assert_eq!(
        (
            m["provider"].as_str(),
            m["connection_id"].as_str().map(|c| c.starts_with("conn_"))
        ),
        (Some("gmail"), Some(true))
    );

    let cfgs = "/api/v1/mcp/configs";
    assert_eq!(
        api.post(cfgs, json!({"name": "support-bot"})).await.status,
        409
    );
    assert_eq!(
        api.post(cfgs, json!({"name": "Bad Name"}))
            .await
            .violated_fields(),
        vec!["name"]
    );
    let unknown = api
        .post(
            cfgs,
            json!({"name": "x", "connection_tool_mappings": [{"connection_name": "nosuch"}]}),
        )
        .await;
    assert_eq!(unknown.status, 404);
    let wrong_tool = api
        .post(
            cfgs,
            json!({"name": "x", "connection_tool_mappings": [
                {"connection_name": "gmail", "tools": ["slack_send_message"]}]}),
        )
        .await;
    assert_eq!(
        wrong_tool.violated_fields(),
        vec!["connection_tool_mappings[0].tools[0]"]
    );
    let many: Vec<Value> = (0..26)
        .map(|_| json!({"connection_name": "gmail"}))
        .collect();
    let too_many = api
        .post(cfgs, json!({"name": "x", "connection_tool_mappings": many}))
        .await;
    assert_eq!(too_many.violated_fields(), vec!["connection_tool_mappings"]);

    assert_eq!(
        api.get(&format!("{cfgs}/{id}")).await.body["config"]["name"],
        "support-bot"
    );
    let listed = api.get(&format!("{cfgs}?filter.name=support-bot")).await;
    assert_eq!(listed.body["total_size"], 1);
    assert_eq!(
        api.get(&format!("{cfgs}?search=TRIAGE")).await.body["total_size"],
        1
    );
    assert_eq!(
        api.get(&format!("{cfgs}?filter.provider=slack")).await.body["total_size"],
        2
    );
    assert_eq!(api.get(&format!("{cfgs}?page_size=31")).await.status, 400);

    let updated = api
        .put(
            &format!("{cfgs}/{id}"),
            json!({"description": "v2",
                   "connection_tool_mappings": [{"connection_name": "github"}]}),
        )
        .await;
    assert_eq!(updated.body["config"]["description"], "v2");
    assert_eq!(
        updated.body["config"]["connection_tool_mappings"][0]["provider"],
        "github"
    );

    let instance = api
        .post(
            "/api/v1/mcp/instances",
            json!({"config_name": "support-bot", "user_identifier": "dave@example.com"}),
        )
        .await;
    let instance_id = instance.body["instance"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(api.delete(&format!("{cfgs}/{id}")).await.body, json!({}));
    assert_eq!(api.get(&format!("{cfgs}/{id}")).await.status, 404);
    assert_eq!(
        api.get(&format!("/api/v1/mcp/instances/{instance_id}"))
            .await
            .status,
        404
    );
    assert_eq!(api.delete(&format!("{cfgs}/{id}")).await.status, 404);
}

#[tokio::test]
async fn list_mcp_connected_accounts() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let config = create_config(&api, "support-bot").await;
    let path = format!(
        "/api/v1/mcp/configs/{}/connected_accounts",
        config["id"].as_str().unwrap()
    );
    let plain = api
        .post(&path, json!({"identifier": "bob@example.com"}))
        .await;
    let gmail = &plain.body["connected_accounts"][0];
    assert_eq!(
        (
            gmail["connected_account_status"].as_str(),
            gmail["authentication_link"].as_str()
        ),
        (Some("EXPIRED"), Some(""))
    );
    let fresh = api
        .post(&path, json!({"identifier": "new@example.com"}))
        .await;
    assert!(fresh.body["connected_accounts"][0]
        .get("connected_account_id")
        .is_none());
    let linked = api
        .post(
            &path,
            json!({"identifier": "new@example.com", "include_auth_link": true}),
        )
        .await;
    for entry in linked.body["connected_accounts"].as_array().unwrap() {
        assert!(entry["authentication_link"]
            .as_str()
            .unwrap()
            .contains("/magic/"));
        assert_eq!(entry["connected_account_status"], "PENDING_AUTH");
    }
    assert_eq!(
        api.post(&path, json!({})).await.violated_fields(),
        vec!["identifier"]
    );
}
