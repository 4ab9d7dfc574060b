use crate::assert_error;
use crate::common::{self, reply, Api};
use reqwest::header::HeaderValue;
use serde_json::json;

#[tokio::test]
async fn a_non_ascii_identifier_header_is_used_as_utf8_or_named_as_wrong() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let created = api
        .post(
            "/api/v1/connected_accounts",
            json!({"connector": "gmail", "identifier": "josé@example.com", "connected_account": {
                "authorization_details": {"oauth_token": {"access_token": "a"}}}}),
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let send = |identifier: &'static [u8]| {
        api.http
            .get(format!("{}/proxy/v1/me", sb.url()))
            .bearer_auth(&api.token)
            .header("connection_name", "gmail")
            .header("identifier", HeaderValue::from_bytes(identifier).unwrap())
            .send()
    };
    let utf8 = reply(send("josé@example.com".as_bytes()).await.unwrap()).await;
    assert_eq!(utf8.status, 200, "{}", utf8.body);
    assert_eq!(utf8.body["identifier"], "josé@example.com");

    let latin1 = reply(send(b"jos\xe9@example.com").await.unwrap()).await;
    assert_error(&latin1, 400, 3);
    let message = latin1.body["message"].as_str().unwrap();
    assert!(
        message.contains("identifier header is not valid UTF-8"),
        "{message}"
    );
}
