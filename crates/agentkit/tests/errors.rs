//! Error statuses and their mapping, retries of 429/503, network failures and timeouts.

mod common;

use agentkit::wire::connected_accounts::{
    AccountRef, CreateConnectedAccountRequest, ListConnectedAccountsRequest,
};
use agentkit::wire::connections::ListAppConnectionsRequest;
use agentkit::wire::tools::ExecuteToolRequest;
use agentkit::{Client, Error, ErrorKind};
use common::{builder, create_account, fault, journaled, start, token_requests};
use kitbench_sandbox::{FaultRule, RateLimit};
use std::time::{Duration, Instant};

const APP_CONNECTIONS: &str = "/api/v1/connections/app";

fn list() -> ListAppConnectionsRequest {
    ListAppConnectionsRequest::default()
}

#[tokio::test]
async fn validation_errors_carry_field_violations() {
    let env = start().await;
    let err = env
        .client
        .list_connected_accounts(&ListConnectedAccountsRequest {
            page_size: Some(500),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation, "{err:?}");
    assert_eq!(err.http_status(), Some(400));
    let status = err.status().unwrap();
    assert_eq!(status.code, 3);
    let violations: Vec<_> = status
        .details
        .iter()
        .filter_map(|d| d.validation_error_info.as_ref())
        .flat_map(|v| v.field_violations.iter())
        .collect();
    assert!(
        violations.iter().any(|v| v.field.contains("page_size")),
        "{violations:?}"
    );

    let err = env
        .client
        .create_connected_account(&CreateConnectedAccountRequest {
            connector: Some("not a/valid!connector".into()),
            identifier: Some("user@example.com".into()),
            connected_account: Some(Default::default()),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation, "{err:?}");
}

#[tokio::test]
async fn missing_things_are_not_found_and_duplicates_conflict() {
    let env = start().await;
    let err = env
        .client
        .get_connected_account(&AccountRef::by_id("ca_doesnotexist000000"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err:?}");
    assert_eq!(err.http_status(), Some(404));

    create_account(&env.client, "github", "dup@example.com", false).await;
    let err = env
        .client
        .create_connected_account(&CreateConnectedAccountRequest {
            connector: Some("github".into()),
            identifier: Some("dup@example.com".into()),
            connected_account: Some(Default::default()),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict, "{err:?}");
    assert_eq!(err.http_status(), Some(409));
}

#[tokio::test]
async fn a_rate_limited_get_waits_for_retry_after_and_succeeds() {
    let env = start().await;
    env.client.access_token().await.unwrap();
    let mut rule = FaultRule::for_route(format!("GET {APP_CONNECTIONS}"));
    rule.rate_limit = Some(RateLimit {
        next: 1,
        rate: 0.0,
        retry_after_secs: 1,
    });
    fault(&env.sandbox, rule);

    let started = Instant::now();
    let page = env.client.list_app_connections(&list()).await.unwrap();
    assert!(!page.connections.is_empty());
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    let attempts: Vec<_> = env
        .recorder
        .to_path(APP_CONNECTIONS)
        .iter()
        .map(|e| (e.status, e.attempt))
        .collect();
    assert_eq!(attempts, vec![(Some(429), 1), (Some(200), 2)]);
}

#[tokio::test]
async fn a_rate_limited_mutation_is_not_retried() {
    let env = start().await;
    let mut rule = FaultRule::for_route("POST /api/v1/connected_accounts");
    rule.rate_limit = Some(RateLimit {
        next: 1,
        rate: 0.0,
        retry_after_secs: 7,
    });
    fault(&env.sandbox, rule);
    let err = env
        .client
        .create_connected_account(&CreateConnectedAccountRequest {
            connector: Some("github".into()),
            identifier: Some("rl@example.com".into()),
            connected_account: Some(Default::default()),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited, "{err:?}");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(7)));
    assert_eq!(err.error_code(), Some("RATE_LIMITED"));
    assert_eq!(
        journaled(&env.sandbox, "POST", "/api/v1/connected_accounts"),
        1
    );
}

#[tokio::test]
async fn unavailable_is_retried_until_it_succeeds() {
    let env = start().await;
    let mut rule = FaultRule::for_route(format!("GET {APP_CONNECTIONS}"));
    rule.error_next = 2;
    rule.error_status = 503;
    fault(&env.sandbox, rule);
    env.client.list_app_connections(&list()).await.unwrap();
    let statuses: Vec<_> = env
        .recorder
        .to_path(APP_CONNECTIONS)
        .iter()
        .map(|e| e.status)
        .collect();
    assert_eq!(statuses, vec![Some(503), Some(503), Some(200)]);
}

#[tokio::test]
async fn unavailable_gives_up_after_max_retries() {
    let env = start().await;
    let mut rule = FaultRule::for_route(format!("GET {APP_CONNECTIONS}"));
    rule.error_rate = 1.0;
    rule.error_status = 503;
    fault(&env.sandbox, rule);
    let err = env.client.list_app_connections(&list()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unavailable, "{err:?}");
    assert_eq!(err.status().unwrap().code, 14);
    assert_eq!(
        journaled(&env.sandbox, "GET", APP_CONNECTIONS),
        4,
        "1 + 3 retries"
    );
}

#[tokio::test]
async fn execute_tool_is_never_retried_on_unavailable() {
    let env = start().await;
    let account = create_account(&env.client, "github", "exec@example.com", true).await;
    let mut rule = FaultRule::for_route("POST /api/v1/execute_tool");
    rule.error_next = 1;
    rule.error_status = 503;
    fault(&env.sandbox, rule);
    let err = env
        .client
        .execute_tool(&ExecuteToolRequest {
            tool_name: "github_any_tool".into(),
            connected_account_id: Some(account.id),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unavailable, "{err:?}");
    assert_eq!(journaled(&env.sandbox, "POST", "/api/v1/execute_tool"), 1);
}

#[tokio::test]
async fn account_creates_and_deletes_are_never_retried_on_unavailable() {
    let env = start().await;
    let account = create_account(&env.client, "github", "once@example.com", false).await;
    let mut rule = FaultRule::for_route("POST /api/v1/connected_accounts*");
    rule.error_rate = 1.0;
    rule.error_status = 503;
    fault(&env.sandbox, rule);
    env.sandbox.admin().clear_journal();

    let err = env
        .client
        .create_connected_account(&CreateConnectedAccountRequest {
            connector: Some("slack".into()),
            identifier: Some("once@example.com".into()),
            connected_account: Some(Default::default()),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unavailable, "{err:?}");
    assert_eq!(
        journaled(&env.sandbox, "POST", "/api/v1/connected_accounts"),
        1
    );

    let err = env
        .client
        .delete_connected_account(&AccountRef::by_id(&account.id))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unavailable, "{err:?}");
    assert_eq!(
        journaled(&env.sandbox, "POST", "/api/v1/connected_accounts:delete"),
        1
    );
}

#[tokio::test]
async fn internal_errors_are_server_errors_and_not_retried() {
    let env = start().await;
    let mut rule = FaultRule::for_route(format!("GET {APP_CONNECTIONS}"));
    rule.error_next = 1;
    rule.error_status = 500;
    fault(&env.sandbox, rule);
    let err = env.client.list_app_connections(&list()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server, "{err:?}");
    assert_eq!(err.http_status(), Some(500));
    assert_eq!(journaled(&env.sandbox, "GET", APP_CONNECTIONS), 1);
}

#[tokio::test]
async fn a_closed_port_is_a_network_error_naming_the_cause() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let recorder = std::sync::Arc::new(common::Recorder::default());
    let client = Client::builder(&format!("http://127.0.0.1:{port}"), "id", "secret")
        .observer(recorder.clone())
        .build()
        .unwrap();
    let err = client.list_app_connections(&list()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Network, "{err:?}");
    assert_eq!(
        err.to_string(),
        format!("could not connect to 127.0.0.1:{port} (connection refused)")
    );
    let seen = recorder.all();
    assert_eq!(seen.len(), 1, "the token request, reported with its error");
    assert_eq!(seen[0].status, None);
    assert!(seen[0]
        .error
        .as_deref()
        .unwrap()
        .contains("connection refused"));
}

#[tokio::test]
async fn a_slow_answer_times_out() {
    let env = start().await;
    let client = builder(&env.sandbox)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    client.access_token().await.unwrap();
    let mut rule = FaultRule::for_route(format!("GET {APP_CONNECTIONS}"));
    rule.latency_ms = 2_000;
    fault(&env.sandbox, rule);
    let started = Instant::now();
    let err = client.list_app_connections(&list()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err:?}");
    assert!(matches!(err, Error::Timeout(_)));
    assert!(started.elapsed() < Duration::from_millis(1_500));
}

#[tokio::test]
async fn a_dropped_connection_is_a_network_error() {
    let env = start().await;
    env.client.access_token().await.unwrap();
    let mut rule = FaultRule::for_route(format!("GET {APP_CONNECTIONS}"));
    rule.drop_next = 1;
    fault(&env.sandbox, rule);
    let err = env.client.list_app_connections(&list()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Network, "{err:?}");
    assert!(err.to_string().contains("127.0.0.1"), "{err}");
    assert_eq!(token_requests(&env.sandbox), 1);
}
