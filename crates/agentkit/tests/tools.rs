//! Tools: list (filters, summary), scoped, available, search, execute, and TOOL_ERROR mapping.

mod common;

use agentkit::wire::tools::{
    ExecuteToolRequest, ListAvailableToolsRequest, ListScopedToolsRequest, ListToolsRequest,
    ScopedToolFilter, SearchToolsRequest, Tool, ToolFilter,
};
use agentkit::wire::{Code, JsonObject, ToolReadinessState};
use agentkit::{Client, Error, ErrorKind};
use common::{builder, create_account, start, token_requests};

async fn gmail_tool(client: &Client) -> Tool {
    let page = client
        .list_tools(&ListToolsRequest {
            filter: Some(ToolFilter {
                provider: Some("gmail".into()),
                ..Default::default()
            }),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(!page.tools.is_empty(), "the catalog has gmail tools");
    assert!(page
        .tools
        .iter()
        .all(|t| t.provider.eq_ignore_ascii_case("gmail")));
    page.tools
        .into_iter()
        .find(|t| !required_inputs(t).is_empty())
        .expect("a gmail tool with required inputs")
}

fn required_inputs(tool: &Tool) -> Vec<serde_json::Value> {
    tool.input_schema()
        .and_then(|s| s.get("required"))
        .and_then(|r| r.as_array())
        .cloned()
        .unwrap_or_default()
}

/// Arguments that satisfy the tool's input schema.
fn valid_params(tool: &Tool) -> JsonObject {
    let schema = tool.input_schema().cloned().unwrap_or_default();
    let value = kitbench_sandbox::generate_output(tool.name(), &schema, &JsonObject::new(), false);
    value.as_object().cloned().unwrap_or_default()
}

fn execute(tool: &Tool, account_id: &str) -> ExecuteToolRequest {
    ExecuteToolRequest {
        tool_name: tool.name().to_string(),
        connected_account_id: Some(account_id.to_string()),
        params: Some(valid_params(tool)),
        ..Default::default()
    }
}

#[tokio::test]
async fn listing_tools_with_filters_and_summary() {
    let env = start().await;
    let all = env
        .client
        .list_tools(&ListToolsRequest::default())
        .await
        .unwrap();
    assert!(all.tools.len() > 1);
    let tool = gmail_tool(&env.client).await;
    assert!(!tool.name().is_empty());
    assert!(tool.input_schema().is_some());

    let summary = env
        .client
        .list_tools(&ListToolsRequest {
            filter: Some(ToolFilter {
                summary: Some(true),
                tool_name: vec![tool.name().to_string()],
                ..Default::default()
            }),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(summary.tool_names, vec![tool.name().to_string()]);
    assert!(summary.tools.is_empty());
}

#[tokio::test]
async fn scoped_available_and_search_follow_the_identifiers_accounts() {
    let env = start().await;
    let c = &env.client;
    let account = create_account(c, "gmail", "tools@example.com", true).await;
    let tool = gmail_tool(c).await;

    let scoped = c
        .list_scoped_tools(&ListScopedToolsRequest {
            identifier: "tools@example.com".into(),
            filter: Some(ScopedToolFilter {
                connection_names: vec!["gmail".into()],
                ..Default::default()
            }),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(!scoped.tools.is_empty());
    assert!(scoped
        .tools
        .iter()
        .all(|t| t.connected_account_id == account.id));

    let available = c
        .list_available_tools(&ListAvailableToolsRequest {
            identifier: "tools@example.com".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(available.tools.iter().any(|t| t.name() == tool.name()));

    let found = c
        .search_tools(&SearchToolsRequest {
            query: tool.name().replace('_', " "),
            identifier: Some("tools@example.com".into()),
            top_k: Some(5),
        })
        .await
        .unwrap();
    assert!(!found.tools.is_empty() && found.tools.len() <= 5);
    let hit = found.tools.iter().find(|t| t.name == tool.name()).unwrap();
    assert!(hit
        .connections
        .iter()
        .any(|r| r.readiness_state == ToolReadinessState::Ready));
}

#[tokio::test]
async fn execute_runs_a_tool_for_an_active_account() {
    let env = start().await;
    let account = create_account(&env.client, "gmail", "run@example.com", true).await;
    let tool = gmail_tool(&env.client).await;
    let answer = env
        .client
        .execute_tool(&execute(&tool, &account.id))
        .await
        .unwrap();
    assert!(!answer.execution_id.is_empty());

    let by_name = ExecuteToolRequest {
        connected_account_id: None,
        identifier: Some("run@example.com".into()),
        connector: Some("gmail".into()),
        ..execute(&tool, &account.id)
    };
    let again = env.client.execute_tool(&by_name).await.unwrap();
    assert_eq!(
        again.data, answer.data,
        "the Sandbox answers deterministically"
    );
}

#[tokio::test]
async fn execute_rejects_bad_input_inactive_accounts_and_unknown_tools() {
    let env = start().await;
    let c = &env.client;
    let active = create_account(c, "gmail", "ok@example.com", true).await;
    let pending = create_account(c, "gmail", "pending@example.com", false).await;
    let tool = gmail_tool(c).await;

    let err = c
        .execute_tool(&execute(&tool, &pending.id))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation, "{err:?}");

    let mut unknown = execute(&tool, &active.id);
    unknown.tool_name = "gmail_no_such_tool".into();
    let err = c.execute_tool(&unknown).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err:?}");

    let mut missing = execute(&tool, &active.id);
    missing.params = Some(JsonObject::new());
    let err = c.execute_tool(&missing).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation, "{err:?}");
    let violations = err.status().unwrap().details[0]
        .validation_error_info
        .clone()
        .unwrap()
        .field_violations;
    let first_required = required_inputs(&tool)[0].as_str().unwrap().to_string();
    assert!(
        violations
            .iter()
            .any(|v| v.field.contains(&first_required) || v.description.contains(&first_required)),
        "{violations:?}"
    );
}

#[tokio::test]
async fn tool_errors_map_by_upstream_status_and_are_never_retried_or_refreshed() {
    let env = start().await;
    let account = create_account(&env.client, "gmail", "fail@example.com", true).await;
    let tool = gmail_tool(&env.client).await;
    let cases = [
        ("429", Code::ResourceExhausted, 429),
        ("401", Code::Unauthenticated, 401),
        ("403", Code::PermissionDenied, 403),
        ("500", Code::Internal, 500),
    ];
    for (upstream, expected_code, expected_http) in cases {
        let client = builder(&env.sandbox)
            .header("X-Sandbox-Tool-Error", upstream)
            .build()
            .unwrap();
        let before = token_requests(&env.sandbox);
        let err = client
            .execute_tool(&execute(&tool, &account.id))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Tool, "{err:?}");
        match &err {
            Error::Tool {
                http_status,
                code,
                execution_id,
                tool_error_code,
                ..
            } => {
                assert_eq!(*http_status, expected_http);
                assert_eq!(*code, expected_code);
                assert!(!execution_id.is_empty());
                assert_eq!(tool_error_code, upstream);
            }
            other => panic!("expected a tool error, got {other:?}"),
        }
        assert_eq!(err.error_code(), Some("TOOL_ERROR"));
        assert_eq!(
            token_requests(&env.sandbox),
            before + 1,
            "one token for the new client, no refresh after a tool 401"
        );
    }
    let executions = env
        .sandbox
        .admin()
        .journal()
        .iter()
        .filter(|e| e.path == "/api/v1/execute_tool")
        .count();
    assert_eq!(executions, cases.len(), "one attempt per call");
}
