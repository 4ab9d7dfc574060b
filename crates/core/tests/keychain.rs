//! The real Secret Service. Runs when KITBENCH_TEST_KEYRING=1, which scripts/test-app.sh sets
//! inside a private D-Bus session with an unlocked gnome-keyring (scripts/with-keyring.sh).

use kitbench_core::environments::{EnvironmentInput, Label};
use kitbench_core::secrets::{KeychainStore, SecretMode, SecretStore, Secrets};
use kitbench_core::{Kitbench, KitbenchConfig, SecretsChoice};

fn enabled() -> bool {
    let on = std::env::var("KITBENCH_TEST_KEYRING").as_deref() == Ok("1");
    if !on {
        eprintln!("skipped: set KITBENCH_TEST_KEYRING=1 (scripts/test-app.sh core does)");
    }
    on
}

#[test]
fn keychain_store_round_trip() {
    if !enabled() {
        return;
    }
    let store = KeychainStore::with_service("kitbench-test");
    kitbench_core::secrets::probe(&store).expect("a Secret Service answers");
    assert_eq!(store.get("env_round_trip").unwrap(), None);
    store.set("env_round_trip", "first").unwrap();
    store.set("env_round_trip", "second").unwrap();
    assert_eq!(
        store.get("env_round_trip").unwrap().as_deref(),
        Some("second")
    );
    store.delete("env_round_trip").unwrap();
    assert_eq!(store.get("env_round_trip").unwrap(), None);
    store.delete("env_round_trip").unwrap();
}

#[tokio::test]
async fn environments_keep_their_secret_in_the_keychain_across_restarts() {
    if !enabled() {
        return;
    }
    let detected = Secrets::detect().await;
    assert_eq!(
        detected.status().mode,
        SecretMode::Keychain,
        "{:?}",
        detected.status().detail
    );

    let dir = tempfile::tempdir().unwrap();
    let other = kitbench_sandbox::start(kitbench_sandbox::SandboxConfig::default())
        .await
        .unwrap();
    let open = || async {
        let config = KitbenchConfig {
            data_dir: dir.path().to_path_buf(),
            secrets: SecretsChoice::Detect,
            sandbox: true,
            open_url_log: None,
        };
        Kitbench::open(config).await.unwrap()
    };
    let app = open().await;
    let keychain = KeychainStore::default();
    let sandbox_env = app.bootstrap().await.unwrap().sandbox.unwrap().env_id;
    assert!(
        keychain.get(&sandbox_env).unwrap().is_some(),
        "Sandbox credentials in the keychain"
    );

    let env = app
        .create_environment(&EnvironmentInput {
            name: "Other".into(),
            env_url: other.url().into(),
            client_id: other.client_id().into(),
            client_secret: Some(other.client_secret().into()),
            label: Label::Staging,
        })
        .await
        .unwrap();
    assert_eq!(
        keychain.get(&env.id).unwrap().as_deref(),
        Some(other.client_secret())
    );
    app.shutdown().await;
    drop(app);

    let app = open().await;
    assert!(
        app.test_environment(&env.id).await.unwrap().ok,
        "secret read back after restart"
    );
    app.delete_environment(&env.id).await.unwrap();
    assert_eq!(
        keychain.get(&env.id).unwrap(),
        None,
        "deleting removes the keychain entry"
    );
    app.shutdown().await;
    other.shutdown().await;
}
