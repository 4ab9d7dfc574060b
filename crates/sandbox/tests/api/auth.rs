use crate::common::{self, Api};
use kitbench_sandbox::Faults;
use serde_json::Value;
use std::time::Duration;

async fn token_call(url: &str, form: &[(&str, &str)]) -> (u16, Value) {
    let r = common::http()
        .post(format!("{url}/oauth/token"))
        .form(form)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn token_endpoint_accepts_good_credentials() {
    let sb = common::sandbox().await;
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", sb.client_id()),
        ("client_secret", sb.client_secret()),
    ];
    let (status, body) = token_call(sb.url(), &form).await;
    assert_eq!(status, 200);
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 86399);
    assert_eq!(body["scope"], "openid");
    assert!(body["access_token"].as_str().unwrap().len() > 20);

    let basic = common::http()
        .post(format!("{}/oauth/token", sb.url()))
        .basic_auth(sb.client_id(), Some(sb.client_secret()))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(basic.status(), 200);
    assert!(sb.client_id().starts_with("skc_") && sb.client_secret().len() >= 40);
}

#[tokio::test]
async fn token_endpoint_rejects_bad_requests() {
    let sb = common::sandbox().await;
    let url = sb.url();
    let id = sb.client_id();
    let (status, body) = token_call(
        url,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", id),
            ("client_secret", "nope"),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (401, Some("invalid_client"))
    );
    assert!(body["error_description"].as_str().is_some());
    let (status, body) = token_call(url, &[("grant_type", "client_credentials")]).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (401, Some("invalid_client"))
    );
    let (status, body) = token_call(
        url,
        &[
            ("grant_type", "password"),
            ("client_id", id),
            ("client_secret", sb.client_secret()),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("unsupported_grant_type"))
    );
    let (status, body) = token_call(url, &[("client_id", id)]).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_request"))
    );
}

#[tokio::test]
async fn api_needs_a_valid_bearer_token() {
    let sb = common::sandbox().await;
    let plain = common::reply(
        common::http()
            .get(format!("{}/api/v1/connections/app", sb.url()))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(plain.status, 401);
    assert_eq!(plain.body["code"], 16);
    assert_eq!(plain.error_code(), "UNAUTHENTICATED");
    assert!(plain.headers.contains_key("www-authenticate"));

    let mut api = Api::new(&sb).await;
    // Any x-api-version is fine: the two SDKs send different ones.
    let ok = api
        .http
        .get(format!("{}/api/v1/connections/app", sb.url()))
        .bearer_auth(&api.token)
        .header("x-api-version", "19990101")
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);

    api.token = "sbx_made_up".into();
    let forged = api.get("/api/v1/connections/app").await;
    assert_eq!(
        (forged.status, forged.error_code()),
        (401, "UNAUTHENTICATED")
    );
    let proxy = api.get("/proxy/anything").await;
    assert_eq!(proxy.status, 401);
    let admin = api.get("/_sandbox/counts").await;
    assert_eq!(admin.status, 401);
}

#[tokio::test]
async fn expired_tokens_are_refused() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    assert_eq!(api.get("/api/v1/tools").await.status, 200);
    sb.admin().expire_tokens();
    let r = api.get("/api/v1/tools").await;
    assert_eq!((r.status, r.body["code"].as_i64()), (401, Some(16)));
    let fresh = Api::new(&sb).await;
    assert_eq!(fresh.get("/api/v1/tools").await.status, 200);

    sb.admin().set_faults(Faults {
        token_expiry: Some(1),
        ..Faults::default()
    });
    let short = Api::new(&sb).await;
    assert_eq!(short.get("/api/v1/tools").await.status, 200);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(short.get("/api/v1/tools").await.status, 401);
    // Tokens issued before the knob keep their lifetime.
    assert_eq!(fresh.get("/api/v1/tools").await.status, 200);
}
