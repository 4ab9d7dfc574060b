//! Drives every AgentKit RPC through the `agentkit` client against a fresh Kitbench Sandbox,
//! records each exchange with the client's observer, and checks every request and response
//! strictly against the real message definitions. A route with no covered call fails the test.

mod drive;

use agentkit::{Client, Observer};
use kitbench_conformance::{Exchange, Routes};

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

/// Every binding Kitbench's client speaks: the SDK surface of REFERENCE §11 plus the two extra
/// reads the app uses.
const REQUIRED: &[(&str, &str)] = &[
    (
        "ConnectedAccountService.ListConnectedAccounts",
        "/api/v1/connected_accounts",
    ),
    (
        "ConnectedAccountService.SearchConnectedAccounts",
        "/api/v1/connected_accounts:search",
    ),
    (
        "ConnectedAccountService.CreateConnectedAccount",
        "/api/v1/connected_accounts",
    ),
    (
        "ConnectedAccountService.UpdateConnectedAccount",
        "/api/v1/connected_accounts",
    ),
    (
        "ConnectedAccountService.DeleteConnectedAccount",
        "/api/v1/connected_accounts:delete",
    ),
    (
        "ConnectedAccountService.GetMagicLinkForConnectedAccount",
        "/api/v1/connected_accounts/magic_link",
    ),
    (
        "ConnectedAccountService.GetConnectedAccountAuth",
        "/api/v1/connected_accounts/auth",
    ),
    (
        "ConnectedAccountService.GetConnectedAccountDetails",
        "/api/v1/connected_accounts/details",
    ),
    (
        "ConnectedAccountService.VerifyConnectedAccountUser",
        "/api/v1/connected_accounts/user/verify",
    ),
    ("ToolService.ListTools", "/api/v1/tools"),
    ("ToolService.ListScopedTools", "/api/v1/tools/scoped"),
    ("ToolService.ListAvailableTools", "/api/v1/tools/available"),
    ("ToolService.SearchTools", "/api/v1/tools:search"),
    ("ToolService.ExecuteTool", "/api/v1/execute_tool"),
    (
        "ConnectionService.ListAppConnections",
        "/api/v1/connections/app",
    ),
    ("McpService.ListMcpConfigs", "/api/v1/mcp/configs"),
    ("McpService.GetMcpConfig", "/api/v1/mcp/configs/{config_id}"),
    ("McpService.CreateMcpConfig", "/api/v1/mcp/configs"),
    (
        "McpService.UpdateMcpConfig",
        "/api/v1/mcp/configs/{config_id}",
    ),
    (
        "McpService.DeleteMcpConfig",
        "/api/v1/mcp/configs/{config_id}",
    ),
    ("McpService.EnsureMcpInstance", "/api/v1/mcp/instances"),
    (
        "McpService.UpdateMcpInstance",
        "/api/v1/mcp/instances/{instance_id}",
    ),
    (
        "McpService.GetMcpInstance",
        "/api/v1/mcp/instances/{instance_id}",
    ),
    ("McpService.ListMcpInstances", "/api/v1/mcp/instances"),
    (
        "McpService.DeleteMcpInstance",
        "/api/v1/mcp/instances/{instance_id}",
    ),
    (
        "McpService.GetMcpInstanceAuthState",
        "/api/v1/mcp/instances/{instance_id}:get_auth_state",
    ),
    (
        "McpService.ListMcpConnectedAccounts",
        "/api/v1/mcp/configs/{config_id}/connected_accounts",
    ),
    (
        "McpService.CreateMcpSessionToken",
        "/api/v1/mcp/configs/{mcp_config_id}/tokens",
    ),
    (
        "McpService.CreateMcpSessionToken",
        "/api/v1/mcp/connections/{key_id}/tokens",
    ),
    (
        "ProviderService.CreateCustomProvider",
        "/api/v1/custom-providers",
    ),
    (
        "ProviderService.UpdateCustomProvider",
        "/api/v1/custom-providers/{identifier}",
    ),
    ("ProviderService.ListProviders", "/api/v1/providers"),
    (
        "ProviderService.DeleteCustomProvider",
        "/api/v1/custom-providers/{identifier}",
    ),
];

#[derive(Default)]
struct Recorder(Mutex<Vec<Exchange>>);

impl Observer for Recorder {
    fn on_exchange(&self, ex: &agentkit::Exchange) {
        let Some(status) = ex.status else { return };
        self.0.lock().unwrap().push(Exchange {
            method: ex.method.clone(),
            url: ex.url.clone(),
            request_body: ex.request_body.clone(),
            status,
            response_body: ex.response_body.clone().unwrap_or_default(),
        });
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_matches_the_real_message_definitions() {
    let sandbox = kitbench_sandbox::start(Default::default()).await.unwrap();
    let recorder = Arc::new(Recorder::default());
    let client = Client::builder(sandbox.url(), sandbox.client_id(), sandbox.client_secret())
        .observer(recorder.clone())
        .build()
        .unwrap();
    drive::drive_accounts(&client).await;
    let gmail_tools = drive::drive_tools(&client).await;
    drive::drive_mcp(&client, &gmail_tools).await;
    drive::drive_providers(&client).await;

    let routes = Routes::load();
    let mut covered = BTreeSet::new();
    let mut failures = Vec::new();
    let exchanges = recorder.0.lock().unwrap().clone();
    for ex in exchanges.iter().filter(|e| e.url.contains("/api/v1/")) {
        match routes.check(ex) {
            Ok(call) if (200..300).contains(&call.status) => {
                covered.insert((call.rpc, call.template));
            }
            Ok(_) => {}
            Err(e) => failures.push(e),
        }
    }
    assert!(
        failures.is_empty(),
        "wire mismatches:\n{}",
        failures.join("\n")
    );
    let missing: Vec<_> = REQUIRED
        .iter()
        .filter(|(rpc, t)| !covered.contains(&(rpc.to_string(), t.to_string())))
        .collect();
    assert!(
        missing.is_empty(),
        "routes with no covered call: {missing:?}"
    );
    println!(
        "checked {} exchanges over {} bindings",
        exchanges.len(),
        covered.len()
    );
    sandbox.shutdown().await;
}
