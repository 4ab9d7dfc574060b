use crate::common::{self, Api};
use crate::create_config;
use serde_json::json;

#[tokio::test]
async fn instances_and_auth_state() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    create_config(&api, "support-bot").await;
    let ensure = json!({"config_name": "support-bot", "user_identifier": "dave@example.com"});
    let first = api.post("/api/v1/mcp/instances", ensure.clone()).await;
    assert_eq!(first.status, 200, "{}", first.body);
    let inst = &first.body["instance"];
    assert_eq!(inst["name"], "support-bot-dave@example.com");
    let url = inst["url"].as_str().unwrap();
    let token = url.strip_prefix(&format!("{}/mcp/v1/", sb.url())).unwrap();
    assert_eq!(token.len(), 32);
    assert_eq!(inst["config"]["name"], "support-bot");
    let id = inst["id"].as_str().unwrap().to_string();
    let again = api.post("/api/v1/mcp/instances", ensure).await;
    assert_eq!(again.body["instance"]["id"], id.as_str());
    assert_eq!(
        api.post(
            "/api/v1/mcp/instances",
            json!({"config_name": "nope", "user_identifier": "x"})
        )
        .await
        .status,
        404
    );
    assert_eq!(
        api.post("/api/v1/mcp/instances", json!({}))
            .await
            .violated_fields(),
        vec!["config_name", "user_identifier"]
    );

    let listed = api
        .get("/api/v1/mcp/instances?filter.user_identifier=dave@example.com")
        .await;
    assert_eq!(listed.body["total_size"], 1);
    assert_eq!(api.get("/api/v1/mcp/instances").await.body["total_size"], 2);
    let renamed = api
        .patch(
            &format!("/api/v1/mcp/instances/{id}"),
            json!({"name": "dave-bot"}),
        )
        .await;
    assert_eq!(renamed.body["instance"]["name"], "dave-bot");

    let path = format!("/api/v1/mcp/instances/{id}:get_auth_state");
    let plain = api.post(&path, json!({})).await;
    assert_eq!(plain.status, 200, "{}", plain.body);
    let c = &plain.body["connections"][0];
    assert_eq!(
        (
            c["connection_name"].as_str(),
            c["connected_account_status"].as_str(),
            c["authentication_link"].as_str()
        ),
        (Some("gmail"), Some(""), Some(""))
    );
    let linked = api
        .post(&format!("{path}?include_auth_links=true"), json!({}))
        .await;
    let c = &linked.body["connections"][0];
    assert_eq!(c["connected_account_status"], "PENDING_AUTH");
    assert!(c["authentication_link"]
        .as_str()
        .unwrap()
        .starts_with(&format!("{}/magic/", sb.url())));
    assert!(c["connected_account_id"]
        .as_str()
        .unwrap()
        .starts_with("ca_"));

    let seeded = api
        .get("/api/v1/mcp/instances?filter.user_identifier=alice@example.com")
        .await;
    let seeded_id = seeded.body["instances"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let alice = api
        .post(
            &format!("/api/v1/mcp/instances/{seeded_id}:get_auth_state?include_auth_links=true"),
            json!({}),
        )
        .await;
    for c in alice.body["connections"].as_array().unwrap() {
        assert_eq!(
            (
                c["connected_account_status"].as_str(),
                c["authentication_link"].as_str()
            ),
            (Some("ACTIVE"), Some(""))
        );
    }
    assert_eq!(
        api.delete(&format!("/api/v1/mcp/instances/{id}"))
            .await
            .body,
        json!({})
    );
    assert_eq!(
        api.get(&format!("/api/v1/mcp/instances/{id}")).await.status,
        404
    );
}
