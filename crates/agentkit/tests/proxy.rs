//! The authenticated proxy: JSON, form and raw bodies, headers, repeated query keys, and
//! non-2xx upstream answers returned rather than raised.

mod common;

use agentkit::{ErrorKind, ProxyBody, ProxyRequest};
use common::{create_account, start, token_requests, Env};
use serde_json::{json, Value};

async fn env_with_account() -> Env {
    let env = start().await;
    create_account(&env.client, "github", "proxy@example.com", true).await;
    env
}

fn request(method: &str, path: &str, body: ProxyBody) -> ProxyRequest {
    ProxyRequest {
        connection_name: "github".into(),
        identifier: "proxy@example.com".into(),
        method: method.into(),
        path: path.into(),
        body,
        ..Default::default()
    }
}

#[tokio::test]
async fn json_bodies_queries_and_headers_reach_the_upstream() {
    let env = env_with_account().await;
    let mut req = request(
        "post",
        "/repos/acme/app/issues",
        ProxyBody::Json(json!({"title": "Bug", "labels": ["a", "b"]})),
    );
    req.query = vec![
        ("state".into(), "open".into()),
        ("label".into(), "x".into()),
        ("label".into(), "y".into()),
    ];
    req.headers = vec![
        ("X-Trace".into(), "t-1".into()),
        ("connection_name".into(), "someone-else".into()),
        ("Authorization".into(), "Bearer caller".into()),
    ];
    let answer = env.client.proxy(&req).await.unwrap();
    assert_eq!(answer.status, 200, "{}", answer.text());
    let echo: Value = answer.json().unwrap();
    assert_eq!(echo["method"], "POST");
    assert_eq!(echo["path"], "/repos/acme/app/issues");
    assert_eq!(echo["query"]["label"], json!(["x", "y"]));
    assert_eq!(echo["query"]["state"], json!(["open"]));
    assert_eq!(echo["body"], json!({"title": "Bug", "labels": ["a", "b"]}));
    assert_eq!(echo["connection_name"], "github");
    assert_eq!(echo["identifier"], "proxy@example.com");
    let headers = echo["headers"].to_string().to_lowercase();
    assert!(headers.contains("x-trace"), "{headers}");
    assert!(!headers.contains("bearer caller"), "{headers}");
    assert!(
        !answer.text().contains("at-test"),
        "the credential never comes back"
    );

    let sent = env.recorder.to_path("/repos/acme/app/issues");
    assert!(sent[0].url.contains("label=x&label=y"), "{}", sent[0].url);
}

#[tokio::test]
async fn form_and_raw_bodies() {
    let env = env_with_account().await;
    let form = request(
        "POST",
        "/login/oauth/form",
        ProxyBody::Form(vec![
            ("a".into(), "1".into()),
            ("b".into(), "two words".into()),
        ]),
    );
    let answer = env.client.proxy(&form).await.unwrap();
    assert_eq!(answer.status, 200, "{}", answer.text());
    let echo: Value = answer.json().unwrap();
    let a = &echo["body"]["a"];
    assert!(*a == json!("1") || *a == json!(["1"]), "{}", echo["body"]);
    assert!(
        echo["body"].to_string().contains("two words"),
        "{}",
        echo["body"]
    );

    let raw = request(
        "PUT",
        "/raw/upload",
        ProxyBody::Raw {
            content_type: "text/plain".into(),
            bytes: b"hello upstream".to_vec(),
        },
    );
    let answer = env.client.proxy(&raw).await.unwrap();
    assert_eq!(answer.status, 200, "{}", answer.text());
    let echo: Value = answer.json().unwrap();
    assert_eq!(echo["body"], "hello upstream");
    assert!(echo["headers"].to_string().contains("text/plain"));

    let relative = request("get", "user", ProxyBody::None);
    let echo: Value = env.client.proxy(&relative).await.unwrap().json().unwrap();
    assert_eq!(echo["path"], "/user");
}

#[tokio::test]
async fn upstream_errors_are_returned_not_raised() {
    let env = env_with_account().await;
    for status in [404u16, 500, 503] {
        let mut req = request("POST", "/failing", ProxyBody::None);
        req.headers = vec![("X-Sandbox-Upstream-Status".into(), status.to_string())];
        let answer = env.client.proxy(&req).await.unwrap();
        assert_eq!(answer.status, status);
        assert!(!answer.is_success());
    }
    let posts = env.recorder.to_path("/failing").len();
    assert_eq!(posts, 3, "a POST is never retried, even on 503");

    let mut req = request("GET", "/flaky", ProxyBody::None);
    req.headers = vec![("X-Sandbox-Upstream-Status".into(), "503".into())];
    let answer = env.client.proxy(&req).await.unwrap();
    assert_eq!(answer.status, 503);
    assert_eq!(
        env.recorder.to_path("/flaky").len(),
        4,
        "a GET is retried on 503"
    );
}

#[tokio::test]
async fn an_upstream_401_refreshes_the_token_and_resends_once() {
    let env = env_with_account().await;
    let before = token_requests(&env.sandbox);
    let mut req = request("GET", "/unauthorized", ProxyBody::None);
    req.headers = vec![("X-Sandbox-Upstream-Status".into(), "401".into())];
    let answer = env.client.proxy(&req).await.unwrap();
    assert_eq!(answer.status, 401);
    assert_eq!(env.recorder.to_path("/unauthorized").len(), 2);
    assert_eq!(token_requests(&env.sandbox), before + 1);
}

#[tokio::test]
async fn proxy_calls_need_a_connection_and_an_identifier() {
    let env = start().await;
    let mut req = request("GET", "/x", ProxyBody::None);
    req.identifier.clear();
    let err = env.client.proxy(&req).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert!(env.recorder.all().is_empty(), "nothing was sent");

    let missing = ProxyRequest {
        identifier: "nobody@example.com".into(),
        ..request("GET", "/x", ProxyBody::None)
    };
    let answer = env.client.proxy(&missing).await.unwrap();
    assert_eq!(answer.status, 404, "{}", answer.text());
}
