use crate::common::{self, Api};
use serde_json::{json, Value};

fn names(v: &Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            t.as_str()
                .map(str::to_string)
                .unwrap_or_else(|| t["definition"]["name"].as_str().unwrap().to_string())
        })
        .collect()
}

/// An execute_tool body without params.
fn call(tool: &str, identifier: &str, connector: &str) -> Value {
    json!({"tool_name": tool, "identifier": identifier, "connector": connector})
}

async fn account_id(api: &Api, connector: &str, identifier: &str) -> String {
    let r = api
        .get(&format!(
            "/api/v1/connected_accounts/auth?connector={connector}&identifier={identifier}"
        ))
        .await;
    r.body["connected_account"]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn list_tools_filters() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let all = api.get("/api/v1/tools").await;
    assert_eq!(all.body["total_size"], 5);
    let tool = &all.body["tools"][0];
    assert!(tool["id"].as_str().unwrap().starts_with("tool_"));
    assert_eq!(tool["is_default"], true);
    for key in [
        "name",
        "description",
        "input_schema",
        "output_schema",
        "annotations",
    ] {
        assert!(tool["definition"].get(key).is_some(), "definition.{key}");
    }
    let gmail = api.get("/api/v1/tools?filter.provider=gmail").await;
    assert_eq!(
        names(&gmail.body, "tools"),
        vec!["gmail_fetch_mails", "gmail_send_email"]
    );
    let summary = api
        .get("/api/v1/tools?filter.summary=true&filter.query=send")
        .await;
    assert_eq!(
        names(&summary.body, "tool_names"),
        vec!["gmail_send_email", "slack_send_message"]
    );
    assert!(summary.body["tools"].as_array().unwrap().is_empty());
    let picked = api
        .get(concat!(
            "/api/v1/tools?filter.tool_name=github_issue_create",
            "&filter.toolName=slack_list_channels"
        ))
        .await;
    assert_eq!(
        names(&picked.body, "tool_names"),
        vec!["github_issue_create", "slack_list_channels"]
    );
    let short = api.get("/api/v1/tools?filter.query=se").await;
    assert_eq!(short.violated_fields(), vec!["filter.query"]);
    let id = account_id(&api, "slack", "alice@example.com").await;
    let by_account = api
        .get(&format!("/api/v1/tools?filter.connected_account_id={id}"))
        .await;
    assert_eq!(by_account.body["total_size"], 2);
    let by_identifier = api
        .get("/api/v1/tools?filter.identifier=carol@example.com")
        .await;
    assert_eq!(
        names(&by_identifier.body, "tool_names"),
        vec!["github_issue_create"]
    );
    let paged = api.get("/api/v1/tools?page_size=2").await;
    assert_eq!(paged.body["tools"].as_array().unwrap().len(), 2);
    assert!(!paged.body["next_page_token"].as_str().unwrap().is_empty());
}

#[tokio::test]
async fn scoped_and_available_tools() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let scoped = api
        .get("/api/v1/tools/scoped?identifier=alice@example.com&filter.providers=gmail")
        .await;
    assert_eq!(scoped.status, 200, "{}", scoped.body);
    let tools = scoped.body["tools"].as_array().unwrap();
    assert_eq!(tools.len(), 2);
    let gmail_id = account_id(&api, "gmail", "alice@example.com").await;
    assert!(tools
        .iter()
        .all(|t| t["connected_account_id"] == gmail_id.as_str()));
    assert_eq!(tools[0]["identifier"], "alice@example.com");
    assert_eq!(tools[0]["tool"]["provider"], "gmail");
    // github is PENDING_AUTH for alice: only gmail and slack tools are scoped.
    let all = api
        .get(concat!(
            "/api/v1/tools/scoped?identifier=alice@example.com&filter.connection_names=gmail",
            "&filter.connection_names=slack&filter.connection_names=github"
        ))
        .await;
    assert_eq!(all.body["total_size"], 4);
    let no_filter = api
        .get("/api/v1/tools/scoped?identifier=alice@example.com")
        .await;
    assert_eq!(no_filter.violated_fields(), vec!["filter"]);
    let no_identifier = api.get("/api/v1/tools/available").await;
    assert_eq!(no_identifier.violated_fields(), vec!["identifier"]);
    let available = api
        .get("/api/v1/tools/available?identifier=bob@example.com")
        .await;
    assert_eq!(available.body["total_size"], 4);
}

#[tokio::test]
async fn search_tools_scores_and_readiness() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let search = |q: Value| api.post("/api/v1/tools:search", q);
    let alice = search(json!({"query": "send email", "identifier": "alice@example.com"})).await;
    let first = &alice.body["tools"][0];
    assert_eq!(first["name"], "gmail_send_email");
    assert_eq!(first["score"], 1.0);
    assert_eq!(
        first["connections"][0]["readiness_state"],
        "TOOL_READINESS_STATE_READY"
    );
    let bob =
        search(json!({"query": "fetch mails", "identifier": "bob@example.com", "top_k": 1})).await;
    assert_eq!(bob.body["tools"].as_array().unwrap().len(), 1);
    assert_eq!(
        bob.body["tools"][0]["connections"][0]["readiness_state"],
        "TOOL_READINESS_STATE_NEEDS_REAUTH"
    );
    let carol = search(json!({"query": "email", "identifier": "carol@example.com"})).await;
    let c = &carol.body["tools"][0]["connections"][0];
    assert_eq!(
        (
            c["readiness_state"].as_str(),
            c["connected_account_id"].as_str()
        ),
        (Some("TOOL_READINESS_STATE_NEEDS_CONNECTION"), Some(""))
    );
    let empty = search(json!({"query": ""})).await;
    assert_eq!(empty.violated_fields(), vec!["query"]);
}

#[tokio::test]
async fn execute_tool_happy_path_is_deterministic() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let params = json!({"to": "zoe@example.com", "subject": "Hello", "body": "Hi Zoe"});
    let by_name = api
        .post(
            "/api/v1/execute_tool",
            json!({"tool_name": "gmail_send_email", "identifier": "alice@example.com",
                                             "connector": "gmail", "params": params}),
        )
        .await;
    assert_eq!(by_name.status, 200, "{}", by_name.body);
    assert!(by_name.body["execution_id"]
        .as_str()
        .unwrap()
        .starts_with("exec_"));
    let data = &by_name.body["data"];
    assert_eq!(
        (data["to"].as_str(), data["subject"].as_str()),
        (Some("zoe@example.com"), Some("Hello"))
    );
    assert!(data["id"].is_string() && data["thread_id"].is_string());
    let id = account_id(&api, "gmail", "alice@example.com").await;
    let by_id = api
        .post(
            "/api/v1/execute_tool",
            json!({"tool_name": "gmail_send_email", "connected_account_id": id, "params": params}),
        )
        .await;
    assert_eq!(by_id.body["data"], by_name.body["data"]);
    assert_ne!(by_id.body["execution_id"], by_name.body["execution_id"]);
    let fetched = api
        .post(
            "/api/v1/execute_tool",
            json!({"tool_name": "gmail_fetch_mails", "connected_account_id": id,
                                             "params": {"query": "is:unread", "max_results": 4}}),
        )
        .await;
    assert_eq!(fetched.body["data"]["query"], "is:unread");
    assert_eq!(
        fetched.body["data"]["messages"].as_array().unwrap().len(),
        4
    );
    let account = api.get(&format!("/api/v1/connected_accounts/{id}")).await;
    assert!(account.body["connected_account"]["last_used_at"].is_string());
}

#[tokio::test]
async fn execute_tool_refusals() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let exec = |body: Value| api.post("/api/v1/execute_tool", body);
    let mut bad_params = call("gmail_send_email", "alice@example.com", "gmail");
    bad_params["params"] = json!({"subject": "", "cc": ["not-an-email"]});
    let invalid = exec(bad_params).await;
    assert_eq!(
        (invalid.status, invalid.error_code()),
        (400, "INVALID_ARGUMENT")
    );
    let fields = invalid.violated_fields();
    for f in ["to", "body", "subject", "cc.0"] {
        assert!(fields.contains(&f.to_string()), "{f} in {fields:?}");
    }
    let nested = exec(
        json!({"tool_name": "gmail_fetch_mails", "identifier": "alice@example.com",
                             "connector": "gmail", "params": {"options": {"limit": 0}}}),
    )
    .await;
    assert_eq!(nested.violated_fields(), vec!["options.limit"]);
    let slack_id = {
        let r = api
            .get("/api/v1/connected_accounts/auth?connector=slack&identifier=alice@example.com")
            .await;
        r.body["connected_account"]["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let mismatch = exec(
        json!({"tool_name": "gmail_send_email", "connected_account_id": slack_id,
                               "params": {"to": "a@b.co", "subject": "s", "body": "b"}}),
    )
    .await;
    assert_eq!(
        (mismatch.status, mismatch.error_code()),
        (400, "FAILED_PRECONDITION")
    );
    let inactive = exec(call("gmail_fetch_mails", "bob@example.com", "gmail")).await;
    assert_eq!(
        (inactive.status, inactive.error_code()),
        (400, "FAILED_PRECONDITION")
    );
    assert!(inactive.body["message"]
        .as_str()
        .unwrap()
        .contains("account is not active"));
    let unknown_tool = exec(call("gmail_teleport", "alice@example.com", "gmail")).await;
    assert_eq!(unknown_tool.status, 404);
    let unknown_account = exec(call("gmail_fetch_mails", "nobody@example.com", "gmail")).await;
    assert_eq!(unknown_account.status, 404);
    let no_tool = exec(json!({"identifier": "alice@example.com"})).await;
    assert_eq!(no_tool.violated_fields(), vec!["tool_name"]);
}

#[tokio::test]
async fn simulated_upstream_failures_are_tool_errors() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    for (header, status, code) in [
        ("429", 429, 8),
        ("401", 401, 16),
        ("403", 403, 7),
        ("500", 500, 13),
    ] {
        let r = api
            .http
            .post(format!("{}/api/v1/execute_tool", sb.url()))
            .bearer_auth(&api.token)
            .header("X-Sandbox-Tool-Error", header)
            .json(&call("slack_list_channels", "alice@example.com", "slack"))
            .send()
            .await
            .unwrap();
        let r = common::reply(r).await;
        assert_eq!(
            (r.status, r.body["code"].as_i64()),
            (status, Some(code)),
            "{header}"
        );
        assert_eq!(r.error_code(), "TOOL_ERROR");
        let info = &r.body["details"][0]["tool_error_info"];
        assert!(info["execution_id"].as_str().unwrap().starts_with("exec_"));
        assert_eq!(info["tool_error_code"], header);
        assert!(info["tool_error_message"]
            .as_str()
            .unwrap()
            .contains(header));
    }
    let bad = api
        .http
        .post(format!("{}/api/v1/execute_tool", sb.url()))
        .bearer_auth(&api.token)
        .header("X-Sandbox-Tool-Error", "418")
        .json(&call("slack_list_channels", "alice@example.com", "slack"))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
}
