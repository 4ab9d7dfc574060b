//! Client credentials: caching, headers, redaction, bad credentials, expiry and single-flight
//! refresh, against the Sandbox.

mod common;

use agentkit::wire::connections::ListAppConnectionsRequest;
use agentkit::{Client, ErrorKind};
use common::{builder, start, start_with, token_requests};
use kitbench_sandbox::SandboxConfig;
use std::time::Duration;

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

#[tokio::test]
async fn the_token_is_fetched_once_and_reused() {
    let env = start().await;
    let first = env.client.access_token().await.unwrap();
    for _ in 0..3 {
        env.client
            .list_app_connections(&ListAppConnectionsRequest::default())
            .await
            .unwrap();
    }
    assert_eq!(env.client.access_token().await.unwrap(), first);
    assert_eq!(token_requests(&env.sandbox), 1);
    let clone = env.client.clone();
    assert_eq!(
        clone.access_token().await.unwrap(),
        first,
        "clones share the cache"
    );
    assert_eq!(token_requests(&env.sandbox), 1);
}

#[tokio::test]
async fn every_call_carries_the_sdk_headers_and_nothing_secret_is_observed() {
    let env = start().await;
    env.client
        .list_app_connections(&ListAppConnectionsRequest::default())
        .await
        .unwrap();
    let token = env.client.access_token().await.unwrap();
    let exchanges = env.recorder.all();
    assert_eq!(exchanges.len(), 2, "one token request, one API call");

    let token_call = &exchanges[0];
    assert!(token_call.url.ends_with("/oauth/token"));
    assert_eq!(token_call.method, "POST");
    assert_eq!(header(&token_call.request_headers, "authorization"), None);
    let sent = String::from_utf8(token_call.request_body.clone().unwrap()).unwrap();
    assert!(sent.contains("grant_type=client_credentials"), "{sent}");
    assert!(sent.contains("client_secret=****"), "{sent}");
    let answer: serde_json::Value =
        serde_json::from_slice(token_call.response_body.as_ref().unwrap()).unwrap();
    assert_eq!(answer["access_token"], "****");
    assert!(answer["expires_in"].as_u64().unwrap() > 0);

    let api_call = &exchanges[1];
    assert_eq!(api_call.status, Some(200));
    assert_eq!(api_call.attempt, 1);
    let h = &api_call.request_headers;
    assert_eq!(header(h, "authorization"), Some("Bearer ****"));
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(
        header(h, "user-agent"),
        Some(format!("Kitbench-agentkit/{version}").as_str())
    );
    assert_eq!(
        header(h, "x-sdk-version"),
        Some(format!("Kitbench-agentkit/{version}").as_str())
    );
    assert_eq!(header(h, "x-api-version"), Some("20261012"));
    assert_eq!(header(h, "accept"), Some("application/json"));

    let secret = env.sandbox.client_secret();
    for exchange in &exchanges {
        let text = format!(
            "{} {:?} {:?} {} {}",
            exchange.url,
            exchange.request_headers,
            exchange.response_headers,
            String::from_utf8_lossy(exchange.request_body.as_deref().unwrap_or_default()),
            String::from_utf8_lossy(exchange.response_body.as_deref().unwrap_or_default()),
        );
        assert!(!text.contains(&token), "token leaked in {}", exchange.url);
        assert!(!text.contains(secret), "secret leaked in {}", exchange.url);
    }
    // The Sandbox saw the real headers.
    let journal = env.sandbox.admin().journal();
    let seen = journal
        .iter()
        .find(|e| e.path.starts_with("/api/v1/connections/app"))
        .unwrap();
    let ua = seen
        .request_headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("user-agent"))
        .unwrap();
    assert!(ua.value.starts_with("Kitbench-agentkit/"));
}

#[tokio::test]
async fn bad_credentials_are_unauthorized_with_the_servers_description() {
    let env = start().await;
    let client = Client::builder(env.sandbox.url(), env.sandbox.client_id(), "wrong-secret")
        .build()
        .unwrap();
    let err = client
        .list_app_connections(&ListAppConnectionsRequest::default())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthorized, "{err:?}");
    assert_eq!(err.http_status(), Some(401));
    assert_eq!(err.error_code(), Some("invalid_client"));
    assert!(!err.status().unwrap().message.is_empty());
    assert!(!err.to_string().contains("wrong-secret"));
    assert_eq!(
        env.sandbox
            .admin()
            .journal()
            .iter()
            .filter(|e| e.path.starts_with("/api/"))
            .count(),
        0,
        "no API call is made without a token"
    );
}

#[tokio::test]
async fn an_expired_token_is_replaced_and_the_call_resent() {
    let env = start().await;
    let req = ListAppConnectionsRequest::default();
    let before = env.client.access_token().await.unwrap();
    env.client.list_app_connections(&req).await.unwrap();
    env.sandbox.admin().expire_tokens();
    env.recorder.clear();

    let page = env.client.list_app_connections(&req).await.unwrap();
    assert!(!page.connections.is_empty());
    assert_ne!(env.client.access_token().await.unwrap(), before);
    assert_eq!(token_requests(&env.sandbox), 2);
    let seen: Vec<(Option<u16>, u32, bool)> = env
        .recorder
        .all()
        .iter()
        .map(|e| (e.status, e.attempt, e.url.ends_with("/oauth/token")))
        .collect();
    assert_eq!(
        seen,
        vec![
            (Some(401), 1, false),
            (Some(200), 1, true),
            (Some(200), 2, false)
        ]
    );
}

#[tokio::test]
async fn fifty_concurrent_calls_share_one_refresh() {
    let env = start().await;
    let req = ListAppConnectionsRequest::default();
    env.client.list_app_connections(&req).await.unwrap();
    assert_eq!(token_requests(&env.sandbox), 1);
    env.sandbox.admin().expire_tokens();

    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..50 {
        let client = env.client.clone();
        let req = req.clone();
        tasks.spawn(async move { client.list_app_connections(&req).await });
    }
    let mut ok = 0;
    while let Some(result) = tasks.join_next().await {
        result.unwrap().unwrap();
        ok += 1;
    }
    assert_eq!(ok, 50);
    assert_eq!(
        token_requests(&env.sandbox),
        2,
        "exactly one extra token request"
    );
}

#[tokio::test]
async fn short_lived_tokens_are_refreshed_before_they_expire() {
    let env = start_with(SandboxConfig {
        token_ttl: Duration::from_secs(2),
        ..SandboxConfig::default()
    })
    .await;
    let req = ListAppConnectionsRequest::default();
    env.client.list_app_connections(&req).await.unwrap();
    env.client.list_app_connections(&req).await.unwrap();
    assert_eq!(
        token_requests(&env.sandbox),
        1,
        "reused within its first half-life"
    );
    tokio::time::sleep(Duration::from_millis(1200)).await;
    env.client.list_app_connections(&req).await.unwrap();
    assert_eq!(token_requests(&env.sandbox), 2, "refreshed ahead of expiry");
    assert!(
        env.recorder.all().iter().all(|e| e.status != Some(401)),
        "no call was rejected"
    );
}

#[tokio::test]
async fn configuration_errors_come_before_any_request() {
    let env = start().await;
    let url = env.sandbox.url().replace("127.0.0.1", "localhost");
    assert!(Client::new(&url, "id", "secret").is_ok());
    for (url, id, secret) in [
        ("http://example.com", "id", "secret"),
        ("https://example.com?x=1", "id", "secret"),
        (env.sandbox.url(), "", "secret"),
        (env.sandbox.url(), "id", ""),
    ] {
        let err = Client::new(url, id, secret).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config, "{url} {id} {secret}");
    }
    let err = builder(&env.sandbox)
        .add_root_certificate_pem(b"-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n")
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(env.sandbox.admin().journal().is_empty());
}
