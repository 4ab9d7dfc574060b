//! The built-in Sandbox: created on first run, active, with live counts; kept across restarts.

mod common;

use common::{app, reopen};
use kitbench_core::environments::Label;
use kitbench_core::sandbox_host::SandboxKnobs;
use kitbench_core::secrets::SecretStore;
use kitbench_core::ErrorKind;

#[tokio::test]
async fn first_run_creates_and_activates_the_sandbox() {
    let (app, dir, secrets) = app(true).await;
    let boot = app.bootstrap().await.unwrap();
    let info = boot.sandbox.clone().expect("the Sandbox runs");
    assert_eq!(boot.sandbox_error, None);
    assert_eq!(boot.environments.len(), 1);
    let env = &boot.environments[0];
    assert_eq!(
        (env.name.as_str(), env.label, env.is_sandbox),
        ("Sandbox", Label::Sandbox, true)
    );
    assert_eq!(env.env_url, info.url);
    assert!(info.url.starts_with("http://127.0.0.1:"));
    assert_eq!(boot.active_env_id.as_deref(), Some(env.id.as_str()));
    let secret = secrets
        .get(&env.id)
        .unwrap()
        .expect("credentials stored as a secret");
    assert!(secret.len() >= 40);

    let overview = app.overview(&env.id).await.unwrap();
    assert!(overview.connections > 0);
    assert!(overview.connected_accounts > 0);
    assert!(overview.mcp_configs >= 1 && overview.mcp_instances >= 1);

    let test = app.test_environment(&env.id).await.unwrap();
    assert!(test.ok, "{}", test.message);
    assert_eq!(test.connections, Some(overview.connections));

    // Data made in the Sandbox is kept across restarts; the credentials are the same.
    let client = app.client(&env.id).await.unwrap();
    client
        .get_or_create_connected_account("gmail", "restart@example.com", None)
        .await
        .unwrap();
    let before = app.overview(&env.id).await.unwrap().connected_accounts;
    app.shutdown().await;

    let app = reopen(&dir, true, secrets.clone()).await;
    let boot2 = app.bootstrap().await.unwrap();
    assert_eq!(boot2.environments.len(), 1);
    let env2 = &boot2.environments[0];
    assert_eq!(
        (env2.id.as_str(), env2.client_id.as_str()),
        (env.id.as_str(), env.client_id.as_str())
    );
    assert_eq!(
        secrets.get(&env.id).unwrap().as_deref(),
        Some(secret.as_str())
    );
    assert_eq!(
        env2.env_url,
        boot2.sandbox.unwrap().url,
        "the URL follows the new port"
    );
    assert_eq!(
        app.overview(&env.id).await.unwrap().connected_accounts,
        before
    );

    // The Sandbox cannot be edited, duplicated or deleted.
    for err in [
        app.delete_environment(&env.id).await.unwrap_err(),
        app.duplicate_environment(&env.id).await.unwrap_err(),
    ] {
        assert_eq!(err.kind(), ErrorKind::Validation);
    }

    // Reset goes back to the seeded data.
    app.sandbox_reset().unwrap();
    assert_eq!(
        app.overview(&env.id).await.unwrap().connected_accounts,
        before - 1
    );
    app.shutdown().await;
}

#[tokio::test]
async fn fault_knobs_reach_the_sandbox() {
    let (app, _dir, _) = app(true).await;
    let status = app.sandbox_status().unwrap();
    assert_eq!(status.knobs, SandboxKnobs::off());
    let env_id = status.info.unwrap().env_id;

    let knobs = SandboxKnobs {
        error_rate: 1.0,
        error_status: 500,
        ..SandboxKnobs::off()
    };
    assert_eq!(app.sandbox_set_knobs(&knobs).unwrap().knobs, knobs);
    let err = app.overview(&env_id).await.unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::Unavailable | ErrorKind::Server),
        "{err}"
    );

    let limited = SandboxKnobs {
        rate_limit_rate: 1.0,
        retry_after_secs: 0,
        ..SandboxKnobs::off()
    };
    app.sandbox_set_knobs(&limited).unwrap();
    let test = app.test_environment(&env_id).await.unwrap();
    assert!(!test.ok);
    assert_eq!(test.http_status, Some(429), "{}", test.message);

    let bad = SandboxKnobs {
        error_rate: 2.0,
        ..SandboxKnobs::off()
    };
    assert_eq!(
        app.sandbox_set_knobs(&bad).unwrap_err().kind(),
        ErrorKind::Validation
    );

    app.sandbox_set_knobs(&SandboxKnobs::off()).unwrap();
    assert!(app.overview(&env_id).await.is_ok());
    app.shutdown().await;
}
