use crate::common::{self, Api, Reply};
use reqwest::Method;
use serde_json::json;

async fn proxy(
    api: &Api,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<(&str, &str)>,
) -> Reply {
    let mut req = api
        .http
        .request(method, format!("{}{path}", api.base))
        .bearer_auth(&api.token);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    if let Some((content_type, text)) = body {
        req = req
            .header("content-type", content_type)
            .body(text.to_string());
    }
    common::reply(req.send().await.unwrap()).await
}

const ALICE_GMAIL: [(&str, &str); 2] = [
    ("connection_name", "gmail"),
    ("identifier", "alice@example.com"),
];

#[tokio::test]
async fn proxy_echoes_without_leaking_credentials() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let mut headers = ALICE_GMAIL.to_vec();
    headers.push(("x-custom", "1"));
    let r = proxy(
        &api,
        Method::GET,
        "/proxy/gmail/v1/users/me/messages?q=a&q=b&x=1",
        &headers,
        None,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let b = &r.body;
    assert_eq!(b["method"], "GET");
    assert_eq!(b["path"], "/gmail/v1/users/me/messages");
    assert_eq!(b["query"], json!({"q": ["a", "b"], "x": ["1"]}));
    assert_eq!(b["headers"]["x-custom"], "1");
    assert!(b["headers"].get("authorization").is_none());
    assert_eq!(
        (
            b["connection_name"].as_str(),
            b["identifier"].as_str(),
            b["provider"].as_str()
        ),
        (Some("gmail"), Some("alice@example.com"), Some("gmail"))
    );
    assert_eq!(
        b["credential"],
        json!({"type": "oauth_token", "injected_as": "Authorization: Bearer ****"})
    );
    assert!(b["body"].is_null());
    let account = api
        .get("/api/v1/connected_accounts/auth?connector=gmail&identifier=alice@example.com")
        .await;
    let secret = account.body["connected_account"]["authorization_details"]["oauth_token"]
        ["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let text = r.body.to_string();
    assert!(!text.contains(&secret) && !text.contains(&api.token));

    let posted = proxy(
        &api,
        Method::POST,
        "/proxy/api/thing",
        &[
            ("Connection_name", "gmail"),
            ("identifier", "alice@example.com"),
        ],
        Some(("application/json", r#"{"a":[1,2]}"#)),
    )
    .await;
    assert_eq!(posted.body["body"], json!({"a": [1, 2]}));
    let form = proxy(
        &api,
        Method::PUT,
        "/proxy/form",
        &ALICE_GMAIL,
        Some(("application/x-www-form-urlencoded", "k=v&n=1")),
    )
    .await;
    assert_eq!(form.body["body"], json!({"k": "v", "n": "1"}));
    let text_body = proxy(
        &api,
        Method::PATCH,
        "/proxy/raw",
        &ALICE_GMAIL,
        Some(("text/plain", "hello")),
    )
    .await;
    assert_eq!(text_body.body["body"], "hello");
}

#[tokio::test]
async fn proxy_passes_upstream_statuses_through() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    for status in [401u16, 404, 503] {
        let mut headers = ALICE_GMAIL.to_vec();
        let text = status.to_string();
        headers.push(("X-Sandbox-Upstream-Status", &text));
        let r = proxy(&api, Method::GET, "/proxy/v1/me", &headers, None).await;
        assert_eq!(r.status, status);
        assert_eq!(r.body["upstream_status"], status);
    }
}

#[tokio::test]
async fn proxy_refusals() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let missing = proxy(
        &api,
        Method::GET,
        "/proxy/v1/me",
        &[("identifier", "alice@example.com")],
        None,
    )
    .await;
    assert_eq!(
        (missing.status, missing.error_code()),
        (400, "INVALID_ARGUMENT")
    );
    let nobody = proxy(
        &api,
        Method::GET,
        "/proxy/v1/me",
        &[
            ("connection_name", "gmail"),
            ("identifier", "zed@example.com"),
        ],
        None,
    )
    .await;
    assert_eq!(nobody.status, 404);
    let unknown = proxy(
        &api,
        Method::GET,
        "/proxy/v1/me",
        &[
            ("connection_name", "nosuch"),
            ("identifier", "alice@example.com"),
        ],
        None,
    )
    .await;
    assert_eq!(unknown.status, 404);
    let expired = proxy(
        &api,
        Method::GET,
        "/proxy/v1/me",
        &[
            ("connection_name", "gmail"),
            ("identifier", "bob@example.com"),
        ],
        None,
    )
    .await;
    assert_eq!(
        (expired.status, expired.error_code()),
        (400, "FAILED_PRECONDITION")
    );
}
