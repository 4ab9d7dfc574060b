//! Live counts of an environment, fetched through the AgentKit client: totals come from each
//! list's `total_size` (one small page per list, whatever the number of accounts); the accounts'
//! by-status breakdown needs every page, so [`breakdown`] computes it in the background and
//! caches it per environment.

pub mod breakdown;

pub use breakdown::{Breakdown, BreakdownCache, OverviewProgress, PROGRESS_INTERVAL};

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
    /// All connected accounts (the list's `total_size`; by status, see `Breakdown`).
    pub connected_accounts: u32,
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

/// Fetches the counts (the four lists run concurrently; accounts, configs and instances are
/// one call of one item each, read for `total_size`).
pub async fn fetch(env_id: &str, client: &Client) -> Result<Overview> {
    let started = Instant::now();
    let accounts_req = ListConnectedAccountsRequest {
        page_size: Some(1),
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
        client.list_connected_accounts(&accounts_req),
        client.list_mcp_configs(&configs_req),
        client.list_mcp_instances(&instances_req),
    )?;
    Ok(Overview {
        env_id: env_id.to_string(),
        connections: count(connections.len()),
        connected_accounts: accounts
            .total_size
            .max(count(accounts.connected_accounts.len())),
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
    ordered(tally)
}

/// A tally by status name in display order: known ones in [`STATUS_ORDER`], then the rest by
/// name.
pub fn ordered(mut tally: BTreeMap<String, u32>) -> Vec<StatusCount> {
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
