//! Helpers for the history tests: a tool run and a proxied call inside a run, and a search.
#![allow(dead_code)]

use agentkit::wire::tools::ExecuteToolRequest;
use agentkit::{ProxyBody, ProxyRequest};
use kitbench_core::run_tag;
use serde_json::{json, Value};

use super::ipc::Harness;

/// No filter at all.
pub fn no_filter() -> Value {
    json!({})
}

/// Runs gmail_fetch_mails for alice inside `run`; answers the run's committed rows.
pub async fn run_tool(h: &Harness, env: &str, run: &str, query: &str) -> Vec<Value> {
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
pub async fn proxy_get(h: &Harness, env: &str, run: &str) -> i64 {
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

pub async fn search(h: &Harness, filter: Value) -> Vec<Value> {
    let page = h
        .call(
            "history_list",
            json!({"filter": filter, "before": null, "limit": 50}),
        )
        .await;
    page["entries"].as_array().unwrap().clone()
}
