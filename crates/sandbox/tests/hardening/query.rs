use crate::assert_error;
use crate::common::{self, Api};

#[tokio::test]
async fn a_key_of_thousands_of_segments_is_400_and_the_server_lives() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let key = vec!["a"; 7_000].join(".");
    for path in [
        "/api/v1/tools",
        "/api/v1/connected_accounts",
        "/api/v1/connected_accounts/auth",
        "/api/v1/mcp/instances",
    ] {
        let reply = api.get(&format!("{path}?{key}=1")).await;
        assert_error(&reply, 400, 3);
        assert_eq!(reply.error_code(), "INVALID_ARGUMENT");
        assert!(reply.body["message"]
            .as_str()
            .unwrap()
            .contains("7000 levels"));
    }
    assert_eq!(api.get("/api/v1/tools").await.status, 200);
}

#[tokio::test]
async fn text_where_a_message_is_expected_is_400() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let reply = api.get("/api/v1/tools?filter=gmail").await;
    assert_error(&reply, 400, 3);
}
