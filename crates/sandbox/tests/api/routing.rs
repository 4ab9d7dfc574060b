use crate::common::{self, Api};
use serde_json::json;

#[tokio::test]
async fn literal_routes_win_over_variable_ones() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let list = api.get("/api/v1/connections/app?provider=gmail").await;
    assert_eq!(list.status, 200);
    let conn = &list.body["connections"][0];
    assert_eq!(conn["key_id"], "gmail");
    let id = conn["id"].as_str().unwrap();
    assert!(id.starts_with("conn_"));
    let one = api.get(&format!("/api/v1/connections/{id}")).await;
    assert_eq!(
        (one.status, &one.body["connection"]["key_id"]),
        (200, &json!("gmail"))
    );
    assert_eq!(api.get("/api/v1/connections/conn_0").await.status, 404);

    let auth = api
        .get("/api/v1/connected_accounts/auth?connector=gmail&identifier=alice@example.com")
        .await;
    assert_eq!(auth.status, 200);
    let account_id = auth.body["connected_account"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(auth.body["connected_account"]["authorization_details"]["oauth_token"].is_object());
    let details = api
        .get("/api/v1/connected_accounts/details?connector=gmail&identifier=alice@example.com")
        .await;
    assert_eq!(details.body["connected_account"]["id"], account_id.as_str());
    let by_id = api
        .get(&format!("/api/v1/connected_accounts/{account_id}"))
        .await;
    assert_eq!(by_id.body["connected_account"]["id"], account_id.as_str());
    let this = api
        .get(&format!("/api/v1/connected_accounts/this?id={account_id}"))
        .await;
    assert_eq!(this.body["connected_account"]["id"], account_id.as_str());
    let missing = api.get("/api/v1/connected_accounts/ca_doesnotexist").await;
    assert_eq!(
        (missing.status, missing.error_code()),
        (404, "RESOURCE_NOT_FOUND")
    );
}

#[tokio::test]
async fn verb_suffixes_are_part_of_the_last_segment() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let search = api
        .get("/api/v1/connected_accounts:search?query=alice")
        .await;
    assert_eq!(search.status, 200);
    assert_eq!(search.body["total_size"], 3);
    let tools = api
        .post("/api/v1/tools:search", json!({"query": "send"}))
        .await;
    assert_eq!(tools.status, 200);
    assert!(!tools.body["tools"].as_array().unwrap().is_empty());

    let created = api
        .post(
            "/api/v1/connected_accounts",
            json!({"connector": "github", "identifier": "verb@example.com",
                   "connected_account": {}}),
        )
        .await;
    assert_eq!(created.status, 200);
    let deleted = api
        .post(
            "/api/v1/connected_accounts:delete",
            json!({"connector": "github", "identifier": "verb@example.com"}),
        )
        .await;
    assert_eq!((deleted.status, &deleted.body), (200, &json!({})));

    let wrong_verb = api.get("/api/v1/connected_accounts:delete").await;
    assert_eq!(
        (wrong_verb.status, wrong_verb.body["code"].as_i64()),
        (501, Some(12))
    );
    let unknown_verb = api
        .post("/api/v1/connected_accounts:explode", json!({}))
        .await;
    assert_eq!(unknown_verb.status, 404);
}

#[tokio::test]
async fn gateway_errors_look_like_grpc_gateway() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let unknown = api.get("/api/v1/nothing/here").await;
    assert_eq!(unknown.status, 404);
    assert_eq!(
        unknown.body,
        json!({"code": 5, "message": "Not Found", "details": []})
    );
    let outside = api.get("/somewhere").await;
    assert_eq!(outside.status, 404);
    let wrong_method = api.delete("/api/v1/connections/app").await;
    assert_eq!(wrong_method.status, 501);
    assert_eq!(
        wrong_method.body,
        json!({"code": 12, "message": "Method Not Allowed", "details": []})
    );

    let malformed = api
        .http
        .post(format!("{}/api/v1/execute_tool", sb.url()))
        .bearer_auth(&api.token)
        .header("content-type", "application/json")
        .body("{\"tool_name\": ")
        .send()
        .await
        .unwrap();
    let malformed = common::reply(malformed).await;
    assert_eq!(
        (malformed.status, malformed.body["code"].as_i64()),
        (400, Some(3))
    );
    let not_object = api
        .post("/api/v1/execute_tool", json!(["gmail_send_email"]))
        .await;
    assert_eq!(
        (not_object.status, not_object.body["code"].as_i64()),
        (400, Some(3))
    );
    let bad_query = api.get("/api/v1/connected_accounts?page_size=lots").await;
    assert_eq!(
        (bad_query.status, bad_query.body["code"].as_i64()),
        (400, Some(3))
    );
}

#[tokio::test]
async fn validation_reports_every_field_violation() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let long = "x".repeat(101);
    let r = api
        .post(
            "/api/v1/connected_accounts",
            json!({"connector": "bad/name", "identifier": long}),
        )
        .await;
    assert_eq!((r.status, r.body["code"].as_i64()), (400, Some(3)));
    assert_eq!(r.error_code(), "INVALID_ARGUMENT");
    let fields = r.violated_fields();
    for f in ["connector", "identifier", "connected_account"] {
        assert!(fields.contains(&f.to_string()), "{f} in {fields:?}");
    }
    let v = &r.body["details"][0]["validation_error_info"]["field_violations"];
    let constraints: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["constraint"].as_str().unwrap())
        .collect();
    assert!(constraints.contains(&"string.pattern") && constraints.contains(&"string.max_len"));

    let page = api.get("/api/v1/connected_accounts?page_size=100").await;
    assert_eq!(page.violated_fields(), vec!["page_size"]);
    let apps = api.get("/api/v1/connections/app?pageSize=31").await;
    assert_eq!(apps.violated_fields(), vec!["page_size"]);
    let ok = api.get("/api/v1/connections/app?pageSize=30").await;
    assert_eq!(ok.status, 200);
    let bad_id = api.get("/api/v1/connected_accounts/auth?id=xyz").await;
    assert_eq!(bad_id.violated_fields(), vec!["id"]);
}

#[tokio::test]
async fn bodies_accept_camel_case_and_ignore_unknown_keys() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let r = api
        .post(
            "/api/v1/execute_tool",
            json!({
                "toolName": "slack_list_channels",
                "identifier": "alice@example.com",
                "connector": "slack",
                "tool_input": {"ignored": true},
                "params": {}
            }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body["execution_id"]
        .as_str()
        .unwrap()
        .starts_with("exec_"));
}
