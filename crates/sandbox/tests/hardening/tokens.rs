use crate::common::{self, Api};
use serde_json::Value;

/// Minting past the per-client cap (1,000) evicts the oldest tokens: the first no longer
/// authenticates, the newest does, and the server keeps answering.
#[tokio::test]
async fn minting_in_a_loop_evicts_the_oldest_tokens() {
    let sb = common::sandbox().await;
    let first = Api::new(&sb).await;
    assert_eq!(first.get("/api/v1/tools").await.status, 200);
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", sb.client_id()),
        ("client_secret", sb.client_secret()),
    ];
    let mut last = String::new();
    for _ in 0..1_100 {
        let body: Value = first
            .http
            .post(format!("{}/oauth/token", sb.url()))
            .form(&form)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        last = body["access_token"].as_str().unwrap().to_string();
    }
    let evicted = first.get("/api/v1/tools").await;
    assert_eq!(
        (evicted.status, evicted.body["code"].as_i64()),
        (401, Some(16))
    );
    let newest = Api {
        token: last,
        ..first
    };
    assert_eq!(newest.get("/api/v1/tools").await.status, 200);
}
