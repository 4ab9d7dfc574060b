//! Helpers for the account tests: the Sandbox's environment, JSON forms, the Sandbox journal.

use kitbench_sandbox::Admin;
use serde_json::{json, Value};

use super::ipc::Harness;

/// The built-in Sandbox's environment id.
pub async fn sandbox_env(h: &Harness) -> String {
    let boot = h.call("bootstrap", json!({})).await;
    boot["active_env_id"].as_str().unwrap().to_string()
}

/// The running Sandbox's admin handle.
pub async fn admin(h: &Harness) -> Admin {
    h.cx.kit().await.unwrap().sandbox_admin().unwrap()
}

/// Calls to `method path` (query string ignored) in the Sandbox journal.
pub fn journaled(admin: &Admin, method: &str, path: &str) -> usize {
    admin
        .journal()
        .iter()
        .filter(|e| e.method == method && e.path.split('?').next() == Some(path))
        .count()
}

/// A create form.
pub fn input(connection: &str, identifier: &str, credentials: Value) -> Value {
    json!({
        "connection": connection,
        "identifier": identifier,
        "credentials": credentials,
        "api_config": null,
    })
}

/// Creates an account that must succeed; answers it.
pub async fn create(h: &Harness, env: &str, form: Value) -> Value {
    h.call("create_account", json!({"env_id": env, "input": form}))
        .await
}

/// An empty filter.
pub fn no_filter() -> Value {
    json!({"connection": null, "identifier": null, "provider": null, "query": null})
}

/// The ids of a page of accounts.
pub fn ids(page: &Value) -> Vec<String> {
    page["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect()
}
