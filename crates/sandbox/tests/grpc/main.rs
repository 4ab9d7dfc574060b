//! The gRPC front: every RPC of the five AgentKit services over gRPC, the same answers as
//! over REST, UNAUTHENTICATED without a bearer, TOOL_ERROR details, grpc-timeout, and
//! HTTP/1.1, h2c and TLS on the one port.

mod client;
#[path = "../common/mod.rs"]
mod common;

use client::{method, pool, to_json, Grpc};
use kitbench_sandbox::{RunningSandbox, SandboxConfig};
use prost::Message as _;
use prost_reflect::DynamicMessage;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// The embedded catalog: it has every tool the quickstarts use.
async fn sandbox() -> RunningSandbox {
    kitbench_sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox starts")
}

async fn grpc(sb: &RunningSandbox) -> Grpc {
    Grpc::h2c(sb.url(), Some(common::token(sb).await))
}

const SERVICES: &[&str] = &[
    "scalekit.v1.connected_accounts.ConnectedAccountService",
    "scalekit.v1.tools.ToolService",
    "scalekit.v1.mcp.McpService",
    "scalekit.v1.connections.ConnectionService",
    "scalekit.v1.providers.ProviderService",
];

#[tokio::test]
async fn every_rpc_answers_its_message_or_a_status() {
    let sb = sandbox().await;
    let client = grpc(&sb).await;
    let (mut ok, mut refused, mut unimplemented) = (0, 0, 0);
    for service in SERVICES {
        let service = pool().get_service_by_name(service).unwrap();
        for m in service.methods() {
            let name = format!("{}.{}", service.name(), m.name());
            match client.call(&name, json!({})).await {
                Ok(_) => ok += 1,
                Err(f) if f.code == 12 => {
                    println!("unimplemented: {name}");
                    unimplemented += 1
                }
                // An empty request: bad input, nothing found, or a precondition.
                Err(f) if [3, 5, 9].contains(&f.code) => refused += 1,
                Err(f) => panic!("{name}: unexpected status {} {}", f.code, f.message),
            }
        }
    }
    println!("empty requests: {ok} answered, {refused} refused, {unimplemented} unimplemented");
    assert_eq!(ok + refused + unimplemented, 72);
    // 33 of the 72 have a REST route in the Sandbox (the AgentKit subset).
    assert!(ok + refused >= 33, "the Sandbox serves the AgentKit RPCs");
}

/// The REST answer parsed strictly as the RPC's output message, as proto JSON.
async fn rest(api: &common::Api, rpc: &str, verb: &str, path: &str, body: Option<Value>) -> Value {
    let method = reqwest::Method::from_bytes(verb.as_bytes()).unwrap();
    let reply = api.send(method, path, body).await;
    let json = reply.body;
    assert_eq!(reply.status, 200, "{rpc} over REST: {json}");
    let message = DynamicMessage::deserialize_with_options(
        method_output(rpc),
        json,
        &prost_reflect::DeserializeOptions::new().deny_unknown_fields(true),
    )
    .unwrap_or_else(|e| panic!("{rpc}: REST answer: {e}"));
    to_json(&message)
}

fn method_output(rpc: &str) -> prost_reflect::MessageDescriptor {
    method(rpc).output()
}

fn without(mut v: Value, key: &str) -> Value {
    if let Some(o) = v.as_object_mut() {
        o.remove(key);
    }
    v
}

#[tokio::test]
async fn answers_the_same_over_grpc_as_over_rest() {
    let sb = sandbox().await;
    let client = grpc(&sb).await;
    let api = common::Api::new(&sb).await;
    let reads: &[(&str, Value, &str, &str)] = &[
        (
            "ConnectedAccountService.ListConnectedAccounts",
            json!({"page_size": 5}),
            "GET",
            "/api/v1/connected_accounts?page_size=5",
        ),
        (
            "ConnectedAccountService.GetConnectedAccountAuth",
            json!({"connector": "gmail", "identifier": "alice@example.com"}),
            "GET",
            "/api/v1/connected_accounts/auth?connector=gmail&identifier=alice@example.com",
        ),
        (
            "ToolService.ListTools",
            json!({"filter": {"provider": "GMAIL"}, "page_size": 3}),
            "GET",
            "/api/v1/tools?filter.provider=GMAIL&page_size=3",
        ),
        (
            "ToolService.ListScopedTools",
            json!({"identifier": "alice@example.com", "filter": {"connection_names": ["gmail"]}}),
            "GET",
            "/api/v1/tools/scoped?identifier=alice@example.com&filter.connection_names=gmail",
        ),
        (
            "ConnectionService.ListAppConnections",
            json!({"page_size": 30}),
            "GET",
            "/api/v1/connections/app?page_size=30",
        ),
        (
            "McpService.ListMcpConfigs",
            json!({}),
            "GET",
            "/api/v1/mcp/configs",
        ),
        (
            "ProviderService.ListProviders",
            json!({}),
            "GET",
            "/api/v1/providers",
        ),
    ];
    for (rpc, input, verb, path) in reads {
        let over_grpc = client
            .call(rpc, input.clone())
            .await
            .unwrap_or_else(|f| panic!("{rpc}: {f:?}"));
        let over_rest = rest(&api, rpc, verb, path, None).await;
        assert_eq!(over_grpc, over_rest, "{rpc}");
    }
    // Tool output is deterministic for the same params; only the execution id differs.
    let exec = json!({"tool_name": "gmail_fetch_mails", "identifier": "alice@example.com", "connector": "gmail",
        "params": {"query": "is:unread", "max_results": 3}});
    let over_grpc = client
        .call("ToolService.ExecuteTool", exec.clone())
        .await
        .unwrap();
    let over_rest = rest(
        &api,
        "ToolService.ExecuteTool",
        "POST",
        "/api/v1/execute_tool",
        Some(exec),
    )
    .await;
    assert_eq!(
        without(over_grpc, "execution_id"),
        without(over_rest, "execution_id")
    );

    // Writes: create over gRPC, read back over REST, and the other way round.
    let created = client
        .call(
            "ConnectedAccountService.CreateConnectedAccount",
            json!({"connector": "gmail", "identifier": "grpc@example.com",
            "connected_account": {"authorization_details": {"oauth_token": {}}}}),
        )
        .await
        .unwrap();
    let id = created["connected_account"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let read = rest(
        &api,
        "ConnectedAccountService.GetConnectedAccountAuth",
        "GET",
        "/api/v1/connected_accounts/auth?connector=gmail&identifier=grpc@example.com",
        None,
    )
    .await;
    assert_eq!(read["connected_account"]["id"], id.as_str());
    assert_eq!(
        read["connected_account"]["status"], "PENDING_AUTH",
        "an empty oneof from Node is no credential"
    );
    let config = rest(&api, "McpService.CreateMcpConfig", "POST", "/api/v1/mcp/configs",
        Some(json!({"name": "rest-made", "connection_tool_mappings": [{"connection_name": "gmail", "tools": ["gmail_fetch_mails"]}]}))).await;
    let got = client
        .call(
            "McpService.GetMcpConfig",
            json!({"config_id": config["config"]["id"]}),
        )
        .await
        .unwrap();
    assert_eq!(got["config"], config["config"]);
}

#[tokio::test]
async fn a_missing_or_unknown_bearer_is_unauthenticated() {
    let sb = sandbox().await;
    for token in [None, Some("not-a-token".to_string())] {
        let client = Grpc::h2c(sb.url(), token.clone());
        for rpc in [
            "ToolService.ListTools",
            "ConnectedAccountService.ListConnectedAccounts",
            "ConnectionService.CreateConnection",
        ] {
            let failure = client.call(rpc, json!({})).await.unwrap_err();
            assert_eq!(failure.code, 16, "{rpc} with {token:?}: {failure:?}");
        }
    }
}

/// `google.rpc.Status` as the SDKs decode it.
#[derive(Clone, PartialEq, prost::Message)]
struct RpcStatus {
    #[prost(int32, tag = "1")]
    code: i32,
    #[prost(string, tag = "2")]
    message: String,
    #[prost(message, repeated, tag = "3")]
    details: Vec<Any>,
}

#[derive(Clone, PartialEq, prost::Message)]
struct Any {
    #[prost(string, tag = "1")]
    type_url: String,
    #[prost(bytes = "vec", tag = "2")]
    value: Vec<u8>,
}

#[tokio::test]
async fn tool_errors_carry_error_info_with_tool_error() {
    let sb = sandbox().await;
    let client = grpc(&sb).await;
    let failure = client
        .call(
            "ToolService.ExecuteTool",
            json!({"tool_name": "gmail_get_message", "identifier": "alice@example.com",
            "connector": "gmail", "params": {"message_id": "not-a-gmail-id"}}),
        )
        .await
        .unwrap_err();
    assert_eq!(failure.code, 13);
    let status = RpcStatus::decode(failure.details.as_slice()).unwrap();
    assert_eq!(
        (status.code, status.message.as_str()),
        (failure.code, failure.message.as_str())
    );
    assert_eq!(
        status.details[0].type_url,
        "type.googleapis.com/scalekit.v1.errdetails.ErrorInfo"
    );
    let info = pool()
        .get_message_by_name("scalekit.v1.errdetails.ErrorInfo")
        .unwrap();
    let info = to_json(&DynamicMessage::decode(info, status.details[0].value.as_slice()).unwrap());
    assert_eq!(info["error_code"], "TOOL_ERROR");
    assert_eq!(info["tool_error_info"]["tool_error_code"], "400");
    assert!(info["tool_error_info"]["execution_id"]
        .as_str()
        .unwrap()
        .starts_with("exec_"));

    // A validation failure keeps its field violations too.
    let failure = client
        .call(
            "ToolService.ExecuteTool",
            json!({"tool_name": "gmail_fetch_mails", "identifier": "alice@example.com",
            "connector": "gmail", "params": {"max_results": "many"}}),
        )
        .await
        .unwrap_err();
    assert_eq!(failure.code, 3);
    let status = RpcStatus::decode(failure.details.as_slice()).unwrap();
    let info = pool()
        .get_message_by_name("scalekit.v1.errdetails.ErrorInfo")
        .unwrap();
    let info = to_json(&DynamicMessage::decode(info, status.details[0].value.as_slice()).unwrap());
    assert_eq!(
        info["validation_error_info"]["field_violations"][0]["field"],
        "max_results"
    );
}

#[tokio::test]
async fn grpc_timeout_is_honoured() {
    let sb = sandbox().await;
    let api = common::Api::new(&sb).await;
    let reply = api
        .put(
            "/_sandbox/faults",
            json!({"rules": [{"route": "GET /api/v1/tools", "latency_ms": 3000}]}),
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.body);
    let mut client = grpc(&sb).await;
    client.timeout = Some("200m");
    let started = Instant::now();
    let failure = client
        .call("ToolService.ListTools", json!({}))
        .await
        .unwrap_err();
    assert_eq!(failure.code, 4, "{failure:?}");
    assert!(
        started.elapsed() < Duration::from_millis(2000),
        "{:?}",
        started.elapsed()
    );
    client.timeout = Some("10S");
    client
        .call("ToolService.ListTools", json!({}))
        .await
        .unwrap();
}

#[tokio::test]
async fn one_port_speaks_http1_h2c_and_tls() {
    let sb = sandbox().await;
    let token = common::token(&sb).await;
    let port = sb.url().rsplit(':').next().unwrap().to_string();
    // HTTP/1.1 REST.
    let r = common::http()
        .get(format!("{}/api/v1/tools?page_size=1", sb.url()))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        (r.status().as_u16(), r.version()),
        (200, reqwest::Version::HTTP_11)
    );
    // h2c gRPC.
    Grpc::h2c(sb.url(), Some(token.clone()))
        .call("ToolService.ListTools", json!({}))
        .await
        .unwrap();
    // TLS with the Sandbox's certificate: HTTP/1.1 REST and h2 gRPC (ALPN), by name and by IP.
    let pem = std::fs::read(sb.ca_file()).unwrap();
    let tls = |h2: bool| {
        let builder = reqwest::Client::builder()
            .tls_certs_only([reqwest::Certificate::from_pem(&pem).unwrap()]);
        if h2 {
            builder.build()
        } else {
            builder.http1_only().build()
        }
        .unwrap()
    };
    for host in ["localhost", "127.0.0.1"] {
        let base = format!("https://{host}:{port}");
        let r = tls(false)
            .get(format!("{base}/api/v1/tools?page_size=1"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(
            (r.status().as_u16(), r.version()),
            (200, reqwest::Version::HTTP_11)
        );
        let client = Grpc {
            http: tls(true),
            base,
            token: Some(token.clone()),
            timeout: None,
        };
        let answer = client
            .call("ToolService.ListTools", json!({"page_size": 1}))
            .await
            .unwrap();
        assert_eq!(answer["tools"].as_array().unwrap().len(), 1);
    }
}
