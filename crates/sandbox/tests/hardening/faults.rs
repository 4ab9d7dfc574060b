use crate::assert_error;
use crate::common::{self, Api};
use serde_json::json;

#[tokio::test]
async fn bad_knobs_are_400_and_leave_the_rules_alone() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let good = json!({"rules": [{"route": "GET /api/v1/providers", "error_next": 1}]});
    assert_eq!(api.put("/_sandbox/faults", good).await.status, 200);
    let many: Vec<_> = (0..1001).map(|_| json!({"latency_ms": u64::MAX})).collect();
    let bad = [
        (json!({"rulez": []}), "rulez"),
        (json!({"rules": [{"error_status": 418}]}), "500 or 503"),
        (json!({"rules": [{"latency_ms": u64::MAX}]}), "latency_ms"),
        (json!({"rules": [{"error_rate": 1.5}]}), "error_rate"),
        (json!({"rules": [{"rate_limit": {"nxt": 1}}]}), "nxt"),
        (json!({"rules": many}), "at most 100"),
    ];
    for (body, needle) in bad {
        let r = api.put("/_sandbox/faults", body).await;
        assert_error(&r, 400, 3);
        let message = r.body["message"].as_str().unwrap();
        assert!(message.contains(needle), "{message}");
    }
    let kept = api.get("/_sandbox/faults").await.body;
    assert_eq!(kept["rules"][0]["error_next"], 1, "{kept}");
}

#[tokio::test]
async fn faults_hit_authenticated_routed_calls_only() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let all = json!({"rules": [{"route": "*", "error_rate": 1.0}]});
    assert_eq!(api.put("/_sandbox/faults", all).await.status, 200);
    // Routed and authenticated: faulted.
    assert_eq!(api.get("/api/v1/tools").await.status, 500);
    // Not authenticated, not routed, the token endpoint, admin: the real answer.
    let anonymous = common::http()
        .get(format!("{}/api/v1/tools", sb.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    assert_eq!(api.get("/api/v1/nosuch").await.status, 404);
    assert_eq!(api.delete("/api/v1/tools").await.status, 501);
    let token = common::token(&sb).await;
    assert!(token.starts_with("sbx_"));
    assert_eq!(api.get("/_sandbox/faults").await.status, 200);
    // The proxy is faulted after its bearer check.
    let proxy = common::http()
        .get(format!("{}/proxy/x", sb.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(proxy.status(), 401);
    assert_eq!(api.get("/proxy/x").await.status, 500);
    let journal = sb.admin().journal();
    assert!(journal.iter().any(|e| e.fault.as_deref() == Some("error")));
}
