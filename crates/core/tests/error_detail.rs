//! IPC errors keep their detail: status, gRPC code, error_code, Retry-After, tool ids and the
//! network cause, as the UI receives them (serialized JSON), from real servers on loopback.

mod common;

use agentkit::wire::connections::ListAppConnectionsRequest;
use agentkit::wire::{Code, ErrorInfo, Status, ToolErrorInfo};
use agentkit::{Client, RetryPolicy};
use common::{app, input};
use kitbench_core::connection_test::TestStage;
use kitbench_core::{Error, ErrorKind, IpcError, NetworkCause};
use kitbench_sandbox::{FaultRule, Faults, RateLimit, SandboxConfig};
use serde_json::{json, Value};

fn ipc_json(e: agentkit::Error) -> Value {
    serde_json::to_value(IpcError::from(Error::AgentKit(e))).unwrap()
}

#[tokio::test]
async fn a_rate_limited_answer_carries_status_code_and_retry_after() {
    let sandbox = kitbench_sandbox::start(SandboxConfig::default())
        .await
        .unwrap();
    let client = Client::builder(sandbox.url(), sandbox.client_id(), sandbox.client_secret())
        .retry(RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        })
        .build()
        .unwrap();
    client.access_token().await.unwrap();
    sandbox.admin().set_faults(Faults {
        rules: vec![FaultRule {
            rate_limit: Some(RateLimit {
                next: 1,
                rate: 0.0,
                retry_after_secs: 3,
            }),
            ..FaultRule::for_route("GET /api/v1/connections/app")
        }],
        ..Faults::default()
    });
    let err = client
        .list_app_connections(&ListAppConnectionsRequest::default())
        .await
        .unwrap_err();
    let error_code = err.error_code().map(str::to_string);
    let value = ipc_json(err);
    assert_eq!(value["kind"], "rate_limited", "{value}");
    let detail = &value["detail"];
    assert_eq!(detail["status"], 429, "{value}");
    assert_eq!(detail["grpc_code"], 8, "{value}");
    assert_eq!(detail["grpc_status"], "RESOURCE_EXHAUSTED", "{value}");
    assert_eq!(detail["retry_after_secs"], 3, "{value}");
    assert_eq!(detail["error_code"], json!(error_code), "{value}");
    assert_eq!(detail["network"], Value::Null, "{value}");
    assert_eq!(detail["execution_id"], Value::Null, "{value}");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_tool_failure_carries_its_execution_and_upstream_code() {
    let status = Status {
        code: Code::PermissionDenied.number(),
        message: "upstream said 403".into(),
        details: vec![ErrorInfo {
            error_code: "TOOL_ERROR".into(),
            tool_error_info: Some(ToolErrorInfo {
                execution_id: "exec_42".into(),
                tool_error_message: "forbidden".into(),
                tool_error_code: "403".into(),
            }),
            ..ErrorInfo::default()
        }],
    };
    let err = agentkit::Error::Tool {
        http_status: 403,
        code: Code::PermissionDenied,
        execution_id: "exec_42".into(),
        tool_error_code: "403".into(),
        message: "forbidden".into(),
        status: Box::new(status),
    };
    let value = ipc_json(err);
    assert_eq!(value["kind"], "tool");
    assert_eq!(
        value["detail"],
        json!({
            "status": 403,
            "grpc_code": 7,
            "grpc_status": "PERMISSION_DENIED",
            "error_code": "TOOL_ERROR",
            "retry_after_secs": null,
            "execution_id": "exec_42",
            "tool_error_code": "403",
            "network": null,
        })
    );
}

#[tokio::test]
async fn a_refused_connection_carries_its_cause_and_other_errors_no_detail() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::new(&format!("http://127.0.0.1:{port}"), "id", "secret").unwrap();
    let value = ipc_json(client.access_token().await.unwrap_err());
    assert_eq!(value["kind"], "network");
    assert_eq!(value["detail"]["network"], "refused", "{value}");
    assert_eq!(value["detail"]["status"], Value::Null, "{value}");

    let invalid = serde_json::to_value(IpcError::from(Error::invalid("name", "required"))).unwrap();
    assert!(invalid.get("detail").is_none(), "{invalid}");
    assert_eq!(invalid["fields"][0]["field"], "name");
}

#[tokio::test]
async fn connection_tests_carry_the_typed_cause() {
    let (app, _dir, _) = app(false).await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let closed = input("Closed", &format!("http://127.0.0.1:{port}"), "a", "b");
    let refused = app.test_environment_input(&closed, None).await.unwrap();
    assert_eq!(refused.stage, TestStage::Token);
    assert_eq!(refused.network_cause, Some(NetworkCause::Refused));

    // TLS spoken to the plain-HTTP Sandbox.
    let sandbox = kitbench_sandbox::start(SandboxConfig::default())
        .await
        .unwrap();
    let https = sandbox.url().replacen("http://", "https://", 1);
    let tls = input("Tls", &https, sandbox.client_id(), sandbox.client_secret());
    let failed = app.test_environment_input(&tls, None).await.unwrap();
    assert_eq!(failed.error_kind, Some(ErrorKind::Network));
    assert_eq!(failed.network_cause, Some(NetworkCause::Tls));
    assert!(failed.message.contains("(TLS)"), "{}", failed.message);

    let good = input(
        "Good",
        sandbox.url(),
        sandbox.client_id(),
        sandbox.client_secret(),
    );
    let ok = app.test_environment_input(&good, None).await.unwrap();
    assert!(ok.ok, "{}", ok.message);
    assert_eq!(ok.network_cause, None);
    sandbox.shutdown().await;
}
