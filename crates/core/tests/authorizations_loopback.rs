//! The loopback callback: with an environment in loopback mode the consent page redirects to
//! `http://127.0.0.1:<port>/auth/verify`, which the app serves only while a loopback
//! authorization is pending, and which takes the same path as a `kitbench://` link.

mod common;

use std::time::{Duration, Instant};

use agentkit::wire::ConnectorStatus;
use common::auth::{self, browser, consent, next_outcome, pending_account, sandbox_env, start};
use common::ipc::Harness;
use serde_json::json;

fn port_of(url: &str) -> u16 {
    url::Url::parse(url).unwrap().port().unwrap()
}

/// Waits (up to 10 s) until nothing listens on `port` any more.
async fn closed(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_ok()
    {
        assert!(
            Instant::now() < deadline,
            "the loopback listener is still open"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The browser following the redirect to the loopback callback: status and page text.
async fn follow(location: &str) -> (u16, String) {
    let answer = browser().get(location).send().await.unwrap();
    let status = answer.status().as_u16();
    let content_type = answer.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(content_type.starts_with("text/plain"), "{content_type}");
    (status, answer.text().await.unwrap())
}

#[tokio::test]
async fn loopback_mode_verifies_through_the_local_listener_then_closes_it() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    h.call(
        "set_callback_mode",
        json!({"env_id": env, "mode": "loopback"}),
    )
    .await;
    let amy = pending_account(&h, &env, "amy@kitbench.test").await;
    let ben = pending_account(&h, &env, "ben@kitbench.test").await;
    let (auth_a, link_a) = start(&h, &env, &amy).await;
    assert_eq!(auth_a["callback_mode"], "loopback");
    let (_, link_b) = start(&h, &env, &ben).await;

    let to_a = consent(&link_a, "allow").await;
    assert!(to_a.starts_with("http://127.0.0.1:"), "{to_a}");
    assert!(to_a.contains("/auth/verify?"), "{to_a}");
    let port = port_of(&to_a);

    // A forged state on the live listener: refused, with the reason, and no verify.
    let base = format!("http://127.0.0.1:{port}");
    let before = auth::outcome_count(&h);
    let (status, text) = follow(&format!(
        "{base}/auth/verify?auth_request_id=abc&state=forged"
    ))
    .await;
    assert_eq!(status, 400);
    assert!(text.contains("does not belong"), "{text}");
    assert_eq!(next_outcome(&h, before).await["kind"], "rejected");
    let other = browser().get(format!("{base}/other")).send().await.unwrap();
    assert_eq!(other.status(), 404);

    let before = auth::outcome_count(&h);
    let (status, text) = follow(&to_a).await;
    assert_eq!(status, 200, "{text}");
    assert!(
        text.contains("Kitbench received the authorization; you can close this tab."),
        "{text}"
    );
    let outcome = next_outcome(&h, before).await;
    assert_eq!(outcome["kind"], "verified", "{outcome}");
    assert_eq!(auth::status(&h, &env, &amy).await, ConnectorStatus::Active);
    // Ben's authorization is still pending: the listener stays.
    assert!(tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_ok());

    let to_b = consent(&link_b, "deny").await;
    assert_eq!(
        port_of(&to_b),
        port,
        "one listener for all pending authorizations"
    );
    let before = auth::outcome_count(&h);
    let (status, _) = follow(&to_b).await;
    assert_eq!(status, 200);
    assert_eq!(next_outcome(&h, before).await["kind"], "denied");

    // Nothing pending: the port is closed, so a replay cannot even connect.
    closed(port).await;
    assert!(browser().get(&to_a).send().await.is_err());
    assert_eq!(
        auth::verify_calls(&h),
        1,
        "only the live link reached verify"
    );
}

#[tokio::test]
async fn cancelling_the_last_loopback_authorization_closes_the_listener() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    h.call(
        "set_callback_mode",
        json!({"env_id": env, "mode": "loopback"}),
    )
    .await;
    let cleo = pending_account(&h, &env, "cleo@kitbench.test").await;
    let (auth, link) = start(&h, &env, &cleo).await;
    let location = consent(&link, "allow").await;
    let port = port_of(&location);
    h.call("cancel_authorization", json!({"id": auth["id"]}))
        .await;
    closed(port).await;

    // Reopening makes a fresh link on a fresh listener.
    let reopened = h
        .call("reopen_authorization", json!({"id": auth["id"]}))
        .await;
    assert_eq!(reopened["status"], "pending");
    let location = consent(reopened["link"].as_str().unwrap(), "allow").await;
    let before = auth::outcome_count(&h);
    assert_eq!(follow(&location).await.0, 200);
    assert_eq!(next_outcome(&h, before).await["kind"], "verified");
    assert_eq!(auth::status(&h, &env, &cleo).await, ConnectorStatus::Active);
}
