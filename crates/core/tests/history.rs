//! The request history against the built-in Sandbox, through `ipc::dispatch`: recording,
//! redaction (down to the database's bytes), search, detail, copy as cURL run with `curl`,
//! replay, export, retention, delete.

mod common;

use agentkit::wire::tools::ExecuteToolRequest;
use agentkit::{ProxyBody, ProxyRequest};
use common::accounts::sandbox_env;
use common::ipc::Harness;
use kitbench_core::run_tag;
use serde_json::{json, Value};

fn no_filter() -> Value {
    json!({})
}

/// Runs gmail_fetch_mails for alice inside `run`; answers the run's committed rows.
async fn run_tool(h: &Harness, env: &str, run: &str, query: &str) -> Vec<Value> {
    let kit = h.cx.kit().await.unwrap();
    let client = kit.client(env).await.unwrap();
    let req: ExecuteToolRequest = serde_json::from_value(json!({
        "tool_name": "gmail_fetch_mails",
        "identifier": "alice@example.com",
        "connector": "gmail",
        "params": {"query": query, "max_results": 3},
    }))
    .unwrap();
    run_tag::with_run(run.into(), client.execute_tool(&req))
        .await
        .unwrap();
    let rows = kit.history_for_run(run).await.unwrap();
    rows.iter()
        .map(|r| serde_json::to_value(r).unwrap())
        .collect()
}

/// A proxied GET for alice's gmail inside `run`; answers the entry's id.
async fn proxy_get(h: &Harness, env: &str, run: &str) -> i64 {
    let kit = h.cx.kit().await.unwrap();
    let client = kit.client(env).await.unwrap();
    let req = ProxyRequest {
        connection_name: "gmail".into(),
        identifier: "alice@example.com".into(),
        method: "GET".into(),
        path: "/gmail/v1/users/me/profile".into(),
        query: vec![("fields".into(), "emailAddress".into())],
        headers: vec![("x-trace".into(), "history-test".into())],
        body: ProxyBody::None,
    };
    let answer = run_tag::with_run(run.into(), client.proxy(&req))
        .await
        .unwrap();
    assert_eq!(answer.status, 200);
    let rows = kit.history_for_run(run).await.unwrap();
    rows.last().unwrap().id
}

async fn search(h: &Harness, filter: Value) -> Vec<Value> {
    let page = h
        .call(
            "history_list",
            json!({"filter": filter, "before": null, "limit": 50}),
        )
        .await;
    page["entries"].as_array().unwrap().clone()
}

#[tokio::test]
async fn records_classifies_redacts_and_searches() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let kit = h.cx.kit().await.unwrap();

    // Secrets to plant: the client secret, the access token (token answer and every
    // Authorization header), an account's OAuth token, an MCP instance URL.
    let secret = kit.secrets().get(&env).await.unwrap().unwrap();
    let client = kit.client(&env).await.unwrap();
    let token = client.access_token().await.unwrap();
    let account = h
        .call(
            "list_accounts",
            json!({"env_id": env, "filter": common::accounts::no_filter(), "page_token": null}),
        )
        .await;
    let alice_gmail = account["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["identifier"] == "alice@example.com" && a["connection"] == "gmail")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let auth = h
        .call(
            "get_account_auth",
            json!({"env_id": env, "account_id": alice_gmail}),
        )
        .await;
    let oauth_token = auth["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["secret"] == true)
        .map(|f| f["value"].as_str().unwrap().to_string())
        .expect("an account credential");
    let plain = agentkit::Client::new(
        &kit.bootstrap().await.unwrap().sandbox.unwrap().url,
        &kit.bootstrap().await.unwrap().environments[0].client_id,
        &secret,
    )
    .unwrap();
    let instances = plain.list_mcp_instances(&Default::default()).await.unwrap();
    let mcp_url = instances.instances[0].url.clone();
    client
        .list_mcp_instances(&Default::default())
        .await
        .unwrap();

    let rows = run_tool(&h, &env, "run-tool", "zebra quarterly").await;
    assert_eq!(rows.len(), 1);
    let tool = &rows[0];
    assert_eq!(tool["kind"], "tool");
    assert_eq!(tool["tool_name"], "gmail_fetch_mails");
    assert_eq!(tool["identifier"], "alice@example.com");
    assert_eq!(tool["connection"], "gmail");
    assert_eq!(tool["status_class"], "2xx");
    assert_eq!(tool["run_id"], "run-tool");
    let proxy_id = proxy_get(&h, &env, "run-proxy").await;
    kit.history().flush().await.unwrap();

    // Every kind is there: the token request, management, MCP, tool, proxy.
    let all = search(&h, no_filter()).await;
    let kinds: std::collections::BTreeSet<&str> =
        all.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    for k in ["token", "management", "mcp", "tool", "proxy"] {
        assert!(kinds.contains(k), "{k} missing from {kinds:?}");
    }
    // Newest first.
    let ids: Vec<i64> = all.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]));

    // Full-text search: by tool name, identifier, a word of the request body; punctuation
    // in the query is literal, never FTS5 syntax.
    for q in [
        "gmail_fetch_mails",
        "zebra",
        "alice@example.com",
        "zebra quarterly",
    ] {
        let found = search(&h, json!({"q": q})).await;
        assert!(
            found.iter().any(|e| e["tool_name"] == "gmail_fetch_mails"),
            "{q} found {found:?}"
        );
    }
    for q in [
        "\"zebra",
        "-zebra",
        "zebra*",
        "NEAR(zebra",
        "a:b",
        "\"\"",
        "- * \"",
    ] {
        h.call(
            "history_list",
            json!({"filter": {"q": q}, "before": null, "limit": 10}),
        )
        .await;
    }
    assert!(search(&h, json!({"q": "nosuchwordanywhere"}))
        .await
        .is_empty());
    let proxied = search(&h, json!({"q": "profile", "kind": "proxy"})).await;
    assert_eq!(proxied[0]["id"].as_i64(), Some(proxy_id));

    // Filters: kind, status, account, identifier + connection, env, time.
    let tools = search(&h, json!({"kind": "tool"})).await;
    assert!(tools.iter().all(|e| e["kind"] == "tool") && !tools.is_empty());
    let ok = search(&h, json!({"status": "2xx"})).await;
    assert_eq!(ok.len(), all.len());
    assert!(search(&h, json!({"status": "5xx"})).await.is_empty());
    let by_account = search(&h, json!({"account_id": alice_gmail})).await;
    assert!(!by_account.is_empty());
    let alice = search(
        &h,
        json!({"identifier": "alice@example.com", "connection": "gmail"}),
    )
    .await;
    assert!(alice.len() >= 2, "tool run and proxied call: {alice:?}");
    // The account's activity: by its id (account calls) or its identifier on its connection.
    let activity = search(
        &h,
        json!({"account": {"id": alice_gmail, "identifier": "alice@example.com", "connection": "gmail"}}),
    )
    .await;
    let activity_ids: Vec<&Value> = activity.iter().map(|e| &e["id"]).collect();
    for e in by_account.iter().chain(alice.iter()) {
        assert!(
            activity_ids.contains(&&e["id"]),
            "{e} missing from the activity"
        );
    }
    assert!(
        activity.iter().any(|e| e["kind"] == "tool")
            && activity.iter().any(|e| e["kind"] == "proxy")
    );
    assert!(activity
        .iter()
        .any(|e| e["account_id"] == alice_gmail.as_str()));
    assert!(search(&h, json!({"env_id": "nope"})).await.is_empty());
    assert_eq!(
        search(
            &h,
            json!({"since": "2000-01-01T00:00:00Z", "until": "2999-01-01T00:00:00Z"})
        )
        .await
        .len(),
        all.len()
    );
    assert!(search(&h, json!({"since": "2999-01-01T00:00:00Z"}))
        .await
        .is_empty());
    let bad = h
        .try_call(
            "history_list",
            json!({"filter": {"since": "yesterday"}, "before": null, "limit": null}),
        )
        .await
        .unwrap_err();
    assert!(bad.message.contains("RFC 3339"), "{bad:?}");

    // Paging: two at a time walks everything once.
    let mut seen = Vec::new();
    let mut before = Value::Null;
    loop {
        let page = h
            .call(
                "history_list",
                json!({"filter": {}, "before": before, "limit": 2}),
            )
            .await;
        seen.extend(
            page["entries"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["id"].as_i64().unwrap()),
        );
        before = page["next_before"].clone();
        if before.is_null() {
            break;
        }
    }
    assert_eq!(seen, ids);

    // Detail: headers redacted, bodies previewed and in full.
    let detail = h.call("history_get", json!({"id": tool["id"]})).await;
    let auth_header = detail["request_headers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == "authorization")
        .unwrap();
    assert_eq!(auth_header["value"], "Bearer ****");
    assert!(detail["request_body"]["text"]
        .as_str()
        .unwrap()
        .contains("zebra quarterly"));
    assert_eq!(detail["response_body"]["complete"], true);
    let full = h
        .call(
            "history_body",
            json!({"id": tool["id"], "part": "response"}),
        )
        .await;
    assert_eq!(
        full.as_str().unwrap(),
        detail["response_body"]["text"].as_str().unwrap()
    );
    assert!(full.as_str().unwrap().contains("execution_id"));
    let missing = h
        .try_call("history_get", json!({"id": 999_999}))
        .await
        .unwrap_err();
    assert_eq!(missing.kind, kitbench_core::ErrorKind::NotFound);

    // Nothing secret reached the database, its WAL, or the FTS index.
    kit.history().flush().await.unwrap();
    let bytes = common::database_bytes(&h.dir);
    let mcp_token = mcp_url.rsplit('/').next().unwrap().to_string();
    for (what, s) in [
        ("client secret", secret.as_str()),
        ("access token", token.as_str()),
        ("account token", oauth_token.as_str()),
        ("MCP instance URL", mcp_url.as_str()),
        ("MCP instance token", mcp_token.as_str()),
    ] {
        assert!(s.len() >= 8, "{what} is a real value");
        assert!(
            !common::contains(&bytes, s),
            "the {what} is in the database"
        );
    }
    // … while the index does hold ordinary words (so the check above looks at the right bytes).
    assert!(common::contains(&bytes, "zebra"));

    // Delete one, then clear.
    let n = h.call("history_delete", json!({"ids": [proxy_id]})).await;
    assert_eq!(n, 1);
    assert!(search(&h, json!({"q": "profile", "kind": "proxy"}))
        .await
        .is_empty());
    let cleared = h.call("history_clear", json!({"env_id": null})).await;
    assert!(cleared.as_u64().unwrap() >= 4);
    assert!(search(&h, no_filter()).await.is_empty());
    assert!(search(&h, json!({"q": "zebra"})).await.is_empty());
}

#[tokio::test]
async fn copy_as_curl_answers_the_same_body_and_sdk_code_names_the_call() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let id = proxy_get(&h, &env, "run-curl").await;
    let recorded = h
        .call("history_body", json!({"id": id, "part": "response"}))
        .await;

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
