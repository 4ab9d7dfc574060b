//! With no Secret Service the app says so, still starts (the Sandbox keeps its credentials in
//! memory) and saves secrets only once the user chooses session-only storage.
//! (Its own test binary: it points D-Bus at a socket that does not exist.)

mod common;

use kitbench_core::secrets::{SecretMode, Secrets};
use kitbench_core::{ErrorKind, Kitbench, KitbenchConfig, SecretsChoice};

#[tokio::test]
async fn no_secret_service_is_reported_and_session_storage_is_offered() {
    std::env::set_var(
        "DBUS_SESSION_BUS_ADDRESS",
        "unix:path=/nonexistent/kitbench-test-bus",
    );
    std::env::remove_var("DISPLAY");

    let detected = Secrets::detect().await;
    let status = detected.status();
    assert_eq!(status.mode, SecretMode::Unavailable);
    let detail = status.detail.unwrap();
    let technical = status.technical.expect("the raw error is kept for support");
    assert_eq!(
        detail, "There is no D-Bus session bus, so no keychain can be reached.",
        "a sentence for people, without the raw error"
    );
    assert!(technical.contains("kitbench-test-bus"), "{technical}");

    let dir = tempfile::tempdir().unwrap();
    let config = KitbenchConfig {
        data_dir: dir.path().to_path_buf(),
        secrets: SecretsChoice::Detect,
        sandbox: true,
        open_url_log: None,
    };
    let app = Kitbench::open(config).await.unwrap();
    let boot = app.bootstrap().await.unwrap();
    assert_eq!(boot.secrets.mode, SecretMode::Unavailable);
    let sandbox = boot.sandbox.expect("the Sandbox runs without a keychain");
    assert!(app.overview(&sandbox.env_id).await.is_ok());

    let form = common::input("Other", "https://acme.scalekit.com", "skc_1", "secret");
    let err = app.create_environment(&form).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::SecretStoreUnavailable);
    assert!(
        err.to_string().contains("Keep secrets for this session"),
        "{err}"
    );
    assert!(app
        .list_environments()
        .await
        .unwrap()
        .iter()
        .all(|e| e.name != "Other"));

    assert_eq!(app.use_session_secrets().mode, SecretMode::Session);
    let env = app.create_environment(&form).await.unwrap();
    assert_eq!(
        app.secrets().get(&env.id).await.unwrap().as_deref(),
        Some("secret")
    );
    app.shutdown().await;
}
