//! The client's observer and the Sandbox's journal after a session that plants secrets
//! everywhere (client secret, access token, OAuth tokens, API keys, static-auth details, magic
//! links and their verification, MCP instance URLs, proxied credentials): none of them is
//! recorded, in any of its forms, by either side.

mod common;

use agentkit::redact::leaked;
use agentkit::wire::connected_accounts::{
    AccountInput, AuthorizationDetails, CreateConnectedAccountRequest, MagicLinkRequest, StaticAuth,
};
use agentkit::wire::mcp::{EnsureMcpInstanceRequest, ListMcpInstancesRequest};
use agentkit::{Exchange, ProxyBody, ProxyRequest};
use common::{oauth_input, start};
use serde_json::json;

/// One exchange as a history would store it.
fn recorded(e: &Exchange) -> String {
    let text = |b: &Option<Vec<u8>>| {
        String::from_utf8_lossy(b.as_deref().unwrap_or_default()).into_owned()
    };
    format!(
        "{} {} {:?} {:?}\n{:?}\n{}\n{:?}\n{}\n",
        e.method,
        e.url,
        e.status,
        e.error,
        e.request_headers,
        text(&e.request_body),
        e.response_headers,
        text(&e.response_body)
    )
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The last path segment of a credential URL: what must never be recorded.
fn last_segment(url: &str) -> String {
    url.rsplit('/').next().unwrap().to_string()
}

#[tokio::test]
async fn observer_and_journal_record_no_seeded_secret() {
    let env = start().await;
    let c = &env.client;
    let mut secrets = vec![env.sandbox.client_secret().to_string()];
    secrets.push(c.access_token().await.unwrap());

    let mut oauth = oauth_input("ya29.seeded-oauth-access-7731");
    if let Some(t) = oauth
        .authorization_details
        .as_mut()
        .and_then(|d| d.oauth_token.as_mut())
    {
        t.refresh_token = "1//seeded-refresh-9932".into();
    }
    secrets.extend([
        "ya29.seeded-oauth-access-7731".into(),
        "1//seeded-refresh-9932".into(),
    ]);
    let create =
        |connector: &str, identifier: &str, input: AccountInput| CreateConnectedAccountRequest {
            connector: Some(connector.into()),
            identifier: Some(identifier.into()),
            connected_account: Some(input),
            ..Default::default()
        };
    let gmail = c
        .create_connected_account(&create("gmail", "red@kitbench.test", oauth))
        .await
        .unwrap();
    let details = json!({"api_key": "sk_live_seeded_api_key_4417", "pat": "ATATT3xSeededPat0088"});
    let static_auth = AccountInput {
        authorization_details: Some(AuthorizationDetails {
            static_auth: Some(StaticAuth {
                details: details.as_object().unwrap().clone(),
            }),
            ..Default::default()
        }),
        api_config: None,
    };
    c.create_connected_account(&create("attention", "red@kitbench.test", static_auth))
        .await
        .unwrap();
    secrets.extend([
        "sk_live_seeded_api_key_4417".into(),
        "ATATT3xSeededPat0088".into(),
    ]);

    // Magic link → consent → redirect → verify.
    c.create_connected_account(&create(
        "notion",
        "link@kitbench.test",
        AccountInput::default(),
    ))
    .await
    .unwrap();
    let link = c
        .magic_link(&MagicLinkRequest {
            connector: Some("notion".into()),
            identifier: Some("link@kitbench.test".into()),
            state: Some("st_seeded_state_5521".into()),
            user_verify_url: Some("https://app.example.com/verify".into()),
            ..Default::default()
        })
        .await
        .unwrap()
        .link;
    secrets.push(last_segment(&link));
    assert_eq!(browser().get(&link).send().await.unwrap().status(), 200);
    let answer = browser()
        .post(&link)
        .form(&[("decision", "allow")])
        .send()
        .await
        .unwrap();
    let location = url::Url::parse(answer.headers()["location"].to_str().unwrap()).unwrap();
    let auth_request_id = location
        .query_pairs()
        .find(|(k, _)| k == "auth_request_id")
        .unwrap()
        .1
        .into_owned();
    c.verify_user(&auth_request_id, "link@kitbench.test")
        .await
        .unwrap();
    secrets.push(auth_request_id);

    // An MCP instance: its URL, its auth links, and a call to the URL itself.
    let mcp_config = json!({"name": "red", "connection_tool_mappings": [{"connection_name": "gmail", "tools": []}]});
    c.create_mcp_config(&serde_json::from_value(mcp_config).unwrap())
        .await
        .unwrap();
    let ensure = EnsureMcpInstanceRequest {
        config_name: "red".into(),
        user_identifier: "mcp@kitbench.test".into(),
        ..Default::default()
    };
    let instance = c.ensure_mcp_instance(&ensure).await.unwrap();
    secrets.push(last_segment(&instance.url));
    c.get_mcp_instance(&instance.id).await.unwrap();
    c.list_mcp_instances(&ListMcpInstancesRequest::default())
        .await
        .unwrap();
    for conn in c
        .get_mcp_instance_auth_state(&instance.id, true)
        .await
        .unwrap()
        .connections
    {
        secrets.push(last_segment(&conn.authentication_link));
    }
    let initialize = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-03-26", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}});
    let mcp = browser()
        .post(&instance.url)
        .header("accept", "application/json, text/event-stream")
        .json(&initialize)
        .send()
        .await
        .unwrap();
    assert!(mcp.status().is_success(), "{}", mcp.status());

    // A proxied call carrying caller credentials and the instance URL in its body.
    let proxied = ProxyRequest {
        connection_name: "gmail".into(),
        identifier: gmail.identifier.clone(),
        method: "POST".into(),
        path: "/gmail/v1/users/me/drafts".into(),
        query: vec![
            ("access_token".into(), "ghp_seededQueryToken6610".into()),
            ("fields".into(), "id".into()),
        ],
        headers: vec![("X-Api-Key".into(), "pk_seeded_proxy_key_3321".into())],
        body: ProxyBody::Json(
            json!({"note": format!("join via {}", instance.url), "webhook_secret": "whsec_seeded_9090x"}),
        ),
    };
    assert_eq!(c.proxy(&proxied).await.unwrap().status, 200);
    secrets.extend([
        "ghp_seededQueryToken6610".into(),
        "pk_seeded_proxy_key_3321".into(),
        "whsec_seeded_9090x".into(),
    ]);

    let observed: String = env.recorder.all().iter().map(recorded).collect();
    let journal = serde_json::to_string_pretty(&env.sandbox.admin().journal()).unwrap();
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    assert!(secrets.iter().all(|s| s.len() >= 8), "{secrets:?}");
    assert_eq!(
        leaked(&observed, secrets.iter().copied()),
        Vec::<&str>::new(),
        "{observed}"
    );
    assert_eq!(
        leaked(&journal, secrets.iter().copied()),
        Vec::<&str>::new(),
        "{journal}"
    );

    // Redacted, not blanked: routes, ids and ordinary fields are still there.
    for kept in [
        "client_secret=****",
        "/magic/****",
        "/mcp/v1/****",
        "fields=id",
        &instance.id,
        &gmail.id,
    ] {
        assert!(observed.contains(kept), "observer lost {kept}: {observed}");
    }
    for kept in [
        "client_secret=****",
        "/magic/****",
        "/mcp/v1/****",
        "auth_request_id=****",
        &instance.id,
    ] {
        assert!(journal.contains(kept), "journal lost {kept}: {journal}");
    }
}
