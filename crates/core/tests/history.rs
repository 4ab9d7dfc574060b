//! The request history against the built-in Sandbox, through `ipc::dispatch`: recording,
//! classification, redaction (down to the database's bytes), search, filters, paging, detail,
//! delete and clear.

mod common;

use common::accounts::sandbox_env;
use common::history::{no_filter, proxy_get, run_tool, search};
use common::ipc::Harness;
use serde_json::{json, Value};

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

    // Every kind the client makes is there: the token request, management (MCP instances
    // listed), tool, proxy. (`mcp`, calls to MCP servers, comes from the inspector.)
    let all = search(&h, no_filter()).await;
    let kinds: std::collections::BTreeSet<&str> =
        all.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    for k in ["token", "management", "tool", "proxy"] {
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
    let runs = search(&h, json!({"tool_name": "gmail_fetch_mails"})).await;
    assert!(!runs.is_empty() && runs.iter().all(|e| e["tool_name"] == "gmail_fetch_mails"));
    assert!(search(&h, json!({"tool_name": "gmail_fetch"}))
        .await
        .is_empty());
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
    // Search text within the activity: both indexes, only the account's matches.
    let searched = search(
        &h,
        json!({"q": "profile", "account": {"id": alice_gmail, "identifier": "alice@example.com", "connection": "gmail"}}),
    )
    .await;
    assert_eq!(searched.len(), 1, "{searched:?}");
    assert_eq!(searched[0]["id"].as_i64(), Some(proxy_id));
    let elsewhere = search(&h, json!({"q": "profile", "identifier": "bob@example.com"})).await;
    assert!(elsewhere.is_empty(), "{elsewhere:?}");
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
    // A small body is one piece (tests/ipc_history_body.rs reads large ones).
    let full = h
        .call(
            "history_body_chunk",
            json!({"id": tool["id"], "part": "response", "offset": 0}),
        )
        .await;
    assert_eq!(full["next"], full["stored"]);
    assert_eq!(
        full["text"].as_str().unwrap(),
        detail["response_body"]["text"].as_str().unwrap()
    );
    assert!(full["text"].as_str().unwrap().contains("execution_id"));
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
