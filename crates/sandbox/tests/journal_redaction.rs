//! The journal after raw HTTP traffic that plants secrets at every depth: the client secret in
//! the token form, the access token, static-auth details, a magic link with its consent page,
//! redirect and verification, an MCP instance URL and a call to it. None of them is journaled.

mod common;

use agentkit_wire::redact::leaked;
use common::{http, Api};
use serde_json::json;

fn last_segment(url: &str) -> String {
    url.rsplit('/').next().unwrap().to_string()
}

#[tokio::test]
async fn the_journal_holds_no_planted_secret() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let mut secrets = vec![sb.client_secret().to_string(), api.token.clone()];

    let details = json!({"api_key": "sk_live_journal_key_5150", "region": "eu-1"});
    let created = api
        .post(
            "/api/v1/connected_accounts",
            json!({"connector": "brave", "identifier": "jo@example.com",
                   "connected_account": {"authorization_details": {"static_auth": {"details": details}}}}),
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let account_id = created.body["connected_account"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    secrets.push("sk_live_journal_key_5150".into());

    let magic = api
        .post(
            "/api/v1/connected_accounts/magic_link",
            json!({"connector": "github", "identifier": "jo@example.com",
                   "state": "st_journal_state_77", "user_verify_url": "kitbench://verify"}),
        )
        .await;
    let link = magic.body["link"].as_str().unwrap().to_string();
    secrets.push(last_segment(&link));
    assert_eq!(http().get(&link).send().await.unwrap().status(), 200);
    let decided = http()
        .post(&link)
        .form(&[("decision", "allow")])
        .send()
        .await
        .unwrap();
    let location = url::Url::parse(decided.headers()["location"].to_str().unwrap()).unwrap();
    let (_, auth_request_id) = location
        .query_pairs()
        .find(|(k, _)| k == "auth_request_id")
        .unwrap();
    let verify = json!({"auth_request_id": auth_request_id, "identifier": "jo@example.com"});
    assert_eq!(
        api.post("/api/v1/connected_accounts/user/verify", verify)
            .await
            .status,
        200
    );
    secrets.push(auth_request_id.into_owned());

    let config = json!({"name": "jo-bot", "connection_tool_mappings": [
        {"connection_name": "gmail", "tools": ["gmail_fetch_mails"]}]});
    assert_eq!(api.post("/api/v1/mcp/configs", config).await.status, 200);
    let ensure = json!({"config_name": "jo-bot", "user_identifier": "jo@example.com"});
    let instance = api.post("/api/v1/mcp/instances", ensure).await;
    assert_eq!(instance.status, 200, "{}", instance.body);
    let mcp_url = instance.body["instance"]["url"]
        .as_str()
        .unwrap()
        .to_string();
    secrets.push(last_segment(&mcp_url));
    let initialize = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-03-26", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}});
    let call = http()
        .post(&mcp_url)
        .header("accept", "application/json, text/event-stream")
        .json(&initialize)
        .send()
        .await
        .unwrap();
    assert!(call.status().is_success(), "{}", call.status());

    let journal = serde_json::to_string(&sb.admin().journal()).unwrap();
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    assert_eq!(
        leaked(&journal, secrets.iter().copied()),
        Vec::<&str>::new(),
        "{journal}"
    );
    for kept in [
        "client_secret=****",
        "Bearer ****",
        "/magic/****",
        "kitbench://verify?auth_request_id=****&state=****",
        "/mcp/v1/****",
        "\\\"region\\\":\\\"****\\\"",
        account_id.as_str(),
    ] {
        assert!(journal.contains(kept), "journal lost {kept}: {journal}");
    }
}
