use crate::common::{self, Api};
use serde_json::{json, Value};
use std::time::Duration;

async fn link(api: &Api, body: Value) -> String {
    let r = api
        .post("/api/v1/connected_accounts/magic_link", body)
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body["link"].as_str().unwrap().to_string()
}

async fn decide(link: &str, decision: &str) -> reqwest::Response {
    common::http()
        .post(link)
        .form(&[("decision", decision)])
        .send()
        .await
        .unwrap()
}

fn query_param(location: &str, key: &str) -> Option<String> {
    let query = location.split_once('?')?.1;
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

async fn status_of(api: &Api, connector: &str, identifier: &str) -> Value {
    let r = api
        .get(&format!(
            "/api/v1/connected_accounts/auth?connector={connector}&identifier={identifier}"
        ))
        .await;
    r.body["connected_account"].clone()
}

#[tokio::test]
async fn consent_redirect_and_verify() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let r = api
        .post(
            "/api/v1/connected_accounts/magic_link",
            json!({"connector": "github", "identifier": "erin@example.com", "state": "st-1",
                   "user_verify_url": "kitbench://verify"}),
        )
        .await;
    let link = r.body["link"].as_str().unwrap().to_string();
    assert!(link.starts_with(&format!("{}/magic/", sb.url())));
    let expiry: chrono::DateTime<chrono::Utc> = r.body["expiry"].as_str().unwrap().parse().unwrap();
    assert!(
        (expiry - chrono::Utc::now() - chrono::Duration::minutes(10))
            .num_seconds()
            .abs()
            < 30
    );
    assert_eq!(
        status_of(&api, "github", "erin@example.com").await["status"],
        "PENDING_AUTH"
    );

    let page = common::http().get(&link).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    let title = "<title>Kitbench Sandbox — authorize Github for erin@example.com";
    assert!(html.contains(title), "{html}");
    assert!(html.contains("<h1>Authorize Github for erin@example.com</h1>"));
    assert!(html.contains("value=\"allow\"") && html.contains("value=\"deny\""));

    let allowed = decide(&link, "allow").await;
    assert_eq!(allowed.status(), 302);
    let location = allowed.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("kitbench://verify?auth_request_id="));
    assert_eq!(query_param(&location, "state").as_deref(), Some("st-1"));
    let auth_request_id = query_param(&location, "auth_request_id").unwrap();
    assert_eq!(
        status_of(&api, "github", "erin@example.com").await["status"],
        "PENDING_VERIFICATION"
    );
    assert_eq!(
        common::http().get(&link).send().await.unwrap().status(),
        410
    );

    let verify = "/api/v1/connected_accounts/user/verify";
    let wrong = api
        .post(
            verify,
            json!({"auth_request_id": auth_request_id, "identifier": "mallory@example.com"}),
        )
        .await;
    assert_eq!(
        (wrong.status, wrong.error_code()),
        (403, "PERMISSION_DENIED")
    );
    let ok = api
        .post(
            verify,
            json!({"auth_request_id": auth_request_id, "identifier": "erin@example.com"}),
        )
        .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(
        ok.body["post_user_verify_redirect_url"],
        format!("{}/magic/done", sb.url())
    );
    let account = status_of(&api, "github", "erin@example.com").await;
    assert_eq!(account["status"], "ACTIVE");
    let token = account["authorization_details"]["oauth_token"]["access_token"]
        .as_str()
        .unwrap();
    assert!(token.starts_with("sbx_at_"));
    let replay = api
        .post(
            verify,
            json!({"auth_request_id": auth_request_id, "identifier": "erin@example.com"}),
        )
        .await;
    assert_eq!((replay.status, replay.error_code()), (404, "NOT_FOUND"));
    let done = common::http()
        .get(format!("{}/magic/done", sb.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);
}

#[tokio::test]
async fn deny_redirects_with_access_denied() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let link = link(
        &api,
        json!({"connector": "slack", "identifier": "frank@example.com", "state": "s 2",
               "user_verify_url": "https://app.example.com/verify?from=sandbox"}),
    )
    .await;
    let denied = decide(&link, "deny").await;
    assert_eq!(denied.status(), 302);
    let location = denied.headers()["location"].to_str().unwrap();
    let expected = "https://app.example.com/verify?from=sandbox&error=access_denied";
    assert!(location.starts_with(expected), "{location}");
    assert_eq!(query_param(location, "state").as_deref(), Some("s 2"));
    assert_eq!(
        status_of(&api, "slack", "frank@example.com").await["status"],
        "PENDING_AUTH"
    );
    assert_eq!(decide(&link, "allow").await.status(), 410);
}

#[tokio::test]
async fn expired_links_change_nothing() {
    let mut config = common::config();
    config.magic_link_ttl = Duration::from_millis(300);
    let sb = kitbench_sandbox::start(config).await.unwrap();
    let api = Api::new(&sb).await;
    let link = link(
        &api,
        json!({"connector": "gmail", "identifier": "gina@example.com"}),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let page = common::http().get(&link).send().await.unwrap();
    assert_eq!(page.status(), 410);
    assert!(page.text().await.unwrap().contains("expired"));
    assert_eq!(decide(&link, "allow").await.status(), 410);
    assert_eq!(
        status_of(&api, "gmail", "gina@example.com").await["status"],
        "PENDING_AUTH"
    );
    let unknown = common::http()
        .get(format!("{}/magic/nosuchtoken", sb.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
}

#[tokio::test]
async fn without_verify_url_allow_connects_directly() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let bob_gmail = status_of(&api, "gmail", "bob@example.com").await;
    assert_eq!(bob_gmail["status"], "EXPIRED");
    let link = link(&api, json!({"id": bob_gmail["id"]})).await;
    let allowed = decide(&link, "allow").await;
    assert_eq!(allowed.status(), 200);
    assert!(allowed.text().await.unwrap().contains("Account connected"));
    assert_eq!(
        status_of(&api, "gmail", "bob@example.com").await["status"],
        "ACTIVE"
    );
    let bad_choice = decide(&link, "maybe").await;
    assert_eq!(bad_choice.status(), 400);
}

#[tokio::test]
async fn magic_link_errors() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let ml = "/api/v1/connected_accounts/magic_link";
    let unknown_id = api.post(ml, json!({"id": "ca_missing"})).await;
    assert_eq!(unknown_id.status, 404);
    let unknown_connector = api
        .post(ml, json!({"connector": "nosuch", "identifier": "x"}))
        .await;
    assert_eq!(
        (unknown_connector.status, unknown_connector.error_code()),
        (404, "RESOURCE_NOT_FOUND")
    );
    let bad_url = api
        .post(
            ml,
            json!({"connector": "gmail", "identifier": "x",
                   "user_verify_url": "javascript:alert(1)"}),
        )
        .await;
    assert_eq!(bad_url.violated_fields(), vec!["user_verify_url"]);
    let bad_id = api.post(ml, json!({"id": "acct_1"})).await;
    assert_eq!(bad_id.violated_fields(), vec!["id"]);
    let nothing = api.post(ml, json!({})).await;
    assert_eq!(nothing.status, 400);
    let verify = api
        .post(
            "/api/v1/connected_accounts/user/verify",
            json!({"auth_request_id": "", "identifier": ""}),
        )
        .await;
    assert_eq!(verify.status, 400);
    assert!(verify
        .violated_fields()
        .contains(&"auth_request_id".to_string()));
}
