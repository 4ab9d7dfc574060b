//! Environment commands against a real SQLite file (secrets in memory here).

mod common;

use common::{app, contains, database_bytes, input, reopen};
use kitbench_core::environments::Label;
use kitbench_core::secrets::SecretStore;
use kitbench_core::{Error, ErrorKind, IpcError};

#[tokio::test]
async fn create_edit_duplicate_delete() {
    let (app, dir, secrets) = app(false).await;
    let secret = "s3cr3t-value-that-must-not-leak";
    let env = app
        .create_environment(&input(
            "Acme prod",
            "https://acme.scalekit.com/",
            "skc_1",
            secret,
        ))
        .await
        .unwrap();
    assert!(env.id.starts_with("env_"));
    assert_eq!(env.env_url, "https://acme.scalekit.com");
    assert_eq!(env.label, Label::Staging);
    assert_eq!(secrets.get(&env.id).unwrap().as_deref(), Some(secret));

    // Edit without a secret keeps it; with one replaces it.
    let mut form = input("Acme production", "https://acme.scalekit.com", "skc_2", "");
    form.label = Label::Production;
    let edited = app.update_environment(&env.id, &form).await.unwrap();
    assert_eq!(
        (edited.name.as_str(), edited.client_id.as_str()),
        ("Acme production", "skc_2")
    );
    assert_eq!(edited.label, Label::Production);
    assert_eq!(secrets.get(&env.id).unwrap().as_deref(), Some(secret));
    form.client_secret = Some("rotated".into());
    app.update_environment(&env.id, &form).await.unwrap();
    assert_eq!(secrets.get(&env.id).unwrap().as_deref(), Some("rotated"));

    let copy = app.duplicate_environment(&env.id).await.unwrap();
    assert_eq!(copy.name, "Acme production copy");
    assert_eq!(secrets.get(&copy.id).unwrap().as_deref(), Some("rotated"));
    let copy2 = app.duplicate_environment(&env.id).await.unwrap();
    assert_eq!(copy2.name, "Acme production copy 2");

    // Switching stamps last use and survives a restart.
    assert!(env.last_used_at.is_none());
    let active = app.set_active_environment(&copy.id).await.unwrap();
    assert!(active.last_used_at.is_some());
    app.delete_environment(&env.id).await.unwrap();
    assert_eq!(
        secrets.get(&env.id).unwrap(),
        None,
        "the secret goes with the environment"
    );
    app.shutdown().await;

    let app = reopen(&dir, false, secrets.clone()).await;
    let boot = app.bootstrap().await.unwrap();
    let names: Vec<_> = boot.environments.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Acme production copy", "Acme production copy 2"]);
    assert_eq!(boot.active_env_id.as_deref(), Some(copy.id.as_str()));

    // Deleting the active one moves the active environment to what is left.
    app.delete_environment(&copy.id).await.unwrap();
    assert_eq!(
        app.bootstrap().await.unwrap().active_env_id.as_deref(),
        Some(copy2.id.as_str())
    );
    app.shutdown().await;

    let bytes = database_bytes(&dir);
    assert!(!bytes.is_empty());
    assert!(
        !contains(&bytes, secret) && !contains(&bytes, "rotated"),
        "no secret in SQLite"
    );
}

#[tokio::test]
async fn validation_and_conflicts_name_the_field() {
    let (app, _dir, _) = app(false).await;
    let err = app
        .create_environment(&input("", "http://acme.scalekit.com", "skc 1", ""))
        .await
        .unwrap_err();
    let ipc = IpcError::from(&err);
    assert_eq!(ipc.kind, ErrorKind::Validation);
    let fields: Vec<_> = ipc.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["name", "env_url", "client_id", "client_secret"]);
    assert!(ipc.fields[1].message.contains("https://"));

    app.create_environment(&input("Dev", "https://dev.example.com", "a", "b"))
        .await
        .unwrap();
    let Error::Invalid(fields) = app
        .create_environment(&input("dev", "https://dev2.example.com", "a", "b"))
        .await
        .unwrap_err()
    else {
        panic!("expected a validation error")
    };
    assert_eq!(fields[0].field, "name");
    assert!(fields[0].message.contains("already exists"));

    let missing = app.set_active_environment("env_nope").await.unwrap_err();
    assert_eq!(missing.kind(), ErrorKind::NotFound);
}

#[tokio::test]
async fn dotenv_import_and_export_without_secrets() {
    let (app, _dir, secrets) = app(false).await;
    let text = "SCALEKIT_ENVIRONMENT_URL=https://acme.scalekit.dev\nSCALEKIT_CLIENT_ID=skc_9\n\
                SCALEKIT_CLIENT_SECRET=\"dotenv-secret\"\n";
    let env = app.import_dotenv(text, None, Label::Dev).await.unwrap();
    assert_eq!(env.name, "acme.scalekit.dev");
    assert_eq!(
        secrets.get(&env.id).unwrap().as_deref(),
        Some("dotenv-secret")
    );
    let again = app.import_dotenv(text, None, Label::Dev).await.unwrap();
    assert_eq!(again.name, "acme.scalekit.dev copy");
    let named = app
        .import_dotenv(text, Some("Named"), Label::Production)
        .await
        .unwrap();
    assert_eq!(
        (named.name.as_str(), named.label),
        ("Named", Label::Production)
    );

    let missing = app
        .import_dotenv("SCALEKIT_CLIENT_ID=x", None, Label::Dev)
        .await
        .unwrap_err();
    assert_eq!(missing.kind(), ErrorKind::Validation);

    let json = app.export_environments().await.unwrap();
    assert!(!json.contains("dotenv-secret"));
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed["kitbench_export"], 1);
    let list = parsed["environments"].as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list[0]["client_id"], "skc_9");
    assert!(list[0].get("client_secret").is_none());
}
