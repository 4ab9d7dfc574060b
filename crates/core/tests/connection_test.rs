//! "Test connection" against real servers on loopback: success, bad credentials, nothing
//! listening, a bad URL.

mod common;

use common::{app, input};
use kitbench_core::connection_test::TestStage;
use kitbench_core::ErrorKind;
use kitbench_sandbox::SandboxConfig;

#[tokio::test]
async fn success_and_each_failure_in_words() {
    let (app, _dir, _) = app(false).await;
    let other = kitbench_sandbox::start(SandboxConfig::default())
        .await
        .unwrap();

    let good = input(
        "Other",
        other.url(),
        other.client_id(),
        other.client_secret(),
    );
    let ok = app.test_environment_input(&good, None).await.unwrap();
    assert!(ok.ok, "{}", ok.message);
    assert!(ok.connections.unwrap() > 0);
    assert!(ok.message.starts_with("Connected."));

    let wrong = input("Other", other.url(), other.client_id(), "not-the-secret");
    let denied = app.test_environment_input(&wrong, None).await.unwrap();
    assert!(!denied.ok);
    assert_eq!(denied.stage, TestStage::Token);
    assert_eq!(denied.error_kind, Some(ErrorKind::Unauthorized));
    assert_eq!(denied.http_status, Some(401));
    assert!(
        denied.message.contains("client ID or secret was rejected"),
        "{}",
        denied.message
    );

    // A port nobody listens on: bind one, then free it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let closed = input("Closed", &format!("http://127.0.0.1:{port}"), "a", "b");
    let refused = app.test_environment_input(&closed, None).await.unwrap();
    assert_eq!(refused.error_kind, Some(ErrorKind::Network));
    assert!(
        refused.message.contains("connection refused"),
        "{}",
        refused.message
    );

    let plain_http = input("Plain", "http://acme.scalekit.com", "a", "b");
    let config = app.test_environment_input(&plain_http, None).await.unwrap();
    assert_eq!(
        (config.stage, config.error_kind),
        (TestStage::Config, Some(ErrorKind::Config))
    );
    assert!(config.message.contains("https://"), "{}", config.message);

    // A saved environment is tested with its stored secret; a blank secret in the form too.
    let saved = app.create_environment(&good).await.unwrap();
    assert!(app.test_environment(&saved.id).await.unwrap().ok);
    let mut blank = good.clone();
    blank.client_secret = None;
    assert!(
        app.test_environment_input(&blank, Some(&saved.id))
            .await
            .unwrap()
            .ok
    );
    let overview = app.overview(&saved.id).await.unwrap();
    assert!(overview.connections > 0);

    other.shutdown().await;
}
