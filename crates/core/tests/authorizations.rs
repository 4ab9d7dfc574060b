//! Authorizing a connected account end to end, the way the app does it: start through
//! `dispatch`, the link read from the opened-URL log, the Sandbox's consent page clicked with
//! an HTTP client, the redirect handed back as a `kitbench://` link.

mod common;

use agentkit::wire::ConnectorStatus;
use common::auth::{self, consent, deliver, pending_account, sandbox_env, start, status};
use common::ipc::Harness;
use kitbench_core::ErrorKind;
use serde_json::json;

#[tokio::test]
async fn allow_verifies_the_account_and_the_link_is_single_use() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let account = pending_account(&h, &env, "amy@kitbench.test").await;
    let (auth, link) = start(&h, &env, &account).await;
    assert_eq!(auth["identifier"], "amy@kitbench.test");
    assert_eq!(auth["connection"], "gmail");
    assert_eq!(auth["callback_mode"], "deep_link");

    let location = consent(&link, "allow").await;
    assert!(
        location.starts_with("kitbench://auth/verify?"),
        "{location}"
    );
    let outcome = deliver(&h, &location).await;
    assert_eq!(outcome["kind"], "verified", "{outcome}");
    assert_eq!(outcome["authorization"]["status"], "verified");
    assert_eq!(outcome["authorization"]["link"], json!(null));
    assert_eq!(status(&h, &env, &account).await, ConnectorStatus::Active);
    h.wait_for_event("authorization_updated", |a| a["status"] == "verified")
        .await;
    assert_eq!(auth::verify_calls(&h), 1);

    // The same link again: refused before any call.
    let replay = deliver(&h, &location).await;
    assert_eq!(replay["kind"], "rejected", "{replay}");
    assert_eq!(
        auth::verify_calls(&h),
        1,
        "a replayed link reaches no verify"
    );

    let listed = h.call("list_authorizations", json!({"env_id": env})).await;
    assert_eq!(listed[0]["id"], auth["id"]);
    assert_eq!(listed[0]["status"], "verified");
    assert!(listed[0]["completed_at"].is_string());

    // Neither the state nor the link is in the database.
    let bytes = common::database_bytes(&h.dir);
    let state = url::Url::parse(&location)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .into_owned();
    assert!(state.len() >= 43, "at least 128 random bits: {state}");
    assert!(!common::contains(&bytes, &state), "the state is stored");
    assert!(!common::contains(&bytes, &link), "the link is stored");
}

#[tokio::test]
async fn deny_is_recorded_and_the_account_stays_pending() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let account = pending_account(&h, &env, "ben@kitbench.test").await;
    let (auth, link) = start(&h, &env, &account).await;
    let location = consent(&link, "deny").await;
    assert!(location.contains("error=access_denied"), "{location}");
    let outcome = deliver(&h, &location).await;
    assert_eq!(outcome["kind"], "denied", "{outcome}");
    assert_eq!(outcome["authorization"]["id"], auth["id"]);
    assert_eq!(outcome["authorization"]["status"], "denied");
    assert_eq!(outcome["authorization"]["reason"], "access_denied");
    assert_eq!(
        status(&h, &env, &account).await,
        ConnectorStatus::PendingAuth
    );
    assert_eq!(auth::verify_calls(&h), 0);
}

#[tokio::test]
async fn an_expired_authorization_is_refused_without_verify() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let account = pending_account(&h, &env, "late@kitbench.test").await;
    let (auth, link) = start(&h, &env, &account).await;
    let location = consent(&link, "allow").await;
    // The app's record runs out (the Sandbox's own link would still verify).
    let pool = h.cx.ready().unwrap().store().pool().clone();
    sqlx::query("UPDATE authorizations SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = ?")
        .bind(auth["id"].as_str().unwrap())
        .execute(&pool)
        .await
        .unwrap();
    let outcome = deliver(&h, &location).await;
    assert_eq!(outcome["kind"], "rejected", "{outcome}");
    assert!(outcome["message"].as_str().unwrap().contains("expired"));
    assert_eq!(outcome["authorization"]["status"], "expired");
    assert_eq!(
        auth::verify_calls(&h),
        0,
        "an expired link reaches no verify"
    );
    assert_eq!(
        status(&h, &env, &account).await,
        ConnectorStatus::PendingVerification
    );
}

#[tokio::test]
async fn pending_authorizations_past_their_expiry_list_as_expired() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let a = pending_account(&h, &env, "one@kitbench.test").await;
    let b = pending_account(&h, &env, "two@kitbench.test").await;
    let (old, old_link) = start(&h, &env, &a).await;
    let (fresh, _) = start(&h, &env, &b).await;
    let pool = h.cx.ready().unwrap().store().pool().clone();
    sqlx::query("UPDATE authorizations SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = ?")
        .bind(old["id"].as_str().unwrap())
        .execute(&pool)
        .await
        .unwrap();
    let listed = h.call("list_authorizations", json!({"env_id": null})).await;
    assert_eq!(listed[0]["id"], fresh["id"], "pending first");
    assert_eq!(
        listed[0]["link"], fresh["link"],
        "the link is shown while pending"
    );
    assert_eq!(listed[1]["id"], old["id"]);
    assert_eq!(listed[1]["status"], "expired");
    assert_eq!(listed[1]["link"], json!(null));

    // Its link coming back after the sweep is refused as expired (not as "already used").
    let late = deliver(&h, &consent(&old_link, "allow").await).await;
    assert_eq!(late["kind"], "rejected", "{late}");
    assert!(
        late["message"].as_str().unwrap().contains("expired"),
        "{late}"
    );
    assert_eq!(auth::verify_calls(&h), 0);

    // Reopening an expired one makes a fresh link, pending again.
    let reopened = h
        .call("reopen_authorization", json!({"id": old["id"]}))
        .await;
    assert_eq!(reopened["status"], "pending");
    assert_ne!(reopened["link"], old["link"]);
    let opened = common::opened_urls(&h.dir);
    assert_eq!(opened.last().map(String::as_str), reopened["link"].as_str());
    let location = consent(reopened["link"].as_str().unwrap(), "allow").await;
    assert_eq!(deliver(&h, &location).await["kind"], "verified");
    assert_eq!(status(&h, &env, &a).await, ConnectorStatus::Active);
}

#[tokio::test]
async fn a_forged_state_or_a_malformed_link_reaches_no_verify() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let account = pending_account(&h, &env, "cleo@kitbench.test").await;
    let (_, link) = start(&h, &env, &account).await;
    let location = consent(&link, "allow").await;
    let real = url::Url::parse(&location).unwrap();
    let id = real
        .query_pairs()
        .find(|(k, _)| k == "auth_request_id")
        .unwrap()
        .1
        .into_owned();
    let forged = format!("kitbench://auth/verify?auth_request_id={id}&state=forged-state");
    let outcome = deliver(&h, &forged).await;
    assert_eq!(outcome["kind"], "rejected", "{outcome}");
    assert_eq!(outcome["authorization"], json!(null));
    for bad in [
        format!("kitbench://evil/verify?{}", real.query().unwrap()),
        format!("{location}&state=x"),
        "kitbench://auth/verify".to_string(),
    ] {
        assert_eq!(deliver(&h, &bad).await["kind"], "rejected", "{bad}");
    }
    assert_eq!(auth::verify_calls(&h), 0, "forged links reach no verify");
    // The real link still works afterwards.
    assert_eq!(deliver(&h, &location).await["kind"], "verified");
}

#[tokio::test]
async fn cancelled_or_deleted_environment_authorizations_reject_their_link() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let account = pending_account(&h, &env, "dan@kitbench.test").await;
    let (auth, link) = start(&h, &env, &account).await;
    let cancelled = h
        .call("cancel_authorization", json!({"id": auth["id"]}))
        .await;
    assert_eq!(cancelled["status"], "cancelled");
    let again = h
        .try_call("cancel_authorization", json!({"id": auth["id"]}))
        .await
        .unwrap_err();
    assert_eq!(again.kind, ErrorKind::Conflict);
    let location = consent(&link, "allow").await;
    assert_eq!(deliver(&h, &location).await["kind"], "rejected");

    // A second environment on the same Sandbox, deleted while its link is out.
    let kit = h.cx.ready().unwrap();
    let sandbox = h.call("bootstrap", json!({})).await["environments"][0].clone();
    let secret = kit.secrets().get(&env).await.unwrap().unwrap();
    let other = h
        .call(
            "create_environment",
            json!({"input": {"name": "Other", "env_url": sandbox["env_url"],
                "client_id": sandbox["client_id"], "client_secret": secret, "label": "dev"}}),
        )
        .await;
    let other_id = other["id"].as_str().unwrap();
    let account = pending_account(&h, other_id, "eve@kitbench.test").await;
    let (_, link) = start(&h, other_id, &account).await;
    let location = consent(&link, "allow").await;
    h.call("delete_environment", json!({"id": other_id})).await;
    assert_eq!(deliver(&h, &location).await["kind"], "rejected");
    assert_eq!(auth::verify_calls(&h), 0);
}

#[tokio::test]
async fn starting_for_an_unknown_account_fails_and_records_nothing() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let err = h
        .try_call(
            "start_authorization",
            json!({"env_id": env, "account_id": "ca_doesnotexist"}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound, "{err:?}");
    let listed = h.call("list_authorizations", json!({"env_id": env})).await;
    assert_eq!(listed, json!([]));
    assert!(common::opened_urls(&h.dir).is_empty(), "nothing was opened");
}

#[tokio::test]
async fn two_deliveries_of_one_link_at_once_verify_once() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let account = pending_account(&h, &env, "race@kitbench.test").await;
    let (_, link) = start(&h, &env, &account).await;
    let location = consent(&link, "allow").await;
    let before = auth::outcome_count(&h);
    // The desktop may hand the same URL over twice (single-instance and the launch argument).
    h.cx.deliver_link(&location);
    h.cx.deliver_link(&location);
    let first = auth::next_outcome(&h, before).await;
    let second = auth::next_outcome(&h, before + 1).await;
    let mut kinds = [first["kind"].clone(), second["kind"].clone()];
    kinds.sort_by_key(|k| k.to_string());
    assert_eq!(kinds, [json!("rejected"), json!("verified")]);
    assert_eq!(auth::verify_calls(&h), 1);
    assert_eq!(status(&h, &env, &account).await, ConnectorStatus::Active);
}
