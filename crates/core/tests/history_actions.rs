//! What the history does with an entry, through `ipc::dispatch` against the built-in Sandbox:
//! copy as cURL (run with `curl`) and SDK code, replay with a diff, HAR and JSON Lines exports,
//! retention.

mod common;

use common::accounts::sandbox_env;
use common::history::{proxy_get, run_tool, search};
use common::ipc::Harness;
use serde_json::{json, Value};

#[tokio::test]
async fn copy_as_curl_answers_the_same_body_and_sdk_code_names_the_call() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let id = proxy_get(&h, &env, "run-curl").await;
    let recorded = h
        .call(
            "history_body_chunk",
            json!({"id": id, "part": "response", "offset": 0}),
        )
        .await;
    assert_eq!(recorded["next"], recorded["stored"], "one piece");
    let recorded = &recorded["text"];

    let curl = h
        .call("history_copy_as", json!({"id": id, "style": "curl"}))
        .await;
    let curl = curl.as_str().unwrap();
    assert!(curl.contains("$SCALEKIT_ACCESS_TOKEN"), "{curl}");
    assert!(!curl.contains("****"), "{curl}");
    let kit = h.cx.kit().await.unwrap();
    let token = kit
        .client(&env)
        .await
        .unwrap()
        .access_token()
        .await
        .unwrap();
    assert!(!curl.contains(&token));
    // tokio's Command: the Sandbox answers on this test's (single-threaded) runtime.
    let out = tokio::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{} -sS", curl.trim_end()))
        .env("SCALEKIT_ACCESS_TOKEN", &token)
        .output()
        .await
        .expect("curl runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        recorded.as_str().unwrap()
    );

    let py = h
        .call("history_copy_as", json!({"id": id, "style": "python"}))
        .await;
    let py = py.as_str().unwrap();
    assert!(
        py.contains("scalekit.actions.request(") && py.contains("connection_name=\"gmail\""),
        "{py}"
    );
    assert!(
        py.contains("query_params={\"fields\": \"emailAddress\"}"),
        "{py}"
    );
    let rows = run_tool(&h, &env, "run-copy", "hello").await;
    let tool = rows[0]["id"].clone();
    let py = h
        .call("history_copy_as", json!({"id": tool, "style": "python"}))
        .await;
    let py = py.as_str().unwrap();
    for part in [
        "scalekit.actions.execute_tool(",
        "tool_name=\"gmail_fetch_mails\"",
        "tool_input={\"max_results\": 3, \"query\": \"hello\"}",
        "identifier=\"alice@example.com\"",
        "connection_name=\"gmail\"",
    ] {
        assert!(py.contains(part), "{part} not in {py}");
    }
    let node = h
        .call("history_copy_as", json!({"id": tool, "style": "node"}))
        .await;
    let node = node.as_str().unwrap();
    for part in [
        "scalekit.actions.executeTool(",
        "\"toolName\": \"gmail_fetch_mails\"",
        "\"toolInput\"",
        "\"connector\": \"gmail\"",
    ] {
        assert!(node.contains(part), "{part} not in {node}");
    }
    // Management calls have no SDK form here: a clear message.
    let page = search(&h, json!({"kind": "management"})).await;
    if let Some(m) = page.first() {
        let err = h
            .try_call("history_copy_as", json!({"id": m["id"], "style": "node"}))
            .await
            .unwrap_err();
        assert!(err.message.contains("cURL"), "{err:?}");
    }
}

#[tokio::test]
async fn replay_of_deterministic_calls_shows_no_difference() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let id = proxy_get(&h, &env, "run-replay").await;
    let replay = h.call("history_replay", json!({"id": id})).await;
    assert_eq!(replay["changes"], json!([]), "{replay}");
    assert_ne!(
        replay["replayed"]["row"]["id"],
        replay["original"]["row"]["id"]
    );
    assert_eq!(replay["replayed"]["row"]["kind"], "proxy");
    assert_eq!(
        replay["replayed"]["row"]["path"],
        replay["original"]["row"]["path"]
    );
    assert!(replay["replayed"]["row"]["run_id"]
        .as_str()
        .unwrap()
        .starts_with("replay-"));

    let rows = run_tool(&h, &env, "run-replay-tool", "same input").await;
    let replay = h.call("history_replay", json!({"id": rows[0]["id"]})).await;
    assert_eq!(replay["changes"], json!([]), "{replay}");
    assert_eq!(replay["ignored"], json!(["/execution_id"]));
    // The replay itself is in the history.
    let found = search(&h, json!({"q": "same input"})).await;
    assert_eq!(found.len(), 2);
}

#[tokio::test]
async fn exports_parse_as_har_and_json_lines() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    run_tool(&h, &env, "run-export", "export me").await;
    proxy_get(&h, &env, "run-export-proxy").await;

    let path = h
        .call(
            "history_export",
            json!({"format": "har", "ids": null, "filter": {}}),
        )
        .await;
    let path = path.as_str().unwrap();
    assert!(path.ends_with(".har") && path.starts_with(h.host.downloads.to_str().unwrap()));
    let har: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    assert_eq!(har["log"]["version"], "1.2");
    assert!(
        har["log"]["creator"]["name"].is_string() && har["log"]["creator"]["version"].is_string()
    );
    let entries = har["log"]["entries"].as_array().unwrap();
    assert!(entries.len() >= 3);
    for e in entries {
        // HAR 1.2's required fields.
        assert!(
            chrono::DateTime::parse_from_rfc3339(e["startedDateTime"].as_str().unwrap()).is_ok()
        );
        assert!(e["time"].is_number());
        for k in ["method", "url", "httpVersion"] {
            assert!(e["request"][k].is_string(), "{k}");
        }
        for k in ["cookies", "headers", "queryString"] {
            assert!(e["request"][k].is_array(), "{k}");
        }
        assert!(e["request"]["headersSize"].is_number() && e["request"]["bodySize"].is_number());
        assert!(e["response"]["status"].is_number() && e["response"]["statusText"].is_string());
        assert!(e["response"]["content"]["size"].is_number());
        assert!(e["response"]["content"]["mimeType"].is_string());
        assert!(e["response"]["redirectURL"].is_string());
        assert!(e["cache"].is_object());
        for k in ["send", "wait", "receive"] {
            assert!(e["timings"][k].is_number(), "{k}");
        }
    }
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains("export me") && text.contains("Bearer ****"));

    // JSON Lines of a selection: exactly those entries.
    let tools = search(&h, json!({"kind": "tool"})).await;
    let ids: Vec<i64> = tools.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    let path = h
        .call(
            "history_export",
            json!({"format": "jsonl", "ids": ids, "filter": {}}),
        )
        .await;
    let text = std::fs::read_to_string(path.as_str().unwrap()).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), ids.len());
    assert_eq!(lines[0]["entry"]["tool_name"], "gmail_fetch_mails");
    assert!(lines[0]["response_body"]
        .as_str()
        .unwrap()
        .contains("execution_id"));
}

#[tokio::test]
async fn retention_keeps_the_newest_entries() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let defaults = h.call("history_retention", json!({})).await;
    assert_eq!(defaults["max_entries"], 100_000);
    for i in 0..4 {
        run_tool(&h, &env, &format!("run-ret-{i}"), &format!("word{i}")).await;
    }
    let before = search(&h, json!({})).await;
    assert!(before.len() >= 5);
    let set = h
        .call(
            "history_set_retention",
            json!({"retention": {"max_entries": 2, "max_age_days": 30, "max_total_mb": null}}),
        )
        .await;
    assert_eq!(set["max_entries"], 2);
    let after = search(&h, json!({})).await;
    assert_eq!(after.len(), 2);
    assert_eq!(after[0]["id"], before[0]["id"], "the newest are kept");
    // The index forgot the deleted ones.
    assert!(search(&h, json!({"q": "word0"})).await.is_empty());
    assert_eq!(search(&h, json!({"q": "word3"})).await.len(), 1);
    let again = h.call("history_retention", json!({})).await;
    assert_eq!(again, set);
    let bad = h
        .try_call(
            "history_set_retention",
            json!({"retention": {"max_entries": 0, "max_age_days": null, "max_total_mb": null}}),
        )
        .await
        .unwrap_err();
    assert_eq!(bad.fields[0].field, "max_entries");
}
