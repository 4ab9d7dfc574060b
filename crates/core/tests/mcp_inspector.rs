//! The MCP inspector through `ipc::dispatch`: an instance of the built-in Sandbox over
//! streamable HTTP (tools, annotations, a call, `isError`, a cancelled call, the message log),
//! and the failures that must come back quickly and clearly (deleted instance, nothing
//! listening, a bad URL, the wrong transport). The HTTP+SSE transport: `mcp_sse.rs`.

mod common;

use std::time::{Duration, Instant};

use common::accounts::admin;
use common::auth::sandbox_env;
use common::ipc::Harness;
use kitbench_core::ErrorKind;
use kitbench_sandbox::{FaultRule, Faults};
use serde_json::{json, Value};

/// The seeded user whose gmail and slack accounts are active.
const ALICE: &str = "alice@example.com";

async fn alice_instance(h: &Harness, env: &str) -> (String, String) {
    let page = h
        .call(
            "list_mcp_instances",
            json!({"env_id": env, "filter": {"user_identifier": ALICE}, "page_token": null}),
        )
        .await;
    let id = page["instances"][0]["id"].as_str().unwrap().to_string();
    let url = h
        .call(
            "reveal_mcp_instance_url",
            json!({"env_id": env, "instance_id": id}),
        )
        .await;
    (id, url.as_str().unwrap().to_string())
}

fn connect_instance(env: &str, id: &str) -> Value {
    json!({"input": {"env_id": env, "instance_id": id, "url": null, "headers": [], "transport": "streamable_http"}})
}

fn connect_url(url: &str, transport: &str) -> Value {
    json!({"input": {"env_id": null, "instance_id": null, "url": url,
        "headers": [{"name": "X-Trace", "value": "inspector-test"}], "transport": transport}})
}

fn call(session: &str, run_id: &str, tool: &str, args: Value) -> Value {
    json!({"input": {"session_id": session, "run_id": run_id, "tool_name": tool, "arguments": args}})
}

#[tokio::test]
async fn inspects_an_instance_over_streamable_http() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let (id, url) = alice_instance(&h, &env).await;
    let token = url.rsplit('/').next().unwrap().to_string();

    let s = h
        .call("inspector_connect", connect_instance(&env, &id))
        .await;
    assert!(
        s["target"].as_str().unwrap().ends_with("/mcp/v1/****"),
        "{s}"
    );
    assert!(!s.to_string().contains(&token));
    assert!(!s["server_name"].as_str().unwrap().is_empty());
    assert!(!s["protocol_version"].as_str().unwrap().is_empty());
    assert!(s["capabilities"]["tools"].is_object(), "{s}");
    let mut names: Vec<&str> = s["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    names.sort();
    // Exactly the tools the instance's config maps.
    let inst = h
        .call(
            "get_mcp_instance",
            json!({"env_id": env, "instance_id": id}),
        )
        .await;
    let config = h
        .call(
            "get_mcp_config",
            json!({"env_id": env, "config_id": inst["config_id"]}),
        )
        .await;
    let mut mapped: Vec<&str> = config["mappings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| {
            m["tools"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap())
        })
        .collect();
    mapped.sort();
    assert!(mapped.contains(&"gmail_fetch_mails") && mapped.contains(&"slack_list_channels"));
    assert_eq!(names, mapped);
    let fetch = s["tools"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "gmail_fetch_mails")
        .unwrap();
    assert_eq!(fetch["annotations"]["readOnlyHint"], true);
    assert_eq!(fetch["input_schema"]["type"], "object");
    let session = s["session_id"].as_str().unwrap().to_string();

    let ok = h
        .call(
            "inspector_call_tool",
            call(
                &session,
                "ins-1",
                "gmail_fetch_mails",
                json!({"max_results": 2, "query": "in:inbox"}),
            ),
        )
        .await;
    assert_eq!(ok["run_id"], "ins-1");
    assert_eq!(ok["is_error"], false, "{ok}");
    assert!(ok["error"].is_null());
    assert_eq!(
        ok["structured_content"]["messages"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert!(!ok["content"].as_array().unwrap().is_empty());
    let failed = h
        .call(
            "inspector_call_tool",
            call(&session, "ins-2", "gmail_send_email", json!({})),
        )
        .await;
    assert_eq!(
        failed["is_error"], true,
        "a tool's own failure is a result: {failed}"
    );
    assert!(failed["error"].is_null());

    // Both calls are in the history as `mcp` entries, answered once committed; the instance
    // URL's credential is masked there.
    let recorded = h
        .call(
            "history_list",
            json!({"filter": {"kind": "mcp"}, "before": null, "limit": 10}),
        )
        .await;
    let entries = recorded["entries"].as_array().unwrap();
    let runs: Vec<&str> = entries
        .iter()
        .map(|e| e["run_id"].as_str().unwrap())
        .collect();
    assert!(
        runs.contains(&"ins-1") && runs.contains(&"ins-2"),
        "{recorded}"
    );
    assert!(entries
        .iter()
        .any(|e| e["tool_name"] == "gmail_fetch_mails"));
    assert!(
        !recorded.to_string().contains(&token),
        "the URL's token is masked"
    );

    // Cancel a call the server is slow to answer.
    let admin = admin(&h).await;
    let mut slow = FaultRule::for_route("/mcp/v1/*".to_string());
    slow.latency_ms = 10_000;
    admin.set_faults(Faults {
        rules: vec![slow],
        ..Faults::default()
    });
    let cx = h.cx.clone();
    let started = Instant::now();
    let running = tokio::spawn(async move {
        kitbench_core::ipc::dispatch(
            &cx,
            "inspector_call_tool",
            call(&session, "ins-slow", "slack_list_channels", json!({})),
        )
        .await
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        h.call("cancel_run", json!({"run_id": "ins-slow"})).await,
        true
    );
    let cancelled = running.await.unwrap().unwrap();
    assert_eq!(cancelled["error"]["kind"], "cancelled", "{cancelled}");
    assert!(started.elapsed() < Duration::from_secs(5));
    let session = s["session_id"].as_str().unwrap();
    // The server is told: rmcp sends `notifications/cancelled` for the dropped request.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let log = h
            .call(
                "inspector_messages",
                json!({"session_id": session, "after_seq": null}),
            )
            .await;
        let told = log
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["method"] == "notifications/cancelled" && m["direction"] == "sent");
        if told {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no notifications/cancelled was sent"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    admin.set_faults(Faults::default());

    // Every message, captured at the transport, in order.
    let log = h
        .call(
            "inspector_messages",
            json!({"session_id": session, "after_seq": null}),
        )
        .await;
    let log = log.as_array().unwrap();
    let methods: Vec<&str> = log.iter().filter_map(|m| m["method"].as_str()).collect();
    for expected in [
        "initialize",
        "notifications/initialized",
        "tools/list",
        "tools/call",
    ] {
        assert!(methods.contains(&expected), "{methods:?}");
    }
    assert!(log.iter().any(
        |m| m["direction"] == "received" && m["json"].as_str().unwrap().contains("\"result\"")
    ));
    assert!(log
        .windows(2)
        .all(|w| w[0]["seq"].as_u64() < w[1]["seq"].as_u64()));
    assert!(!Value::Array(log.clone()).to_string().contains(&token));
    let last = log.last().unwrap()["seq"].as_u64().unwrap();
    let newer = h
        .call(
            "inspector_messages",
            json!({"session_id": session, "after_seq": last}),
        )
        .await;
    assert!(newer.as_array().unwrap().is_empty());

    assert_eq!(
        h.call("inspector_disconnect", json!({"session_id": session}))
            .await,
        true
    );
    assert_eq!(
        h.call("inspector_disconnect", json!({"session_id": session}))
            .await,
        false
    );
    let err = h
        .try_call(
            "inspector_messages",
            json!({"session_id": session, "after_seq": null}),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
}

#[tokio::test]
async fn dead_urls_fail_fast_and_clearly() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    h.call(
        "create_mcp_config",
        json!({"env_id": env, "input": {"name": "short-lived", "description": "",
        "mappings": [{"connection_name": "gmail", "tools": ["gmail_fetch_mails"]}]}}),
    )
    .await;
    let inst = h
        .call("ensure_mcp_instance", json!({"env_id": env, "config_name": "short-lived", "user_identifier": "gone@example.com", "name": null}))
        .await;
    let id = inst["id"].as_str().unwrap();
    let url = h
        .call(
            "reveal_mcp_instance_url",
            json!({"env_id": env, "instance_id": id}),
        )
        .await;
    let url = url.as_str().unwrap().to_string();
    let token = url.rsplit('/').next().unwrap().to_string();
    h.call("inspector_connect", connect_url(&url, "streamable_http"))
        .await;
    h.call(
        "delete_mcp_instance",
        json!({"env_id": env, "instance_id": id, "confirm_identifier": null}),
    )
    .await;

    let started = Instant::now();
    let err = h
        .try_call("inspector_connect", connect_url(&url, "streamable_http"))
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound, "{err:?}");
    eprintln!("deleted instance: {}", err.message);
    assert!(err.message.contains("deleted"), "{}", err.message);
    assert!(
        err.message.contains("/mcp/v1/****") && !err.message.contains(&token),
        "{}",
        err.message
    );
    assert!(started.elapsed() < Duration::from_secs(3));

    let started = Instant::now();
    let err = h
        .try_call(
            "inspector_connect",
            connect_url("http://127.0.0.1:9/mcp", "streamable_http"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Network, "{err:?}");
    eprintln!("nothing listening: {}", err.message);
    assert!(started.elapsed() < Duration::from_secs(6));
    let err = h
        .try_call(
            "inspector_connect",
            connect_url("http://127.0.0.1:9/sse", "sse"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Network, "{err:?}");

    let err = h
        .try_call(
            "inspector_connect",
            connect_url("ftp://x", "streamable_http"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.fields[0].field, "url");
    let mut bad_header = connect_url(&url, "streamable_http");
    bad_header["input"]["headers"] = json!([{"name": "bad header", "value": "x"}]);
    let err = h
        .try_call("inspector_connect", bad_header)
        .await
        .unwrap_err();
    assert_eq!(err.fields[0].field, "headers[0]");

    // A streamable-HTTP server is not an HTTP+SSE one: said so, not a hang.
    let started = Instant::now();
    let (_, alice_url) = alice_instance(&h, &env).await;
    let err = h
        .try_call("inspector_connect", connect_url(&alice_url, "sse"))
        .await
        .unwrap_err();
    eprintln!("wrong transport: {:?} {}", err.kind, err.message);
    assert!(started.elapsed() < Duration::from_secs(16), "{err:?}");
}
