//! Property tests of the request decoders every API handler uses: the grpc-gateway query
//! decoder and the JSON body decoder, fed generated query pairs, JSON documents built from the
//! messages' own field names, and raw bytes. Whatever the input: no panic, and every refusal
//! renders as a 400 `{code: 3, message, details}`.
//!
//! 50,000 query inputs + 40,000 JSON bodies + 20,000 raw bodies = 110,000 inputs, each decoded
//! into several request messages.

use super::{ApiError, ApiRequest};
use agentkit_wire::{connected_accounts as ca, mcp, tools};
use axum::body::Bytes;
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Field names of the decoded messages (proto and lowerCamel), so generated inputs reach
/// nested messages instead of being ignored as unknown keys.
const FIELDS: &[&str] = &[
    "filter",
    "providers",
    "tool_name",
    "toolName",
    "page_size",
    "pageSize",
    "page_token",
    "connection_names",
    "connector",
    "identifier",
    "id",
    "user_id",
    "organization_id",
    "connected_account",
    "connectedAccount",
    "authorization_details",
    "authorizationDetails",
    "oauth_token",
    "oauthToken",
    "access_token",
    "scopes",
    "static_auth",
    "details",
    "google_dwd",
    "api_config",
    "params",
    "query",
    "summary",
    "name",
    "tools",
    "mcp_config",
    "is_org_wide_credential",
    "scope_selection",
    "connection_id",
    "expiry",
    "a",
    "",
];

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

fn request(query: Vec<(String, String)>, body: Vec<u8>) -> ApiRequest {
    ApiRequest {
        params: Vec::new(),
        query,
        headers: HeaderMap::new(),
        body: Bytes::from(body),
    }
}

/// A refusal must be a 400 whose body is `{code: 3, message: non-empty, details: [...]}`.
fn assert_shape(err: ApiError) -> Result<(), TestCaseError> {
    let response = err.into_response();
    prop_assert_eq!(response.status().as_u16(), 400);
    let body = futures_util::FutureExt::now_or_never(axum::body::to_bytes(
        response.into_body(),
        usize::MAX,
    ))
    .expect("a buffered body is ready")
    .expect("the body reads");
    let value: Value = serde_json::from_slice(&body).expect("the error body is JSON");
    prop_assert_eq!(&value["code"], &Value::from(3));
    prop_assert!(value["message"].as_str().is_some_and(|m| !m.is_empty()));
    prop_assert!(value["details"].is_array());
    Ok(())
}

fn check<T: DeserializeOwned>(result: Result<T, ApiError>) -> Result<(), TestCaseError> {
    match result {
        Ok(_) => Ok(()),
        Err(e) => assert_shape(e),
    }
}

/// Any text, cheaper to generate than a regex strategy.
fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), 0..max).prop_map(String::from_iter)
}

fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(FIELDS).prop_map(str::to_string),
        1 => text(6),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => proptest::collection::vec(field(), 1..4).prop_map(|s| s.join(".")),
        1 => (1usize..80).prop_map(|n| vec!["a"; n].join(".")),
    ]
}

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        text(8).prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec((field(), inner), 0..5)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn decode_body(req: &ApiRequest) -> Result<(), TestCaseError> {
    check(req.body::<ca::CreateConnectedAccountRequest>())?;
    check(req.body::<ca::UpdateConnectedAccountRequest>())?;
    check(req.body::<tools::ExecuteToolRequest>())?;
    check(req.body::<tools::SearchToolsRequest>())?;
    check(req.body::<mcp::McpConfig>())?;
    check(req.body::<mcp::EnsureMcpInstanceRequest>())
}

#[test]
fn the_query_decoder_never_panics_and_refuses_in_shape() {
    let pairs = proptest::collection::vec((key(), text(8)), 0..8);
    proptest!(config(50_000), |(pairs in pairs)| {
        let req = request(pairs, Vec::new());
        check(req.query::<tools::ListToolsRequest>())?;
        check(req.query::<ca::ListConnectedAccountsRequest>())?;
        check(req.query::<ca::AccountRef>())?;
        check(req.query::<mcp::ListMcpInstancesRequest>())?;
    });
}

#[test]
fn the_body_decoder_never_panics_and_refuses_in_shape() {
    proptest!(config(40_000), |(doc in json())| {
        let wrapped = serde_json::json!({"connected_account": doc.clone(), "filter": doc.clone()});
        decode_body(&request(Vec::new(), serde_json::to_vec(&doc).unwrap()))?;
        decode_body(&request(Vec::new(), serde_json::to_vec(&wrapped).unwrap()))?;
    });
    proptest!(config(20_000), |(raw in proptest::collection::vec(any::<u8>(), 0..64))| {
        let mut body = b"{".to_vec();
        body.extend(raw);
        decode_body(&request(Vec::new(), body))?;
    });
}
