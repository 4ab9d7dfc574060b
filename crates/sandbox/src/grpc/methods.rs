//! The RPCs the gRPC front serves, read at start from the shipped descriptor set
//! (`proto/scalekit_agentkit.binpb`, built from the official Python SDK's `*_pb2` modules) and
//! each method's `google.api.http` rule.

use prost_reflect::{DescriptorPool, DynamicMessage, MessageDescriptor, Value};
use std::collections::HashMap;
use std::sync::OnceLock;

const DESCRIPTORS: &[u8] = include_bytes!("../../proto/scalekit_agentkit.binpb");

/// The five AgentKit services (the set also holds webauthn, domains and an errdetails dummy).
pub(crate) const SERVICES: &[&str] = &[
    "scalekit.v1.connected_accounts.ConnectedAccountService",
    "scalekit.v1.tools.ToolService",
    "scalekit.v1.mcp.McpService",
    "scalekit.v1.connections.ConnectionService",
    "scalekit.v1.providers.ProviderService",
];

/// The decoded descriptor pool.
pub(crate) fn pool() -> &'static DescriptorPool {
    static POOL: OnceLock<DescriptorPool> = OnceLock::new();
    // The set is compiled in; a decode failure is a build defect, caught by every grpc test.
    POOL.get_or_init(|| DescriptorPool::decode(DESCRIPTORS).expect("bundled descriptor set"))
}

/// The primary `google.api.http` binding of an RPC (grpc-gateway serves
/// `additional_bindings` too, but a gRPC call needs only one way to reach the handler).
#[derive(Debug, Clone)]
pub(crate) struct HttpRule {
    /// `GET`, `POST`, …
    pub verb: &'static str,
    /// e.g. `/api/v1/mcp/instances/{instance_id}:get_auth_state`.
    pub template: String,
    /// `""` (all non-path fields go to the query), `"*"` or a field name.
    pub body: String,
}

/// One RPC: its gRPC path, messages and REST binding.
#[derive(Debug, Clone)]
pub(crate) struct Method {
    /// `Service.Method`, for messages.
    pub name: String,
    pub input: MessageDescriptor,
    pub output: MessageDescriptor,
    pub rule: Option<HttpRule>,
}

/// Every RPC of [`SERVICES`] by its gRPC path (`/package.Service/Method`).
pub(crate) fn methods() -> &'static HashMap<String, Method> {
    static TABLE: OnceLock<HashMap<String, Method>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let pool = pool();
        let http = pool.get_extension_by_name("google.api.http");
        let mut table = HashMap::new();
        for service in SERVICES.iter().filter_map(|s| pool.get_service_by_name(s)) {
            for method in service.methods() {
                let rule = http.as_ref().and_then(|ext| {
                    let options = method.options();
                    options
                        .has_extension(ext)
                        .then(|| options.get_extension(ext))
                        .and_then(|v| v.as_message().and_then(parse_rule))
                });
                table.insert(
                    format!("/{}/{}", service.full_name(), method.name()),
                    Method {
                        name: format!("{}.{}", service.name(), method.name()),
                        input: method.input(),
                        output: method.output(),
                        rule,
                    },
                );
            }
        }
        table
    })
}

fn parse_rule(rule: &DynamicMessage) -> Option<HttpRule> {
    let text = |name: &str| match rule.get_field_by_name(name).as_deref() {
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    };
    let (verb, template) = [
        ("GET", "get"),
        ("PUT", "put"),
        ("POST", "post"),
        ("DELETE", "delete"),
        ("PATCH", "patch"),
    ]
    .into_iter()
    .map(|(verb, field)| (verb, text(field)))
    .find(|(_, t)| !t.is_empty())?;
    Some(HttpRule {
        verb,
        template,
        body: text("body"),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_every_rpc_of_the_five_services() {
        let table = super::methods();
        assert_eq!(table.len(), 17 + 10 + 17 + 20 + 8);
        let exec = &table["/scalekit.v1.tools.ToolService/ExecuteTool"];
        let rule = exec.rule.as_ref().unwrap();
        assert_eq!(
            (rule.verb, rule.template.as_str(), rule.body.as_str()),
            ("POST", "/api/v1/execute_tool", "*")
        );
        assert_eq!(
            exec.output.full_name(),
            "scalekit.v1.tools.ExecuteToolResponse"
        );
    }
}
