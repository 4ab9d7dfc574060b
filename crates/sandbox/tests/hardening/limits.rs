use crate::assert_error;
use crate::common::{self, reply, Api};
use reqwest::Method;

const MIB: usize = 1024 * 1024;

async fn send_raw(api: &Api, method: Method, path: &str, size: usize) -> crate::common::Reply {
    let response = api
        .http
        .request(method, format!("{}{path}", api.base))
        .bearer_auth(&api.token)
        .header("content-type", "application/json")
        .body(vec![b' '; size])
        .send()
        .await
        .expect("request sent");
    reply(response).await
}

#[tokio::test]
async fn every_kind_of_route_refuses_past_its_limit_in_the_error_shape() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    // MCP URLs are checked before their body: an instance's, not any.
    let instances = api.get("/api/v1/mcp/instances").await.body;
    let url = instances["instances"][0]["url"].as_str().unwrap();
    let mcp = url.strip_prefix(sb.url()).unwrap();
    let cases = [
        ("/api/v1/tools:search", 4 * MIB),
        ("/proxy/v1/messages", 4 * MIB),
        (mcp, 4 * MIB),
        ("/oauth/token", 64 * 1024),
        ("/_sandbox/faults", MIB),
    ];
    for (path, limit) in cases {
        let method = if path == "/_sandbox/faults" {
            Method::PUT
        } else {
            Method::POST
        };
        let over = send_raw(&api, method, path, limit + 1).await;
        assert_error(&over, 413, 8);
        assert_eq!(over.error_code(), "PAYLOAD_TOO_LARGE", "{path}");
    }
    // At the limit the body reaches the handler (which answers about its content instead).
    let at = send_raw(&api, Method::POST, "/api/v1/tools:search", 4 * MIB).await;
    assert_ne!(at.status, 413, "{}", at.body);
    let proxy_body = send_raw(&api, Method::POST, "/proxy/x", 3 * MIB).await;
    assert_ne!(proxy_body.status, 413, "{}", proxy_body.body);
    assert_eq!(api.get("/api/v1/tools").await.status, 200);
}

#[tokio::test]
async fn wrong_methods_on_token_and_admin_routes_are_405_in_the_error_shape() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    for (method, path) in [
        (Method::GET, "/oauth/token"),
        (Method::DELETE, "/_sandbox/faults"),
        (Method::GET, "/_sandbox/reset"),
    ] {
        let r = api.send(method, path, None).await;
        assert_error(&r, 405, 12);
        assert!(r.headers.contains_key("allow"), "{path}");
    }
}
