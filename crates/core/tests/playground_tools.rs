//! The tool catalog and tool runs through `ipc::dispatch`, against the built-in Sandbox: pages
//! and filters, search, scoped tools, one tool; runs checked before sending (nothing reaches the
//! Sandbox's journal), sent once, cancelled in flight.

mod common;

use std::time::{Duration, Instant};

use common::accounts::{admin, journaled, sandbox_env};
use common::ipc::Harness;
use serde_json::{json, Value};

const EXECUTE: &str = "/api/v1/execute_tool";

fn names(page: &Value) -> Vec<String> {
    page["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_string())
        .collect()
}

fn run_input(run_id: Option<&str>, tool: &str, params: Value) -> Value {
    json!({
        "run_id": run_id,
        "tool_name": tool,
        "target": {"account_id": null, "identifier": "alice@example.com", "connection": "gmail"},
        "params": params,
    })
}

#[tokio::test]
async fn catalog_pages_filters_search_scoped_and_one_tool() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let no_filter = json!({"provider": null, "connection": null, "name": null});

    let first = h
        .call(
            "list_tools",
            json!({"env_id": env, "filter": no_filter, "page_token": null}),
        )
        .await;
    assert_eq!(names(&first).len(), 100);
    assert!(first["total_size"].as_u64().unwrap() > 100);
    let token = first["next_page_token"].as_str().unwrap();
    let second = h
        .call(
            "list_tools",
            json!({"env_id": env, "filter": no_filter, "page_token": token}),
        )
        .await;
    assert!(names(&second).iter().all(|n| !names(&first).contains(n)));

    let gmail = h
        .call(
            "list_tools",
            json!({"env_id": env, "filter": {"provider": "gmail", "connection": null, "name": "fetch_mails"}, "page_token": null}),
        )
        .await;
    assert_eq!(names(&gmail), ["gmail_fetch_mails"]);
    let tool = &gmail["tools"][0];
    assert_eq!(tool["input_schema"]["type"], "object");
    assert!(tool["output_schema"].is_object());
    assert!(tool["annotations"]["read_only_hint"].is_boolean(), "{tool}");

    let by_connection = h
        .call(
            "list_tools",
            json!({"env_id": env, "filter": {"provider": null, "connection": "slack", "name": null}, "page_token": null}),
        )
        .await;
    assert!(!names(&by_connection).is_empty());
    assert!(by_connection["tools"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["provider"] == "slack"));

    admin(&h).await.clear_journal();
    let short = h
        .try_call(
            "list_tools",
            json!({"env_id": env, "filter": {"provider": null, "connection": null, "name": "gm"}, "page_token": null}),
        )
        .await
        .unwrap_err();
    assert_eq!(short.fields[0].field, "name");
    assert_eq!(journaled(&admin(&h).await, "GET", "/api/v1/tools"), 0);

    let hits = h
        .call(
            "search_tools",
            json!({"env_id": env, "query": "send email", "identifier": "alice@example.com"}),
        )
        .await;
    let hits = hits.as_array().unwrap();
    assert_eq!(hits[0]["name"], "gmail_send_email", "{hits:?}");
    assert!(hits[0]["connections"][0]
        .as_str()
        .unwrap()
        .starts_with("gmail"));
    let blank = h
        .try_call(
            "search_tools",
            json!({"env_id": env, "query": "  ", "identifier": null}),
        )
        .await
        .unwrap_err();
    assert_eq!(blank.fields[0].field, "query");

    let scoped = h
        .call(
            "list_scoped_tools",
            json!({"env_id": env, "identifier": "alice@example.com", "connection": "slack", "page_token": null}),
        )
        .await;
    let rows = scoped["tools"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["tool"]["provider"] == "slack"
        && r["connected_account_id"]
            .as_str()
            .unwrap()
            .starts_with("ca_")));

    let one = h
        .call(
            "get_tool",
            json!({"env_id": env, "name": "gmail_send_email"}),
        )
        .await;
    assert_eq!(one["name"], "gmail_send_email");
    assert!(one["description"].as_str().unwrap().len() > 10);
    let missing = h
        .try_call("get_tool", json!({"env_id": env, "name": "gmail_nope"}))
        .await
        .unwrap_err();
    assert_eq!(missing.kind, kitbench_core::ErrorKind::NotFound);
}

#[tokio::test]
async fn runs_are_checked_first_then_sent_once() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let sandbox = admin(&h).await;

    let ok = h
        .call(
            "run_tool",
            json!({"env_id": env, "input": run_input(Some("run-ok-1"), "gmail_fetch_mails", json!({"max_results": 2}))}),
        )
        .await;
    assert_eq!(ok["outcome"], "ok", "{ok}");
    assert_eq!(ok["run_id"], "run-ok-1");
    assert_eq!(ok["status"], 200);
    assert!(ok["execution_id"].as_str().unwrap().len() > 4);
    assert!(ok["data"]["messages"].is_array(), "{ok}");
    assert_eq!(
        ok["size"].as_u64().unwrap() as usize,
        ok["data"].to_string().len()
    );
    assert!(ok["duration_ms"].as_f64().unwrap() > 0.0);
    // The run answers before its history is written; `history_for_run` answers once it is.
    let saved = h
        .call("history_for_run", json!({"run_id": "run-ok-1"}))
        .await;
    let saved = saved.as_array().unwrap();
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert_eq!(saved[0]["kind"], "tool");
    assert_eq!(saved[0]["tool_name"], "gmail_fetch_mails");
    assert_eq!(saved[0]["status"], 200);

    // By connected account id, with a generated run id.
    let accounts = h
        .call(
            "list_accounts",
            json!({"env_id": env, "filter": common::accounts::no_filter(), "page_token": null}),
        )
        .await;
    let alice_slack = accounts["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["identifier"] == "alice@example.com" && a["connection"] == "slack")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let by_id = h
        .call(
            "run_tool",
            json!({"env_id": env, "input": {"run_id": null, "tool_name": "slack_list_channels",
                "target": {"account_id": alice_slack, "identifier": null, "connection": null}, "params": {}}}),
        )
        .await;
    assert_eq!(by_id["outcome"], "ok", "{by_id}");
    assert!(by_id["run_id"].as_str().unwrap().starts_with("run_"));

    // Invalid input: one error per field, by JSON pointer, and no request.
    sandbox.clear_journal();
    let bad = h
        .try_call(
            "run_tool",
            json!({"env_id": env, "input": run_input(None, "gmail_fetch_mails",
                json!({"max_results": 0, "label_ids": "INBOX", "surprise": true}))}),
        )
        .await
        .unwrap_err();
    assert_eq!(bad.kind, kitbench_core::ErrorKind::Validation);
    let fields: Vec<&str> = bad.fields.iter().map(|f| f.field.as_str()).collect();
    assert!(
        fields.contains(&"/max_results") && fields.contains(&"/label_ids"),
        "{bad:?}"
    );
    assert_eq!(journaled(&sandbox, "POST", EXECUTE), 0);
    let missing_required = h
        .try_call(
            "run_tool",
            json!({"env_id": env, "input": run_input(None, "gmail_send_email", json!({}))}),
        )
        .await
        .unwrap_err();
    assert!(
        missing_required.fields.iter().any(|f| f.field == "/to"),
        "{missing_required:?}"
    );
    let no_target = h
        .try_call(
            "run_tool",
            json!({"env_id": env, "input": {"run_id": null, "tool_name": "gmail_fetch_mails",
                "target": {"account_id": null, "identifier": null, "connection": null}, "params": {}}}),
        )
        .await
        .unwrap_err();
    assert_eq!(no_target.fields[0].field, "target.identifier");
    assert_eq!(journaled(&sandbox, "POST", EXECUTE), 0);

    // A failure after sending is in the result, in plain words, with its detail.
    let expired = h
        .call(
            "run_tool",
            json!({"env_id": env, "input": {"run_id": null, "tool_name": "gmail_fetch_mails",
                "target": {"account_id": null, "identifier": "bob@example.com", "connection": "gmail"}, "params": {}}}),
        )
        .await;
    assert_eq!(expired["outcome"], "error", "{expired}");
    assert_eq!(expired["status"], 400);
    assert!(expired["error"]["detail"]["status"].is_number());
    assert!(
        expired["error_summary"]
            .as_str()
            .unwrap()
            .contains("not active"),
        "{expired}"
    );
    assert_eq!(journaled(&sandbox, "POST", EXECUTE), 1);
}

/// Sets the Sandbox panel's knobs through IPC.
async fn knobs(
    h: &Harness,
    latency_ms: u32,
    error_rate: f64,
    error_status: u16,
    rate_limit_rate: f64,
    rate_limit_next: u32,
) {
    h.call(
        "sandbox_set_knobs",
        json!({"knobs": {"latency_ms": latency_ms, "error_rate": error_rate, "error_status": error_status,
            "rate_limit_rate": rate_limit_rate, "rate_limit_next": rate_limit_next, "retry_after_secs": 0}}),
    )
    .await;
}

#[tokio::test]
async fn one_click_sends_one_execute_request_under_faults() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let sandbox = admin(&h).await;
    // Warm the schema cache, then count from zero.
    h.call(
        "run_tool",
        json!({"env_id": env, "input": run_input(None, "gmail_fetch_mails", json!({}))}),
    )
    .await;

    // 503 and 429 are the statuses a client retries: neither is for execute_tool.
    knobs(&h, 0, 1.0, 503, 0.0, 0).await;
    sandbox.clear_journal();
    let unavailable = h
        .call(
            "run_tool",
            json!({"env_id": env, "input": run_input(None, "gmail_fetch_mails", json!({}))}),
        )
        .await;
    assert_eq!(unavailable["error"]["kind"], "unavailable", "{unavailable}");
    assert!(unavailable["error_summary"]
        .as_str()
        .unwrap()
        .starts_with("Service unavailable"));
    assert_eq!(journaled(&sandbox, "POST", EXECUTE), 1);

    knobs(&h, 0, 0.0, 500, 0.0, 1).await;
    sandbox.clear_journal();
    let limited = h
        .call(
            "run_tool",
            json!({"env_id": env, "input": run_input(None, "gmail_fetch_mails", json!({}))}),
        )
        .await;
    assert_eq!(limited["error"]["kind"], "rate_limited", "{limited}");
    assert!(limited["error_summary"]
        .as_str()
        .unwrap()
        .starts_with("Rate limited"));
    assert_eq!(journaled(&sandbox, "POST", EXECUTE), 1);

    // The E2E mix (20% 500s, 10% 429s) with latency: every click is one request and ends.
    knobs(&h, 150, 0.2, 500, 0.1, 0).await;
    let mut outcomes = std::collections::BTreeMap::<String, u32>::new();
    for i in 0..12 {
        sandbox.clear_journal();
        let started = Instant::now();
        let r = h
            .call(
                "run_tool",
                json!({"env_id": env, "input": run_input(None, "gmail_fetch_mails", json!({"max_results": i + 1}))}),
            )
            .await;
        assert!(started.elapsed() < Duration::from_secs(10));
        let kind = r["error"]["kind"].as_str().unwrap_or("ok").to_string();
        *outcomes.entry(kind).or_default() += 1;
        assert_eq!(journaled(&sandbox, "POST", EXECUTE), 1, "run {i}: {r}");
    }
    println!("outcomes under faults: {outcomes:?}");
}

#[tokio::test]
async fn a_run_in_flight_can_be_cancelled() {
    let h = std::sync::Arc::new(Harness::new().await);
    let env = sandbox_env(&h).await;
    h.call(
        "run_tool",
        json!({"env_id": env, "input": run_input(None, "gmail_fetch_mails", json!({}))}),
    )
    .await;
    knobs(&h, 20_000, 0.0, 500, 0.0, 0).await;

    let runner = h.clone();
    let env2 = env.clone();
    let started = Instant::now();
    let run = tokio::spawn(async move {
        runner
            .call(
                "run_tool",
                json!({"env_id": env2, "input": run_input(Some("slow-1"), "gmail_fetch_mails", json!({}))}),
            )
            .await
    });
    // The run registers as it starts; until then there is nothing to cancel.
    loop {
        if h.call("cancel_run", json!({"run_id": "slow-1"})).await == json!(true) {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the run never started"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let r = tokio::time::timeout(Duration::from_secs(5), run)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(r["outcome"], "cancelled", "{r}");
    assert_eq!(r["error"]["kind"], "cancelled");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(
        h.call("cancel_run", json!({"run_id": "slow-1"})).await,
        json!(false)
    );
    knobs(&h, 0, 0.0, 500, 0.0, 0).await;
}
