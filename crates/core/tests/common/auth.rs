//! Playing the browser in an authorization: the link the app "opened", the Sandbox's consent
//! page, and what came back to the app.

use std::time::{Duration, Instant};

use agentkit::wire::connected_accounts::{AccountInput, AccountRef, CreateConnectedAccountRequest};
use agentkit::wire::ConnectorStatus;
use agentkit::Client;
use serde_json::{json, Value};

use super::ipc::Harness;

/// The API call that verifies; a rejected link must never reach it.
pub const VERIFY_PATH: &str = "/api/v1/connected_accounts/user/verify";

/// A browser that does not follow redirects, so the test reads `Location` itself.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The built-in Sandbox's environment id (the UI is listening for link outcomes from here on).
pub async fn sandbox_env(h: &Harness) -> String {
    h.call("take_link_outcomes", json!({})).await;
    let boot = h.call("bootstrap", json!({})).await;
    boot["sandbox"]["env_id"].as_str().unwrap().to_string()
}

/// The app's client for an environment.
pub async fn client(h: &Harness, env_id: &str) -> Client {
    h.cx.ready().unwrap().client(env_id).await.unwrap()
}

/// A gmail account waiting for authorization (PENDING_AUTH); its `ca_…` id.
pub async fn pending_account(h: &Harness, env_id: &str, identifier: &str) -> String {
    let account = client(h, env_id)
        .await
        .create_connected_account(&CreateConnectedAccountRequest {
            connector: Some("gmail".into()),
            identifier: Some(identifier.into()),
            connected_account: Some(AccountInput::default()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(account.status, ConnectorStatus::PendingAuth);
    account.id
}

/// An account's status, read through the API.
pub async fn status(h: &Harness, env_id: &str, account_id: &str) -> ConnectorStatus {
    client(h, env_id)
        .await
        .get_connected_account(&AccountRef::by_id(account_id))
        .await
        .unwrap()
        .status
}

/// Starts an authorization through dispatch; the authorization and the link the app opened
/// (read from the opened-URL log, and checked to be the one in the answer).
pub async fn start(h: &Harness, env_id: &str, account_id: &str) -> (Value, String) {
    let auth = h
        .call(
            "start_authorization",
            json!({"env_id": env_id, "account_id": account_id}),
        )
        .await;
    assert_eq!(auth["status"], "pending");
    let opened = super::opened_urls(&h.dir);
    let link = opened.last().expect("the app opened the link").clone();
    assert_eq!(auth["link"].as_str(), Some(link.as_str()));
    (auth, link)
}

/// Clicks Allow or Deny on the consent page; the redirect's `Location`.
pub async fn consent(link: &str, decision: &str) -> String {
    let answer = browser()
        .post(link)
        .form(&[("decision", decision)])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 302, "{decision}");
    answer.headers()["location"].to_str().unwrap().to_string()
}

/// How many verify calls the Sandbox has seen.
pub fn verify_calls(h: &Harness) -> usize {
    let admin = h.cx.ready().unwrap().sandbox_admin().unwrap();
    admin
        .journal()
        .iter()
        .filter(|e| e.path == VERIFY_PATH)
        .count()
}

fn outcomes(h: &Harness) -> Vec<Value> {
    let events = h.host.events.lock().unwrap();
    events
        .iter()
        .filter(|e| e.name == "link_outcome")
        .map(|e| e.payload.clone())
        .collect()
}

/// Hands a link to the app as the desktop does and waits for its `link_outcome`.
pub async fn deliver(h: &Harness, url: &str) -> Value {
    let before = outcomes(h).len();
    h.cx.deliver_link(url);
    next_outcome(h, before).await
}

/// Waits (up to 20 s) for the `link_outcome` after the first `before` ones.
pub async fn next_outcome(h: &Harness, before: usize) -> Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(v) = outcomes(h).get(before) {
            return v.clone();
        }
        assert!(Instant::now() < deadline, "no link_outcome arrived");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// How many `link_outcome` events have been sent.
pub fn outcome_count(h: &Harness) -> usize {
    outcomes(h).len()
}
