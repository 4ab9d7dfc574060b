//! The IPC surface as the UI reaches it: every declared command through `ipc::dispatch` with
//! the JSON arguments the generated TypeScript sends, over a host that records events.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use common::ipc::Harness;
use kitbench_core::ErrorKind;
use serde_json::{json, Value};

fn form(name: &str, url: &str, secret: &str) -> Value {
    json!({"name": name, "env_url": url, "client_id": "skc_ipc", "client_secret": secret, "label": "staging"})
}

#[tokio::test]
async fn every_declared_command_answers_through_dispatch() {
    let h = Harness::new().await;
    let boot = h.call("bootstrap", json!({})).await;
    let sandbox_id = boot["active_env_id"].as_str().unwrap().to_string();
    h.call("perf_mark", json!({"name": "first_ipc"})).await;

    // Environments: create, validate, update, duplicate, switch, test, delete, import, export.
    let created = h
        .call(
            "create_environment",
            json!({"input": form("Acme", "https://acme.example.com", "s3cret-1")}),
        )
        .await;
    let id = created["id"].as_str().unwrap().to_string();
    let problems = h
        .call(
            "validate_environment_input",
            json!({"input": form("Acme", "ftp://x", ""), "existing_id": null}),
        )
        .await;
    let fields: BTreeSet<&str> = problems
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        BTreeSet::from(["name", "env_url", "client_secret"]),
        "{problems}"
    );
    let ok = h
        .call(
            "validate_environment_input",
            json!({"input": form("Acme", "https://acme.example.com", ""), "existing_id": id}),
        )
        .await;
    assert_eq!(
        ok,
        json!([]),
        "editing keeps the stored secret and its own name"
    );
    let updated = h
        .call(
            "update_environment",
            json!({"id": id, "input": form("Acme 2", "https://acme.example.com", "")}),
        )
        .await;
    assert_eq!(updated["name"], "Acme 2");
    let copy = h.call("duplicate_environment", json!({"id": id})).await;
    assert_ne!(copy["id"], created["id"]);
    let listed = h.call("list_environments", json!({})).await;
    assert_eq!(
        listed.as_array().unwrap().len(),
        3,
        "Sandbox, Acme 2 and its copy"
    );
    h.call("set_active_environment", json!({"id": sandbox_id}))
        .await;
    let test = h.call("test_environment", json!({"id": sandbox_id})).await;
    assert_eq!(test["ok"], true, "{test}");
    let typed = h
        .call(
            "test_environment_input",
            json!({"input": form("X", "http://127.0.0.1:9", "x"), "existing_id": null}),
        )
        .await;
    assert_eq!(typed["ok"], false, "nothing listens on port 9: {typed}");
    h.call("delete_environment", json!({"id": copy["id"]}))
        .await;
    let dotenv = "SCALEKIT_ENV_URL=https://imported.example.com\nSCALEKIT_CLIENT_ID=skc_1\nSCALEKIT_CLIENT_SECRET=imported-secret\n";
    let imported = h
        .call(
            "import_dotenv",
            json!({"text": dotenv, "name": null, "label": "dev"}),
        )
        .await;
    assert_eq!(imported["name"], "imported.example.com");
    let path = h.call("export_environments", json!({})).await;
    let path = PathBuf::from(path.as_str().unwrap());
    assert!(path.starts_with(&h.host.downloads), "{path:?}");
    let exported = std::fs::read_to_string(&path).unwrap();
    assert!(exported.contains("imported.example.com"));
    assert!(!exported.contains("imported-secret") && !exported.contains("s3cret-1"));

    // Overview, settings, secrets.
    let overview = h.call("overview", json!({"env_id": sandbox_id})).await;
    assert!(overview["connections"].as_u64().unwrap() > 0);
    let accounts = overview["connected_accounts"].as_u64().unwrap();
    h.call(
        "overview_breakdown",
        json!({"env_id": sandbox_id, "refresh": false}),
    )
    .await;
    let last = h
        .wait_for_event("overview_progress", |p| p["breakdown"]["done"] == true)
        .await;
    assert_eq!(last["env_id"], sandbox_id.as_str());
    let cached = h
        .call(
            "overview_breakdown",
            json!({"env_id": sandbox_id, "refresh": false}),
        )
        .await;
    assert_eq!(cached["done"], true);
    let by_status: u64 = cached["by_status"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["count"].as_u64().unwrap())
        .sum();
    assert_eq!(
        (cached["total"].as_u64(), by_status),
        (Some(accounts), accounts)
    );
    h.call("set_last_section", json!({"section": "/environments"}))
        .await;
    let boot = h.call("bootstrap", json!({})).await;
    assert_eq!(boot["last_section"], "/environments");
    let secrets = h.call("use_session_secrets", json!({})).await;
    assert!(secrets["mode"].is_string());

    // The Sandbox panel.
    let knobs = json!({"latency_ms": 5, "error_rate": 0.0, "error_status": 503,
        "rate_limit_rate": 0.0, "rate_limit_next": 2, "retry_after_secs": 1});
    let status = h.call("sandbox_set_knobs", json!({"knobs": knobs})).await;
    assert_eq!(status["knobs"]["error_status"], 503);
    assert_eq!(status["knobs"]["rate_limit_next"], 2);
    let status = h.call("sandbox_status", json!({})).await;
    assert_eq!(status["knobs"]["latency_ms"], 5);
    let seeded = h.call("sandbox_seed_accounts", json!({"count": 500})).await;
    assert_eq!(seeded["accounts"].as_u64(), Some(accounts + 500));
    let reset = h.call("sandbox_reset", json!({})).await;
    assert_eq!(reset["accounts"].as_u64(), Some(accounts));
    assert!(reset["info"]["url"].is_string());
    // The secret the SDK `.env` block copies is the one the Sandbox accepts.
    let secret = h.call("sandbox_client_secret", json!({})).await;
    let envs = h.call("list_environments", json!({})).await;
    let sandbox_env = envs
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == sandbox_id)
        .unwrap();
    let sdk_client = agentkit::Client::new(
        reset["info"]["url"].as_str().unwrap(),
        sandbox_env["client_id"].as_str().unwrap(),
        secret.as_str().unwrap(),
    )
    .unwrap();
    sdk_client
        .access_token()
        .await
        .expect("the copied secret gets a token");
    assert_eq!(h.call("take_link_outcomes", json!({})).await, json!([]));
    let env = h
        .call(
            "set_callback_mode",
            json!({"env_id": sandbox_id, "mode": "loopback"}),
        )
        .await;
    assert_eq!(env["callback_mode"], "loopback");
    let listed = h.call("list_environments", json!({})).await;
    assert_eq!(listed[0]["callback_mode"], "loopback", "the mode is stored");
    let err = h
        .try_call(
            "set_callback_mode",
            json!({"env_id": sandbox_id, "mode": "carrier_pigeon"}),
        )
        .await
        .unwrap_err();
    assert!(err.message.contains("carrier_pigeon"), "{}", err.message);
}

#[tokio::test]
async fn a_misspelled_or_missing_argument_is_refused_not_read_as_absent() {
    let h = Harness::new().await;
    let form = form("Typo", "http://127.0.0.1:9", "x");
    let err = h
        .try_call(
            "test_environment_input",
            json!({"input": form, "existingId": "abc"}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Internal);
    assert!(err.message.contains("existingId"), "{}", err.message);
    let err = h
        .try_call("update_environment", json!({"input": form}))
        .await
        .unwrap_err();
    assert!(
        err.message.contains("missing field `id`"),
        "{}",
        err.message
    );
    let err = h.try_call("no_such_command", json!({})).await.unwrap_err();
    assert!(err.message.contains("no_such_command"), "{}", err.message);
}

#[tokio::test]
async fn command_errors_keep_their_kind_and_fields() {
    let h = Harness::new().await;
    let err = h
        .try_call(
            "create_environment",
            json!({"input": form("", "https://user:pw@acme.example.com", "x")}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Validation);
    let fields: Vec<&str> = err.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["name", "env_url"]);
    let err = h
        .try_call("delete_environment", json!({"id": "nope"}))
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
}

#[tokio::test]
async fn link_outcomes_wait_for_the_ui_then_arrive_as_events() {
    let h = Harness::new().await;
    // A link that matches nothing: handled in core at once, its outcome kept for the UI.
    h.cx.deliver_link("kitbench://auth/verify?auth_request_id=abc&state=a");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while h.cx.links().waiting() == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the outcome never arrived"
        );
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert!(
        h.host.events.lock().unwrap().is_empty(),
        "the UI has not asked yet"
    );
    let waiting = h.call("take_link_outcomes", json!({})).await;
    assert_eq!(waiting.as_array().unwrap().len(), 1, "{waiting}");
    assert_eq!(waiting[0]["kind"], "rejected");
    assert_eq!(waiting[0]["authorization"], json!(null));
    assert!(
        !waiting.to_string().contains("abc"),
        "the raw link never reaches the UI"
    );

    h.cx.deliver_link("https://example.com/not-ours");
    let event = h
        .wait_for_event("link_outcome", |o| {
            o["message"].as_str().unwrap_or("").contains("kitbench://")
        })
        .await;
    assert_eq!(event["kind"], "rejected");
    assert_eq!(h.call("take_link_outcomes", json!({})).await, json!([]));
}
