use crate::assert_error;
use crate::common::{self, Api};
use serde_json::json;

#[tokio::test]
async fn wrongly_typed_messages_are_400_and_create_nothing() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let bodies = [
        json!({"connector": "notion", "identifier": "z", "connected_account": "hello"}),
        json!({"connector": "notion", "identifier": "z", "connected_account": ["x"]}),
        json!({"connector": "notion", "identifier": "z",
               "connected_account": {"authorization_details": {"oauth_token": "tok"}}}),
        json!({"connector": "notion", "identifier": "z",
               "connected_account": {"authorization_details": "tok"}}),
    ];
    for body in bodies {
        let reply = api.post("/api/v1/connected_accounts", body.clone()).await;
        assert_error(&reply, 400, 3);
        assert!(
            reply.body["message"]
                .as_str()
                .unwrap()
                .contains("expected a message"),
            "{body}: {}",
            reply.body
        );
    }
    let found = api
        .get("/api/v1/connected_accounts?connector=notion&identifier=z")
        .await;
    assert_eq!(
        found.body["connected_accounts"],
        json!([]),
        "{}",
        found.body
    );
}

#[tokio::test]
async fn two_members_of_the_credential_oneof_are_400() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let reply = api
        .post(
            "/api/v1/connected_accounts",
            json!({"connector": "notion", "identifier": "z", "connected_account": {
                "authorization_details": {"oauth_token": {"access_token": "a"},
                                          "static_auth": {"details": {"k": "v"}}}}}),
        )
        .await;
    assert_error(&reply, 400, 3);
    assert!(reply.body["message"].as_str().unwrap().contains("oneof"));
}

#[tokio::test]
async fn well_typed_bodies_still_work() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let reply = api
        .post(
            "/api/v1/connected_accounts",
            json!({"connector": "notion", "identifier": "z", "connectedAccount": {
                "authorizationDetails": {"oauthToken": {"accessToken": "a", "scopes": "s"}}}}),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["connected_account"]["status"], "ACTIVE");
}
