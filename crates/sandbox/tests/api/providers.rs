use crate::common::{self, Api};
use serde_json::json;

#[tokio::test]
async fn catalog_and_custom_providers() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let default = api.get("/api/v1/providers?page_size=1000").await;
    assert_eq!(default.status, 200, "{}", default.body);
    assert_eq!(default.body["total_size"], 84);
    let gmail = api.get("/api/v1/providers?identifier=gmail").await;
    let p = &gmail.body["providers"][0];
    assert_eq!(
        (p["display_name"].as_str(), p["is_custom"].as_bool()),
        (Some("Gmail"), Some(false))
    );
    assert_eq!(p["auth_patterns"][0]["type"], "OAUTH");
    assert_eq!(
        api.get("/api/v1/providers?filter.provider_type=CUSTOM")
            .await
            .body["total_size"],
        0
    );

    let body = json!({"display_name": "My API", "description": "internal",
                      "proxy_url": "https://api.internal.example.com", "proxy_enabled": true,
                      "auth_patterns": [{"type": "API_KEY", "display_name": "Key"}],
                      "metadata": {"team": "platform"}});
    let created = api.post("/api/v1/custom-providers", body.clone()).await;
    assert_eq!(created.status, 200, "{}", created.body);
    let identifier = created.body["provider"]["identifier"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(identifier.starts_with("MYAPI:"));
    assert_eq!(created.body["provider"]["is_custom"], true);
    assert_eq!(api.post("/api/v1/custom-providers", body).await.status, 409);
    assert_eq!(
        api.get("/api/v1/providers?filter.provider_type=CUSTOM")
            .await
            .body["total_size"],
        1
    );
    assert_eq!(
        api.get("/api/v1/providers?filter.providerType=2&page_size=1000")
            .await
            .body["total_size"],
        85
    );

    let encoded = identifier.replace(':', "%3A");
    let updated = api
        .put(
            &format!("/api/v1/custom-providers/{encoded}"),
            json!({"display_name": "My API v2", "proxy_url": "https://v2.example.com",
                    "auth_patterns": [{"type": "BEARER"}]}),
        )
        .await;
    assert_eq!(updated.status, 200, "{}", updated.body);
    assert_eq!(updated.body["provider"]["display_name"], "My API v2");
    assert!(updated.body["provider"]["metadata"]
        .as_object()
        .unwrap()
        .is_empty());
    let deleted = api
        .delete(&format!("/api/v1/custom-providers/{encoded}"))
        .await;
    assert_eq!((deleted.status, &deleted.body), (200, &json!({})));
    assert_eq!(
        api.delete(&format!("/api/v1/custom-providers/{encoded}"))
            .await
            .status,
        404
    );

    let invalid = api
        .post(
            "/api/v1/custom-providers",
            json!({"display_name": "bad!", "proxy_url": "http://x", "auth_patterns": []}),
        )
        .await;
    let fields = invalid.violated_fields();
    for f in ["display_name", "proxy_url", "auth_patterns"] {
        assert!(fields.contains(&f.to_string()), "{f} in {fields:?}");
    }
}
