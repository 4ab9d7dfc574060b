//! A stored client secret only goes to the URL it was saved with: testing or saving a form
//! that points elsewhere with a blank secret is a validation error on `client_secret`, and the
//! other server never sees a token request. Also: `Debug` of forms never shows a secret.

mod common;

use common::{app, input};
use kitbench_core::dotenv;
use kitbench_core::environments::validate::SECRET_FOR_NEW_URL;
use kitbench_core::Error;
use kitbench_sandbox::{RunningSandbox, SandboxConfig};

fn token_requests(sandbox: &RunningSandbox) -> usize {
    sandbox
        .admin()
        .journal()
        .iter()
        .filter(|e| e.path == "/oauth/token")
        .count()
}

fn assert_secret_asked_again(result: Result<impl std::fmt::Debug, Error>) {
    match result {
        Err(Error::Invalid(fields)) => {
            assert_eq!(fields.len(), 1, "{fields:?}");
            assert_eq!(fields[0].field, "client_secret");
            assert_eq!(fields[0].message, SECRET_FOR_NEW_URL);
        }
        other => panic!("expected a client_secret validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_stored_secret_never_follows_a_changed_url() {
    let (app, _dir, _) = app(false).await;
    let saved_at = kitbench_sandbox::start(SandboxConfig::default())
        .await
        .unwrap();
    let elsewhere = kitbench_sandbox::start(SandboxConfig::default())
        .await
        .unwrap();
    let form = input(
        "Saved",
        saved_at.url(),
        saved_at.client_id(),
        saved_at.client_secret(),
    );
    let env = app.create_environment(&form).await.unwrap();

    // The same URL, spelled with a trailing slash and spaces: the stored secret is used.
    let mut same = form.clone();
    same.client_secret = None;
    same.env_url = format!("  {}/ ", saved_at.url());
    let ok = app
        .test_environment_input(&same, Some(&env.id))
        .await
        .unwrap();
    assert!(ok.ok, "{}", ok.message);

    // Another URL with a blank secret: refused before anything is sent.
    let mut moved = same.clone();
    moved.env_url = elsewhere.url().to_string();
    let before = token_requests(&elsewhere);
    assert_secret_asked_again(app.test_environment_input(&moved, Some(&env.id)).await);
    assert_eq!(
        token_requests(&elsewhere),
        before,
        "no request reached the new URL"
    );

    // Saving that form is refused the same way, and the stored URL stays.
    assert_secret_asked_again(app.update_environment(&env.id, &moved).await);
    let listed = app.list_environments().await.unwrap();
    let kept = listed.iter().find(|e| e.id == env.id).unwrap();
    assert_eq!(kept.env_url, saved_at.url().trim_end_matches('/'));
    assert_eq!(token_requests(&elsewhere), before);

    // With the secret typed again, the new URL is tested and can be saved.
    let mut retyped = moved.clone();
    retyped.client_id = elsewhere.client_id().to_string();
    retyped.client_secret = Some(elsewhere.client_secret().to_string());
    let ok = app
        .test_environment_input(&retyped, Some(&env.id))
        .await
        .unwrap();
    assert!(ok.ok, "{}", ok.message);
    assert_eq!(token_requests(&elsewhere), before + 1);
    let updated = app.update_environment(&env.id, &retyped).await.unwrap();
    assert_eq!(updated.env_url, elsewhere.url().trim_end_matches('/'));
    assert!(app.test_environment(&env.id).await.unwrap().ok);

    saved_at.shutdown().await;
    elsewhere.shutdown().await;
}

#[tokio::test]
async fn other_field_errors_and_the_secret_error_come_together() {
    let (app, _dir, _) = app(false).await;
    let env = app
        .create_environment(&input(
            "Acme",
            "https://acme.scalekit.com",
            "skc_1",
            "s3cr3t",
        ))
        .await
        .unwrap();
    let mut form = input("", "https://evil.example.com", "skc_1", "");
    form.client_secret = None;
    match app.update_environment(&env.id, &form).await {
        Err(Error::Invalid(fields)) => {
            let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
            assert_eq!(names, ["name", "client_secret"], "{fields:?}");
        }
        other => panic!("expected validation errors, got {other:?}"),
    }
}

#[test]
fn forms_and_dotenv_credentials_never_print_the_secret() {
    let form = input(
        "Acme",
        "https://acme.scalekit.com",
        "skc_1",
        "form-secret-value",
    );
    let shown = format!("{form:?} {form:#?}");
    assert!(!shown.contains("form-secret-value"), "{shown}");
    assert!(shown.contains("skc_1"), "{shown}");
    let creds = dotenv::credentials(
        "SCALEKIT_ENV_URL=https://acme.scalekit.com\nSCALEKIT_CLIENT_ID=skc_1\n\
         SCALEKIT_CLIENT_SECRET=dotenv-secret-value\n",
    )
    .unwrap();
    assert_eq!(creds.client_secret, "dotenv-secret-value");
    let shown = format!("{creds:?}");
    assert!(!shown.contains("dotenv-secret-value"), "{shown}");
}
