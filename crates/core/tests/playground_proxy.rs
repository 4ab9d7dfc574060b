//! Proxied calls and presets through `ipc::dispatch`, against the built-in Sandbox (whose
//! proxy echoes the request it would have sent upstream).

mod common;

use common::accounts::{admin, journaled, sandbox_env};
use common::ipc::Harness;
use serde_json::{json, Value};

fn kv(name: &str, value: &str) -> Value {
    json!({"name": name, "value": value})
}

fn proxy(method: &str, path: &str, body: Value) -> Value {
    json!({
        "run_id": null,
        "connection": "gmail",
        "identifier": "alice@example.com",
        "method": method,
        "path": path,
        "query": [kv("q", "is:unread"), kv("q", "x y"), kv("", "skipped")],
        "headers": [kv("X-Trace", "t-1"), kv("Accept", "application/json")],
        "body": body,
    })
}

fn echoed(answer: &Value) -> Value {
    serde_json::from_str(answer["body_text"].as_str().unwrap()).unwrap()
}

#[tokio::test]
async fn proxied_calls_echo_and_bad_ones_are_refused() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let sandbox = admin(&h).await;

    let get = h
        .call("proxy_request", json!({"env_id": env, "input": proxy("get", "/gmail/v1/users/me/profile", json!({"kind": "none"}))}))
        .await;
    assert_eq!(get["outcome"], "ok", "{get}");
    assert_eq!(get["status"], 200);
    assert!(get["content_type"]
        .as_str()
        .unwrap()
        .starts_with("application/json"));
    assert!(get["headers"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["name"] == "content-type"));
    assert!(get["run_id"].as_str().unwrap().starts_with("run_"));
    let echo = echoed(&get);
    assert_eq!(echo["method"], "GET");
    assert_eq!(echo["path"], "/gmail/v1/users/me/profile");
    assert_eq!(echo["query"]["q"], json!(["is:unread", "x y"]));
    assert_eq!(echo["headers"]["x-trace"], "t-1");
    assert_eq!(
        get["size"].as_u64().unwrap() as usize,
        get["body_text"].as_str().unwrap().len()
    );
    assert_eq!(get["truncated"], false);

    let json_body = h
        .call("proxy_request", json!({"env_id": env, "input": proxy("POST", "/v1/send", json!({"kind": "json", "text": "{\"to\": \"bob\"}"}))}))
        .await;
    assert_eq!(echoed(&json_body)["body"], json!({"to": "bob"}));
    let form = h
        .call(
            "proxy_request",
            json!({"env_id": env, "input": proxy("PUT", "/v1/form", json!({"kind": "form", "fields": [kv("a", "1"), kv("b", "two words")]}))}),
        )
        .await;
    assert_eq!(echoed(&form)["body"], json!({"a": "1", "b": "two words"}));
    let raw = h
        .call(
            "proxy_request",
            json!({"env_id": env, "input": proxy("POST", "/v1/raw", json!({"kind": "raw", "content_type": "text/plain", "text": "hello"}))}),
        )
        .await;
    assert_eq!(echoed(&raw)["body"], "hello");
    assert_eq!(echoed(&raw)["headers"]["content-type"], "text/plain");

    // The provider's own status is an answer, not an error.
    let mut teapot = proxy("GET", "/v1/anything", json!({"kind": "none"}));
    teapot["headers"] = json!([kv("X-Sandbox-Upstream-Status", "418")]);
    let teapot = h
        .call("proxy_request", json!({"env_id": env, "input": teapot}))
        .await;
    assert_eq!(teapot["outcome"], "ok");
    assert_eq!(teapot["status"], 418);

    sandbox.clear_journal();
    let mut bad = proxy("FETCH", "/a?b=1", json!({"kind": "json", "text": "{"}));
    bad["connection"] = json!(" ");
    let refused = h
        .try_call("proxy_request", json!({"env_id": env, "input": bad}))
        .await
        .unwrap_err();
    let fields: Vec<&str> = refused.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["connection", "method", "path", "body"]);
    assert!(sandbox
        .journal()
        .iter()
        .all(|e| !e.path.starts_with("/proxy")));
    assert_eq!(journaled(&sandbox, "GET", "/proxy/a"), 0);
}

#[tokio::test]
async fn presets_save_upsert_list_and_delete_with_secrets_masked() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let tool = "gmail_fetch_mails";
    let save = |name: &str, params: Value| json!({"env_id": env, "input": {"tool_name": tool, "name": name, "params": params}});

    h.call("save_preset", save("Unread", json!({"query": "is:unread"})))
        .await;
    h.call("save_preset", save("Two", json!({"max_results": 2})))
        .await;
    let replaced = h
        .call(
            "save_preset",
            save("Unread", json!({"query": "is:unread newer_than:1d"})),
        )
        .await;
    assert_eq!(replaced["params"]["query"], "is:unread newer_than:1d");
    let list = h
        .call("list_presets", json!({"env_id": env, "tool_name": tool}))
        .await;
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Two", "Unread"]);
    assert_eq!(list[1]["params"]["query"], "is:unread newer_than:1d");
    let other_tool = h
        .call(
            "list_presets",
            json!({"env_id": env, "tool_name": "gmail_send_email"}),
        )
        .await;
    assert_eq!(other_tool, json!([]));

    let secret = "sk_live_presetSecret123456";
    let masked = h
        .call(
            "save_preset",
            save("Keyed", json!({"api_key": secret, "query": "x"})),
        )
        .await;
    assert_ne!(masked["params"]["api_key"], secret);
    assert!(!common::contains(&common::database_bytes(&h.dir), secret));

    let blank = h
        .try_call("save_preset", save(" ", json!({})))
        .await
        .unwrap_err();
    assert_eq!(blank.fields[0].field, "name");
    let not_object = h
        .try_call("save_preset", save("x", json!([1])))
        .await
        .unwrap_err();
    assert_eq!(not_object.fields[0].field, "params");

    h.call(
        "delete_preset",
        json!({"env_id": env, "tool_name": tool, "name": "Two"}),
    )
    .await;
    let gone = h
        .try_call(
            "delete_preset",
            json!({"env_id": env, "tool_name": tool, "name": "Two"}),
        )
        .await
        .unwrap_err();
    assert_eq!(gone.kind, kitbench_core::ErrorKind::NotFound);
    let left = h
        .call("list_presets", json!({"env_id": env, "tool_name": tool}))
        .await;
    assert_eq!(left.as_array().unwrap().len(), 2);
}
