//! Operations: fault injection, the journal and admin endpoints, persistence, and the binary.

mod common;

use common::Api;
use kitbench_sandbox::{Error, FaultRule, Faults, RateLimit};
use serde_json::json;
use std::io::BufRead as _;
use std::time::{Duration, Instant};

fn rule(route: &str, f: impl FnOnce(&mut FaultRule)) -> Faults {
    let mut r = FaultRule::for_route(route);
    f(&mut r);
    Faults {
        rules: vec![r],
        ..Faults::default()
    }
}

#[tokio::test]
async fn latency_errors_and_rate_limits() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let admin = sb.admin();
    admin.set_faults(rule("GET /api/v1/tools", |r| r.latency_ms = 300));
    let started = Instant::now();
    assert_eq!(api.get("/api/v1/tools").await.status, 200);
    assert!(started.elapsed() >= Duration::from_millis(300));

    for (status, code) in [(500u16, 13), (503, 14)] {
        admin.set_faults(rule("*", |r| {
            r.error_rate = 1.0;
            r.error_status = status;
        }));
        let r = api.get("/api/v1/connections/app").await;
        assert_eq!((r.status, r.body["code"].as_i64()), (status, Some(code)));
        assert_eq!(api.get("/_sandbox/counts").await.status, 200);
    }

    admin.set_faults(rule("POST /api/v1/execute_tool", |r| {
        r.rate_limit = Some(RateLimit {
            next: 2,
            retry_after_secs: 7,
            ..RateLimit::default()
        })
    }));
    let exec = json!({"tool_name": "slack_list_channels", "identifier": "alice@example.com",
                      "connector": "slack"});
    for _ in 0..2 {
        let r = api.post("/api/v1/execute_tool", exec.clone()).await;
        assert_eq!(
            (r.status, r.body["code"].as_i64(), r.error_code()),
            (429, Some(8), "RATE_LIMITED")
        );
        assert_eq!(r.headers["retry-after"], "7");
    }
    assert_eq!(
        api.post("/api/v1/execute_tool", exec.clone()).await.status,
        200
    );
    assert_eq!(admin.faults().rules[0].rate_limit.as_ref().unwrap().next, 0);
    assert_eq!(api.get("/api/v1/tools").await.status, 200);
}

#[tokio::test]
async fn dropped_connections_get_no_answer() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    sb.admin()
        .set_faults(rule("GET /api/v1/tools*", |r| r.drop_next = 1));
    let dropped = async {
        let response = api
            .http
            .get(format!("{}/api/v1/tools", sb.url()))
            .bearer_auth(&api.token)
            .send()
            .await?;
        response.bytes().await
    }
    .await;
    assert!(
        dropped.is_err(),
        "a dropped connection must not produce an answer"
    );
    assert_eq!(api.get("/api/v1/tools").await.status, 200);
    let journal = sb.admin().journal();
    let entry = journal
        .iter()
        .find(|e| e.fault.as_deref() == Some("drop"))
        .unwrap();
    assert_eq!(entry.status, 0);
}

#[tokio::test]
async fn faults_spare_consent_pages() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let link = api
        .post(
            "/api/v1/connected_accounts/magic_link",
            json!({"connector": "gmail", "identifier": "h@example.com"}),
        )
        .await
        .body["link"]
        .as_str()
        .unwrap()
        .to_string();
    sb.admin().set_faults(rule("*", |r| r.error_rate = 1.0));
    assert_eq!(
        common::http().get(&link).send().await.unwrap().status(),
        200
    );
    assert_eq!(api.get("/api/v1/tools").await.status, 500);
}

#[tokio::test]
async fn admin_endpoints_and_redacted_journal() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let faults = json!({"rules": [{"route": "GET /api/v1/providers", "error_next": 1,
                                   "error_status": 503}]});
    let put = api.put("/_sandbox/faults", faults).await;
    assert_eq!(put.status, 200, "{}", put.body);
    assert_eq!(
        api.get("/_sandbox/faults").await.body["rules"][0]["error_next"],
        1
    );
    assert_eq!(api.get("/api/v1/providers").await.status, 503);
    assert_eq!(api.get("/api/v1/providers").await.status, 200);
    assert_eq!(
        api.put("/_sandbox/faults", json!({"rules": "x"}))
            .await
            .status,
        400
    );

    let journal = api.get("/_sandbox/journal").await.body;
    let entries = journal["entries"].as_array().unwrap();
    let token_call = entries
        .iter()
        .find(|e| e["path"] == "/oauth/token")
        .unwrap();
    let text = token_call.to_string();
    assert!(
        !text.contains(&api.token) && !text.contains(sb.client_secret()),
        "{text}"
    );
    assert!(token_call["request_body"]
        .as_str()
        .unwrap()
        .contains("client_secret=****"));
    // Newest first: the faulted call is the older of the two.
    let call = entries
        .iter()
        .rev()
        .find(|e| e["path"] == "/api/v1/providers")
        .unwrap();
    let auth = call["request_headers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["name"] == "authorization")
        .unwrap();
    assert_eq!(auth["value"], "Bearer ****");
    assert_eq!(call["fault"], "error");
    assert!(entries
        .iter()
        .all(|e| !e["path"].as_str().unwrap().starts_with("/_sandbox")));
    let limited = api.get("/_sandbox/journal?limit=1").await.body;
    assert_eq!(limited["entries"].as_array().unwrap().len(), 1);
    assert_eq!(api.delete("/_sandbox/journal").await.status, 200);
    assert!(sb.admin().journal().is_empty());

    let counts = api.get("/_sandbox/counts").await.body;
    assert_eq!(
        (
            counts["accounts"].as_u64(),
            counts["mcp_configs"].as_u64(),
            counts["mcp_instances"].as_u64()
        ),
        (Some(6), Some(1), Some(1))
    );
    assert_eq!(counts["accounts_by_status"]["ACTIVE"], 3);
    let alice = api
        .get("/api/v1/connected_accounts/auth?connector=gmail&identifier=alice@example.com")
        .await;
    let id = alice.body["connected_account"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        api.post(&format!("/_sandbox/accounts/{id}/expire"), json!({}))
            .await
            .status,
        200
    );
    assert_eq!(
        api.get(&format!("/api/v1/connected_accounts/{id}"))
            .await
            .body["connected_account"]["status"],
        "EXPIRED"
    );
    assert_eq!(
        api.post("/_sandbox/accounts/ca_nope/expire", json!({}))
            .await
            .status,
        404
    );
    assert!(sb.admin().expire_account("ca_nope").is_err());
    api.post(
        "/api/v1/connected_accounts",
        json!({"connector": "gmail", "identifier": "x@example.com", "connected_account": {}}),
    )
    .await;
    assert_eq!(sb.admin().counts().accounts, 7);
    assert_eq!(api.post("/_sandbox/reset", json!({})).await.status, 200);
    let after = sb.admin().counts();
    assert_eq!((after.accounts, after.accounts_by_status["ACTIVE"]), (6, 3));
    assert_eq!(
        api.get(&format!("/api/v1/connected_accounts/{id}"))
            .await
            .body["connected_account"]["status"],
        "ACTIVE"
    );
    assert_eq!(
        api.post("/_sandbox/tokens/expire", json!({})).await.status,
        200
    );
    assert_eq!(api.get("/_sandbox/counts").await.status, 401);
}

#[tokio::test]
async fn data_file_round_trip_and_corruption() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state").join("sandbox.json");
    let mut config = common::config();
    config.data_file = Some(path.clone());
    let sb = kitbench_sandbox::start(config.clone()).await.unwrap();
    assert!(path.exists(), "a new data file is written at start");
    let api = Api::new(&sb).await;
    let created = api
        .post(
            "/api/v1/connected_accounts",
            json!({"connector": "slack", "identifier": "p@example.com", "connected_account": {}}),
        )
        .await;
    let id = created.body["connected_account"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let provider = api
        .post(
            "/api/v1/custom-providers",
            json!({"display_name": "Kept", "proxy_url": "https://k.example.com",
                   "auth_patterns": [{"type": "BEARER"}]}),
        )
        .await;
    assert_eq!(provider.status, 200);
    sb.shutdown().await;

    let sb = kitbench_sandbox::start(config.clone()).await.unwrap();
    let api = Api::new(&sb).await;
    assert_eq!(
        api.get(&format!("/api/v1/connected_accounts/{id}"))
            .await
            .status,
        200
    );
    let configs = api.get("/api/v1/mcp/configs").await;
    let server_url = configs.body["configs"][0]["mcp_server_url"]
        .as_str()
        .unwrap();
    assert!(server_url.starts_with(&format!("{}/mcp/v3/servers/", sb.url())));
    assert_eq!(
        api.get("/api/v1/providers?filter.provider_type=CUSTOM")
            .await
            .body["total_size"],
        1
    );
    api.post("/api/v1/connected_accounts:delete", json!({"id": id}))
        .await;
    drop(sb);
    let sb = kitbench_sandbox::start(config.clone()).await.unwrap();
    let api = Api::new(&sb).await;
    assert_eq!(
        api.get(&format!("/api/v1/connected_accounts/{id}"))
            .await
            .status,
        404
    );
    sb.shutdown().await;

    std::fs::write(&path, b"{\"version\": 1, \"accounts\": [").unwrap();
    let err = kitbench_sandbox::start(config).await.unwrap_err();
    assert!(matches!(err, Error::DataFileCorrupt { .. }), "{err}");
    assert!(err.to_string().contains("sandbox.json"));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"{\"version\": 1, \"accounts\": ["
    );
}

#[tokio::test]
async fn binary_prints_its_address_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("bin.json");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kitbench-sandbox"))
        .args([
            "--port",
            "0",
            "--client-id",
            "skc_bin",
            "--client-secret",
            "secret-for-the-binary-test-0123456789",
        ])
        .arg("--data")
        .arg(&data)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let line = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .map(|_| line)
    })
    .await
    .unwrap()
    .unwrap();
    let info: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(info["client_id"], "skc_bin");
    let url = info["url"].as_str().unwrap();
    assert!(url.starts_with("http://127.0.0.1:"));
    let token = common::http()
        .post(format!("{url}/oauth/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", "skc_bin"),
            ("client_secret", "secret-for-the-binary-test-0123456789"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(token.status(), 200);

    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "the binary did not stop on SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(status.code(), Some(0));
    assert!(data.exists());
}
