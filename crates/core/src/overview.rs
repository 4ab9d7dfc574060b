//! Live counts of an environment, fetched through the AgentKit client.

use std::collections::BTreeMap;
use std::time::Instant;

use agentkit::wire::connected_accounts::ListConnectedAccountsRequest;
use agentkit::wire::mcp::{ListMcpConfigsRequest, ListMcpInstancesRequest};
use agentkit::wire::ConnectorStatus;
use agentkit::Client;
use serde::Serialize;
use ts_rs::TS;

use crate::Result;

/// How many connected accounts have one status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "StatusCount.ts")]
pub struct StatusCount {
    /// The wire name (`ACTIVE`, `PENDING_AUTH`, `EXPIRED`, …).
    pub status: String,
    /// How many accounts.
    pub count: u32,
}

/// The overview page's numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "Overview.ts")]
pub struct Overview {
    /// Which environment.
    pub env_id: String,
    /// App connections.
    pub connections: u32,
    /// All connected accounts.
    pub connected_accounts: u32,
    /// Connected accounts by status, in a fixed order (active first), zero counts left out.
    pub accounts_by_status: Vec<StatusCount>,
    /// MCP configs.
    pub mcp_configs: u32,
    /// MCP instances.
    pub mcp_instances: u32,
    /// RFC 3339.
    pub fetched_at: String,
    /// How long the four calls took together.
    pub elapsed_ms: u32,
}

/// The order statuses are shown in; unknown ones follow alphabetically.
const STATUS_ORDER: [ConnectorStatus; 5] = [
    ConnectorStatus::Active,
    ConnectorStatus::PendingAuth,
    ConnectorStatus::PendingVerification,
    ConnectorStatus::Expired,
    ConnectorStatus::Disconnected,
];

/// Fetches the counts (the four lists run concurrently).
pub async fn fetch(env_id: &str, client: &Client) -> Result<Overview> {
    let started = Instant::now();
    let accounts_req = ListConnectedAccountsRequest {
        page_size: Some(99),
        ..Default::default()
    };
    let configs_req = ListMcpConfigsRequest {
        page_size: Some(1),
        ..Default::default()
    };
    let instances_req = ListMcpInstancesRequest {
        page_size: Some(1),
        ..Default::default()
    };
    let (connections, accounts, configs, instances) = tokio::try_join!(
        client.list_all_app_connections(),
        client.list_all_connected_accounts(&accounts_req),
        client.list_mcp_configs(&configs_req),
        client.list_mcp_instances(&instances_req),
    )?;
    let statuses = accounts.iter().map(|a| a.status.clone());
    Ok(Overview {
        env_id: env_id.to_string(),
        connections: count(connections.len()),
        connected_accounts: count(accounts.len()),
        accounts_by_status: by_status(statuses),
        mcp_configs: configs.total_size.max(count(configs.configs.len())),
        mcp_instances: instances.total_size.max(count(instances.instances.len())),
        fetched_at: crate::environments::repo::now(),
        elapsed_ms: started.elapsed().as_millis().try_into().unwrap_or(u32::MAX),
    })
}

fn count(n: usize) -> u32 {
    n.try_into().unwrap_or(u32::MAX)
}

/// Groups statuses: known ones in [`STATUS_ORDER`], then the rest by name.
pub fn by_status(statuses: impl IntoIterator<Item = ConnectorStatus>) -> Vec<StatusCount> {
    let mut tally: BTreeMap<String, u32> = BTreeMap::new();
    for s in statuses {
        *tally.entry(s.as_str().to_string()).or_default() += 1;
    }
    let mut out = Vec::new();
    for known in &STATUS_ORDER {
        if let Some(count) = tally.remove(known.as_str()) {
            out.push(StatusCount {
                status: known.as_str().to_string(),
                count,
            });
        }
    }
    out.extend(
        tally
            .into_iter()
            .map(|(status, count)| StatusCount { status, count }),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_in_display_order() {
        let s = [
            ConnectorStatus::Expired,
            ConnectorStatus::Active,
            ConnectorStatus::Unknown("SUSPENDED".into()),
            ConnectorStatus::Active,
            ConnectorStatus::PendingAuth,
        ];
        let got: Vec<_> = by_status(s)
            .into_iter()
            .map(|c| (c.status, c.count))
            .collect();
        let want = [
            ("ACTIVE", 2),
            ("PENDING_AUTH", 1),
            ("EXPIRED", 1),
            ("SUSPENDED", 1),
        ];
        assert_eq!(got, want.map(|(s, n)| (s.to_string(), n)));
    }
}
