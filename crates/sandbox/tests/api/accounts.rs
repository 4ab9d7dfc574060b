use crate::common::{self, Api};
use serde_json::{json, Value};
use std::collections::HashSet;
use std::sync::Arc;

#[tokio::test]
async fn create_get_update_delete() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let created = api
        .post(
            "/api/v1/connected_accounts",
            json!({"connector": "gmail", "identifier": "dave@example.com",
                   "connected_account": {}}),
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let account = &created.body["connected_account"];
    let id = account["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("ca_") && id.len() <= 32);
    assert_eq!(account["status"], "PENDING_AUTH");
    assert_eq!(account["authorization_type"], "OAUTH");
    assert_eq!(account["provider"], "gmail");
    assert_eq!(account["connector"], "gmail");
    assert!(account["connection_id"]
        .as_str()
        .unwrap()
        .starts_with("conn_"));

    let dup = api
        .post(
            "/api/v1/connected_accounts",
            json!({"connector": "gmail", "identifier": "dave@example.com",
                   "connected_account": {}}),
        )
        .await;
    assert_eq!((dup.status, dup.error_code()), (409, "ALREADY_EXISTS"));
    let unknown = api
        .post(
            "/api/v1/connected_accounts",
            json!({"connector": "nosuch", "identifier": "dave@example.com",
                   "connected_account": {}}),
        )
        .await;
    assert_eq!(
        (unknown.status, unknown.error_code()),
        (404, "RESOURCE_NOT_FOUND")
    );

    let updated = api
        .put(
            "/api/v1/connected_accounts",
            json!({"id": id, "connected_account": {"authorization_details": {"oauth_token": {
                "access_token": "ya29.x", "refresh_token": "1//r", "scopes": ["mail"]}}}}),
        )
        .await;
    assert_eq!(updated.status, 200, "{}", updated.body);
    let a = &updated.body["connected_account"];
    assert_eq!(a["status"], "ACTIVE");
    let expires: chrono::DateTime<chrono::Utc> =
        a["token_expires_at"].as_str().unwrap().parse().unwrap();
    let in_an_hour = chrono::Utc::now() + chrono::Duration::hours(1);
    assert!((expires - in_an_hour).num_seconds().abs() < 60);

    let fetched = api.get(&format!("/api/v1/connected_accounts/{id}")).await;
    assert_eq!(
        fetched.body["connected_account"]["authorization_details"]["oauth_token"]["access_token"],
        "ya29.x"
    );

    let deleted = api
        .post("/api/v1/connected_accounts:delete", json!({"id": id}))
        .await;
    assert_eq!((deleted.status, &deleted.body), (200, &json!({})));
    assert_eq!(
        api.get(&format!("/api/v1/connected_accounts/{id}"))
            .await
            .status,
        404
    );
    let again = api
        .post("/api/v1/connected_accounts:delete", json!({"id": id}))
        .await;
    assert_eq!(again.status, 404);
}

#[tokio::test]
async fn credentials_decide_the_initial_status() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let with_token = api
        .post(
            "/api/v1/connected_accounts",
            json!({"connector": "slack", "identifier": "erin@example.com",
                   "connected_account": {"authorization_details": {
                       "oauth_token": {"access_token": "xoxp-1"}}}}),
        )
        .await;
    assert_eq!(with_token.body["connected_account"]["status"], "ACTIVE");
    // Node's getOrCreate sends an empty oauth_token when it has no credentials.
    let empty_token = api
        .post(
            "/api/v1/connected_accounts",
            json!({"connector": "github", "identifier": "erin@example.com",
                   "connected_account": {"authorization_details": {"oauth_token": {}}}}),
        )
        .await;
    assert_eq!(
        empty_token.body["connected_account"]["status"],
        "PENDING_AUTH"
    );
    let key = api
        .post(
            "/api/v1/connected_accounts",
            json!({"connector": "brave", "identifier": "erin@example.com",
                   "connectedAccount": {"authorizationDetails": {
                       "staticAuth": {"details": {"api_key": "k"}}}}}),
        )
        .await;
    let a = &key.body["connected_account"];
    assert_eq!(
        (a["status"].as_str(), a["authorization_type"].as_str()),
        (Some("ACTIVE"), Some("API_KEY"))
    );
    assert!(a.get("token_expires_at").is_none());
    let keyless = api
        .post(
            "/api/v1/connected_accounts",
            json!({"connector": "affinity", "identifier": "erin@example.com",
                   "connected_account": {}}),
        )
        .await;
    let a = &keyless.body["connected_account"];
    assert_eq!(
        (a["status"].as_str(), a["authorization_type"].as_str()),
        (Some("PENDING_AUTH"), Some("BEARER_TOKEN"))
    );
}

#[tokio::test]
async fn list_filters() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let ids = |v: &Value| -> Vec<String> {
        v["connected_accounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                format!(
                    "{}/{}",
                    a["identifier"].as_str().unwrap(),
                    a["connector"].as_str().unwrap()
                )
            })
            .collect()
    };
    let all = api.get("/api/v1/connected_accounts").await;
    assert_eq!(all.body["total_size"], 6);
    assert!(all.body["connected_accounts"][0]
        .get("authorization_details")
        .is_none());
    let slack = api.get("/api/v1/connected_accounts?provider=SLACK").await;
    assert_eq!(
        ids(&slack.body),
        vec!["alice@example.com/slack", "bob@example.com/slack"]
    );
    let alice = api
        .get("/api/v1/connected_accounts?identifier=alice@example.com&connector=github")
        .await;
    assert_eq!(ids(&alice.body), vec!["alice@example.com/github"]);
    let names = api
        .get("/api/v1/connected_accounts?connection_names=github&connection_names=slack&query=bob")
        .await;
    assert_eq!(ids(&names.body), vec!["bob@example.com/slack"]);
    let none = api
        .get("/api/v1/connected_accounts?organization_id=org_1")
        .await;
    assert_eq!(none.body["total_size"], 0);
    let search_short = api.get("/api/v1/connected_accounts:search?query=ab").await;
    assert_eq!(search_short.violated_fields(), vec!["query"]);
}

#[tokio::test]
async fn pagination_over_a_thousand_accounts() {
    let sb = common::sandbox().await;
    let api = Arc::new(Api::new(&sb).await);
    let mut tasks = tokio::task::JoinSet::new();
    for worker in 0..8 {
        let api = api.clone();
        tasks.spawn(async move {
            for i in (worker..1000).step_by(8) {
                let r = api
                    .post(
                        "/api/v1/connected_accounts",
                        json!({"connector": "gmail", "identifier": format!("user{i:04}@load.test"),
                               "connected_account": {}}),
                    )
                    .await;
                assert_eq!(r.status, 200, "{}", r.body);
            }
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.unwrap();
    }
    let mut seen = HashSet::new();
    let mut token = String::new();
    let mut pages = 0;
    loop {
        let r = api
            .get(&format!(
                "/api/v1/connected_accounts?query=load.test&page_size=99&page_token={token}"
            ))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.body["total_size"], 1000);
        let page = r.body["connected_accounts"].as_array().unwrap();
        assert_eq!(
            r.body["prev_page_token"].as_str().unwrap().is_empty(),
            pages == 0
        );
        for a in page {
            assert!(seen.insert(a["id"].as_str().unwrap().to_string()));
        }
        pages += 1;
        token = r.body["next_page_token"].as_str().unwrap().to_string();
        if token.is_empty() {
            assert_eq!(page.len(), 1000 - 99 * 10);
            break;
        }
        assert_eq!(page.len(), 99);
    }
    assert_eq!((seen.len(), pages), (1000, 11));
    let default_page = api.get("/api/v1/connected_accounts?query=load.test").await;
    assert_eq!(
        default_page.body["connected_accounts"]
            .as_array()
            .unwrap()
            .len(),
        20
    );
    let bad = api
        .get("/api/v1/connected_accounts?page_token=garbage!")
        .await;
    assert_eq!(bad.status, 400);
}
