use crate::common::{self, Api};
use base64::Engine as _;
use serde_json::{json, Value};

fn claims(jwt: &str) -> Value {
    let parts: Vec<&str> = jwt.split('.').collect();
    assert_eq!(parts.len(), 3);
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(parts[1])
        .unwrap();
    serde_json::from_slice(&payload).unwrap()
}

#[tokio::test]
async fn session_tokens() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let seeded = api
        .get("/api/v1/mcp/configs?filter.name=sandbox-assistant")
        .await;
    let config = &seeded.body["configs"][0];
    let path = format!(
        "/api/v1/mcp/configs/{}/tokens",
        config["id"].as_str().unwrap()
    );
    let ok = api
        .post(&path, json!({"identifier": "alice@example.com"}))
        .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    let c = claims(ok.body["token"].as_str().unwrap());
    assert_eq!(
        (c["sub"].as_str(), c["aud"].as_str()),
        (Some("alice@example.com"), config["mcp_server_url"].as_str())
    );
    assert_eq!(c["mcp_cfg"], config["id"]);
    assert_eq!(c["ca_ids"].as_array().unwrap().len(), 2);
    let expires: chrono::DateTime<chrono::Utc> =
        ok.body["expires_at"].as_str().unwrap().parse().unwrap();
    assert!(((expires - chrono::Utc::now()).num_seconds() - 3600).abs() < 30);
    let short = json!({"identifier": "alice@example.com", "expiry": "120s",
                       "access_level": "READ_ONLY"});
    assert_eq!(api.post(&path, short).await.status, 200);
    for expiry in ["30s", "90000s"] {
        assert_eq!(
            api.post(
                &path,
                json!({"identifier": "alice@example.com", "expiry": expiry})
            )
            .await
            .status,
            400
        );
    }
    let level = api
        .post(
            &path,
            json!({"identifier": "alice@example.com", "access_level": "read_only"}),
        )
        .await;
    assert_eq!(level.violated_fields(), vec!["access_level"]);
    assert_eq!(
        api.post(&path, json!({})).await.violated_fields(),
        vec!["identifier"]
    );
    let both = api
        .post(
            &path,
            json!({"identifier": "alice@example.com", "key_id": "gmail"}),
        )
        .await;
    assert_eq!(both.status, 400);
    let inactive = api
        .post(&path, json!({"identifier": "nobody@example.com"}))
        .await;
    assert_eq!(inactive.status, 400);
    assert_eq!(
        api.post(
            "/api/v1/mcp/configs/nope/tokens",
            json!({"identifier": "alice@example.com"})
        )
        .await
        .status,
        404
    );

    let conn = api
        .post(
            "/api/v1/mcp/connections/gmail/tokens",
            json!({"identifier": "alice@example.com"}),
        )
        .await;
    assert_eq!(conn.status, 200, "{}", conn.body);
    let c = claims(conn.body["token"].as_str().unwrap());
    assert!(c["conn_id"].as_str().unwrap().starts_with("conn_"));
    assert_eq!(c["aud"], format!("{}/mcp/v3/connections/gmail", sb.url()));
    assert_eq!(
        api.post(
            "/api/v1/mcp/connections/nosuch/tokens",
            json!({"identifier": "alice@example.com"})
        )
        .await
        .status,
        404
    );
}
