//! Wire fidelity against the real AgentKit message definitions.
//!
//! `scalekit_agentkit.binpb` is the `FileDescriptorSet` built from the official Python SDK's
//! `*_pb2` modules (a copy of `shared/scalekit-api/scalekit_agentkit.binpb`, kept here so the check
//! runs from a clone alone). [`Routes`] reads every RPC's `google.api.http` rule from it, and
//! [`Routes::check`] takes one recorded HTTP exchange, finds its RPC the way grpc-gateway would, and
//! parses the request (path + query + body) as the RPC's input message and the answer as its output
//! message — strictly, so a field the real API does not have is an error.

mod json;
mod routes;

pub use routes::{CheckedCall, Exchange, Route, Routes};

use prost_reflect::DescriptorPool;
use std::sync::OnceLock;

const DESCRIPTORS: &[u8] = include_bytes!("../scalekit_agentkit.binpb");

/// The decoded descriptor pool (25 files, 8 services).
pub fn pool() -> &'static DescriptorPool {
    static POOL: OnceLock<DescriptorPool> = OnceLock::new();
    POOL.get_or_init(|| {
        DescriptorPool::decode(DESCRIPTORS).expect("the bundled descriptor set decodes")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_http_rules() {
        let routes = Routes::load();
        let find = |rpc: &str| routes.all().iter().filter(|r| r.rpc == rpc).count();
        assert_eq!(find("ToolService.ExecuteTool"), 1);
        assert_eq!(find("McpService.CreateMcpSessionToken"), 2, "both bindings");
        assert_eq!(find("ConnectedAccountService.GetConnectedAccount"), 2);
        let exec = routes
            .all()
            .iter()
            .find(|r| r.rpc == "ToolService.ExecuteTool")
            .unwrap();
        assert_eq!(
            (
                exec.verb.as_str(),
                exec.template.as_str(),
                exec.body.as_str()
            ),
            ("POST", "/api/v1/execute_tool", "*")
        );
    }

    #[test]
    fn literal_routes_win_and_query_is_typed() {
        let routes = Routes::load();
        let exchange = Exchange {
            method: "GET".into(),
            url: "http://h/api/v1/connections/app?page_size=30&query=gma".into(),
            request_body: None,
            status: 200,
            response_body:
                br#"{"connections":[],"next_page_token":"","prev_page_token":"","total_size":0}"#
                    .to_vec(),
        };
        let call = routes.check(&exchange).unwrap();
        assert_eq!(call.rpc, "ConnectionService.ListAppConnections");
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let routes = Routes::load();
        let exchange = Exchange {
            method: "POST".into(),
            url: "http://h/api/v1/execute_tool".into(),
            request_body: Some(br#"{"tool_name":"x","tool_input":{}}"#.to_vec()),
            status: 200,
            response_body: br#"{"data":{},"execution_id":"e"}"#.to_vec(),
        };
        let err = routes.check(&exchange).unwrap_err();
        assert!(err.contains("tool_input"), "{err}");
    }

    #[test]
    fn error_bodies_are_status_with_error_info() {
        let routes = Routes::load();
        let exchange = Exchange {
            method: "POST".into(),
            url: "http://h/api/v1/connected_accounts:delete".into(),
            request_body: Some(br#"{"id":"ca_1"}"#.to_vec()),
            status: 404,
            response_body: br#"{"code":5,"message":"nope","details":[{"@type":"type.googleapis.com/scalekit.v1.errdetails.ErrorInfo","error_code":"RESOURCE_NOT_FOUND"}]}"#.to_vec(),
        };
        assert_eq!(
            routes.check(&exchange).unwrap().rpc,
            "ConnectedAccountService.DeleteConnectedAccount"
        );
    }
}
