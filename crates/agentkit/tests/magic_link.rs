//! The magic-link flow end to end: link → consent page → allow/deny → redirect to
//! `user_verify_url` → verify → ACTIVE, plus expiry, identifier mismatch and replay.

mod common;

use agentkit::wire::connected_accounts::{AccountRef, MagicLinkRequest};
use agentkit::wire::ConnectorStatus;
use agentkit::{Client, ErrorKind};
use common::{create_account, start, start_with};
use kitbench_sandbox::SandboxConfig;
use std::time::Duration;
use url::Url;

const VERIFY_URL: &str = "https://app.example.com/verify";

/// A browser stand-in that does not follow redirects, so the test can read `Location`.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn link_for(client: &Client, identifier: &str, state: Option<&str>) -> String {
    let answer = client
        .magic_link(&MagicLinkRequest {
            connector: Some("gmail".into()),
            identifier: Some(identifier.into()),
            state: state.map(str::to_string),
            user_verify_url: Some(VERIFY_URL.into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(answer.expiry.is_some());
    answer.link
}

async fn decide(link: &str, decision: &str) -> reqwest::Response {
    browser()
        .post(link)
        .form(&[("decision", decision)])
        .send()
        .await
        .unwrap()
}

fn query(location: &Url, key: &str) -> Option<String> {
    location
        .query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

async fn status_of(client: &Client, identifier: &str) -> ConnectorStatus {
    client
        .get_connected_account(&AccountRef::by_identifier("gmail", identifier))
        .await
        .unwrap()
        .status
}

#[tokio::test]
async fn allow_then_verify_activates_the_account() {
    let env = start().await;
    let c = &env.client;
    create_account(c, "gmail", "amy@kitbench.test", false).await;
    let link = link_for(c, "amy@kitbench.test", Some("st-123")).await;
    assert!(
        link.starts_with(&format!("{}/magic/", env.sandbox.url())),
        "{link}"
    );

    let page = browser().get(&link).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("amy@kitbench.test"), "{html}");
    assert!(html.to_lowercase().contains("allow"));

    let answer = decide(&link, "allow").await;
    assert_eq!(answer.status(), 302);
    let location = Url::parse(answer.headers()["location"].to_str().unwrap()).unwrap();
    assert!(location.as_str().starts_with(VERIFY_URL), "{location}");
    assert_eq!(query(&location, "state").as_deref(), Some("st-123"));
    let auth_request_id = query(&location, "auth_request_id").expect("auth_request_id");
    assert_eq!(
        status_of(c, "amy@kitbench.test").await,
        ConnectorStatus::PendingVerification
    );

    let verified = c
        .verify_user(&auth_request_id, "amy@kitbench.test")
        .await
        .unwrap();
    assert!(!verified.post_user_verify_redirect_url.is_empty());
    assert_eq!(
        status_of(c, "amy@kitbench.test").await,
        ConnectorStatus::Active
    );

    let replay = c
        .verify_user(&auth_request_id, "amy@kitbench.test")
        .await
        .unwrap_err();
    assert_eq!(replay.kind(), ErrorKind::NotFound, "{replay:?}");
}

#[tokio::test]
async fn a_link_for_a_new_user_creates_the_account() {
    let env = start().await;
    let link = link_for(&env.client, "new@example.com", None).await;
    assert_eq!(
        status_of(&env.client, "new@example.com").await,
        ConnectorStatus::PendingAuth
    );
    let answer = decide(&link, "allow").await;
    let location = Url::parse(answer.headers()["location"].to_str().unwrap()).unwrap();
    assert!(query(&location, "auth_request_id").is_some());
    assert_eq!(query(&location, "state"), None, "no state was given");
}

#[tokio::test]
async fn deny_redirects_with_access_denied_and_changes_nothing() {
    let env = start().await;
    create_account(&env.client, "gmail", "ben@kitbench.test", false).await;
    let link = link_for(&env.client, "ben@kitbench.test", Some("st-deny")).await;
    let answer = decide(&link, "deny").await;
    assert_eq!(answer.status(), 302);
    let location = Url::parse(answer.headers()["location"].to_str().unwrap()).unwrap();
    assert_eq!(query(&location, "error").as_deref(), Some("access_denied"));
    assert_eq!(query(&location, "state").as_deref(), Some("st-deny"));
    assert_eq!(query(&location, "auth_request_id"), None);
    assert_eq!(
        status_of(&env.client, "ben@kitbench.test").await,
        ConnectorStatus::PendingAuth
    );
}

#[tokio::test]
async fn an_expired_link_is_gone_and_changes_nothing() {
    let env = start_with(SandboxConfig {
        magic_link_ttl: Duration::from_millis(500),
        ..SandboxConfig::default()
    })
    .await;
    create_account(&env.client, "gmail", "late@example.com", false).await;
    let link = link_for(&env.client, "late@example.com", Some("st")).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(browser().get(&link).send().await.unwrap().status(), 410);
    assert_eq!(decide(&link, "allow").await.status(), 410);
    assert_eq!(
        status_of(&env.client, "late@example.com").await,
        ConnectorStatus::PendingAuth
    );
}

#[tokio::test]
async fn verifying_as_someone_else_is_forbidden() {
    let env = start().await;
    let c = &env.client;
    create_account(c, "gmail", "cleo@kitbench.test", false).await;
    let link = link_for(c, "cleo@kitbench.test", Some("st")).await;
    let answer = decide(&link, "allow").await;
    let location = Url::parse(answer.headers()["location"].to_str().unwrap()).unwrap();
    let auth_request_id = query(&location, "auth_request_id").unwrap();

    let err = c
        .verify_user(&auth_request_id, "mallory@kitbench.test")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Forbidden, "{err:?}");
    assert_eq!(err.http_status(), Some(403));
    assert_eq!(
        status_of(c, "cleo@kitbench.test").await,
        ConnectorStatus::PendingVerification
    );
    c.verify_user(&auth_request_id, "cleo@kitbench.test")
        .await
        .unwrap();
    assert_eq!(
        status_of(c, "cleo@kitbench.test").await,
        ConnectorStatus::Active
    );
}

#[tokio::test]
async fn unknown_auth_requests_are_not_found() {
    let env = start().await;
    let err = env
        .client
        .verify_user("bm90LWEtcmVxdWVzdA", "x@example.com")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err:?}");
}
