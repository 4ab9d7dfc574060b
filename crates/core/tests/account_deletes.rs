//! Deleting accounts through `ipc::dispatch`: the production confirmation, bulk deletes with
//! progress and per-row results, and creates/deletes sent once under Sandbox faults.

mod common;

use common::accounts::{admin, create, input, journaled, sandbox_env};
use common::ipc::Harness;
use kitbench_core::ErrorKind;
use kitbench_sandbox::{FaultRule, Faults, RateLimit};
use serde_json::{json, Value};

const CREATE: &str = "/api/v1/connected_accounts";
const DELETE: &str = "/api/v1/connected_accounts:delete";

fn oauth(connection: &str, identifier: &str) -> Value {
    input(connection, identifier, json!({"kind": "oauth"}))
}

/// An environment labelled production on the built-in Sandbox's URL and credentials.
async fn production_env(h: &Harness, sandbox: &str) -> String {
    let kit = h.cx.kit().await.unwrap();
    let secret = kit.secrets().get(sandbox).await.unwrap().unwrap();
    let envs = h.call("list_environments", json!({})).await;
    let env = envs
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == sandbox)
        .unwrap();
    let form = json!({
        "name": "Prod",
        "env_url": env["env_url"],
        "client_id": env["client_id"],
        "client_secret": secret,
        "label": "production",
    });
    let created = h.call("create_environment", json!({"input": form})).await;
    created["id"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn production_deletes_need_the_identifier_typed() {
    let h = Harness::new().await;
    let sandbox = sandbox_env(&h).await;
    let prod = production_env(&h, &sandbox).await;
    let account = create(&h, &prod, oauth("github", "prod@example.com")).await;
    let id = account["id"].as_str().unwrap();

    for confirm in [Value::Null, json!("someone@example.com")] {
        let err = h
            .try_call(
                "delete_account",
                json!({"env_id": prod, "account_id": id, "confirm_identifier": confirm}),
            )
            .await
            .unwrap_err();
        assert_eq!(err.kind, ErrorKind::Validation, "{err:?}");
        assert_eq!(err.fields[0].field, "confirm_identifier");
    }
    h.call("get_account", json!({"env_id": prod, "account_id": id}))
        .await;

    let done = h
        .call(
            "delete_account",
            json!({"env_id": prod, "account_id": id, "confirm_identifier": "prod@example.com"}),
        )
        .await;
    assert_eq!(done, Value::Null);
    let gone = h
        .try_call("get_account", json!({"env_id": prod, "account_id": id}))
        .await
        .unwrap_err();
    assert_eq!(gone.kind, ErrorKind::NotFound);

    // Outside production no confirmation is asked for.
    let other = create(&h, &sandbox, oauth("github", "dev@example.com")).await;
    h.call(
        "delete_account",
        json!({"env_id": sandbox, "account_id": other["id"], "confirm_identifier": null}),
    )
    .await;
}

#[tokio::test]
async fn bulk_delete_reports_each_row_and_progress() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let mut ids = Vec::new();
    for who in ["b1@example.com", "b2@example.com", "b3@example.com"] {
        ids.push(create(&h, &env, oauth("slack", who)).await["id"].clone());
    }
    ids.insert(1, json!("ca_doesnotexist0000"));

    let results = h
        .call(
            "delete_accounts",
            json!({"env_id": env, "account_ids": ids}),
        )
        .await;
    let rows = results.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    for (row, id) in rows.iter().zip(&ids) {
        assert_eq!(&row["id"], id);
    }
    let oks: Vec<bool> = rows.iter().map(|r| r["ok"].as_bool().unwrap()).collect();
    assert_eq!(oks, [true, false, true, true]);
    assert_eq!(rows[1]["error"]["kind"], "not_found", "{:?}", rows[1]);
    assert!(rows[0]["error"].is_null());

    let progress: Vec<Value> = h
        .host
        .events
        .lock()
        .unwrap()
        .iter()
        .filter(|e| e.name == "bulk_delete_progress")
        .map(|e| e.payload.clone())
        .collect();
    let want: Vec<Value> = (1..=4)
        .map(|done| json!({"env_id": env, "done": done, "total": 4}))
        .collect();
    assert_eq!(progress, want);

    let filter =
        json!({"connection": "slack", "identifier": null, "provider": null, "query": "b2@ex"});
    let left = h
        .call(
            "list_accounts",
            json!({"env_id": env, "filter": filter, "page_token": null}),
        )
        .await;
    assert_eq!(left["total_size"], 0);
}

fn faults(rule: FaultRule) -> Faults {
    Faults {
        rules: vec![rule],
        ..Faults::default()
    }
}

#[tokio::test]
async fn creates_and_deletes_are_sent_once_under_faults() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let admin = admin(&h).await;
    let form = oauth("github", "faults@example.com");
    let create_call = json!({"env_id": env, "input": form});

    // One 429: a create is not repeated after Retry-After.
    let mut limited = FaultRule::for_route(format!("POST {CREATE}"));
    limited.rate_limit = Some(RateLimit {
        next: 1,
        ..RateLimit::default()
    });
    admin.set_faults(faults(limited));
    admin.clear_journal();
    let err = h
        .try_call("create_account", create_call.clone())
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::RateLimited, "{err:?}");
    assert_eq!(err.detail.as_ref().and_then(|d| d.status), Some(429));
    assert_eq!(journaled(&admin, "POST", CREATE), 1);

    // Every create answered 503: still one attempt, and a clear error.
    let mut down = FaultRule::for_route(format!("POST {CREATE}*"));
    down.error_rate = 1.0;
    down.error_status = 503;
    admin.set_faults(faults(down));
    admin.clear_journal();
    let err = h
        .try_call("create_account", create_call.clone())
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Unavailable, "{err:?}");
    assert_eq!(journaled(&admin, "POST", CREATE), 1);

    // Nothing was created by the refused attempts: with the faults off the create succeeds.
    admin.set_faults(Faults::default());
    let account = h.call("create_account", create_call).await;
    let id = account["id"].clone();

    let mut down = FaultRule::for_route(format!("POST {DELETE}"));
    down.error_rate = 1.0;
    down.error_status = 503;
    admin.set_faults(faults(down));
    admin.clear_journal();
    let results = h
        .call(
            "delete_accounts",
            json!({"env_id": env, "account_ids": [id]}),
        )
        .await;
    assert_eq!(results[0]["ok"], false);
    assert_eq!(results[0]["error"]["kind"], "unavailable");
    let err = h
        .try_call(
            "delete_account",
            json!({"env_id": env, "account_id": id, "confirm_identifier": null}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Unavailable, "{err:?}");
    assert_eq!(
        journaled(&admin, "POST", DELETE),
        2,
        "one attempt per delete"
    );

    admin.set_faults(Faults::default());
    h.call("get_account", json!({"env_id": env, "account_id": id}))
        .await;
}
