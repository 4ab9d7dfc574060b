//! `Debug` of a client, its builder and its token cache never shows the client secret or the
//! access token, also after a real token was fetched from a Sandbox on loopback.

mod common;

use agentkit::Client;

#[tokio::test]
async fn debug_output_never_contains_the_secret_or_the_token() {
    let env = common::start().await;
    let secret = env.sandbox.client_secret().to_string();
    let builder = Client::builder(env.sandbox.url(), env.sandbox.client_id(), &secret);
    let builder_shown = format!("{builder:?} {builder:#?}");
    assert!(!builder_shown.contains(&secret), "{builder_shown}");
    assert!(builder_shown.contains(env.sandbox.client_id()));

    let client = builder.build().unwrap();
    let token = client.access_token().await.unwrap();
    assert!(!token.is_empty());
    let client_shown = format!("{client:?} {client:#?}");
    for needle in [&secret, &token] {
        assert!(!client_shown.contains(needle.as_str()), "{client_shown}");
    }
    // The error of a rejected secret does not echo it either.
    let wrong = "wrong-secret-value-123";
    let err = Client::new(env.sandbox.url(), env.sandbox.client_id(), wrong)
        .unwrap()
        .access_token()
        .await
        .unwrap_err();
    let err_shown = format!("{err:?} {err}");
    assert!(!err_shown.contains(wrong), "{err_shown}");
}
