//! `McpService` configs: named sets of tools across connections.

use super::magic::{issue_link, LinkSpec};
use super::Paging;
use crate::http::{json, ApiError, ApiRequest, ApiResult};
use crate::state::{AppState, McpConfigRecord, Store};
use crate::validate::{Checks, Pattern};
use agentkit_wire::connected_accounts::AccountRef;
use agentkit_wire::mcp::{
    ListMcpConfigsRequest, ListMcpConfigsResponse, ListMcpConnectedAccountsRequest,
    ListMcpConnectedAccountsResponse, McpConfig, McpConfigConnectionToolMapping, McpConfigResponse,
    McpConnectionAuthState, UpdateMcpConfigRequest,
};
use agentkit_wire::{ConnectorStatus, Empty};
use std::time::Duration;

const PAGE: usize = 30;
/// Links from ListMcpConnectedAccounts are documented as valid for one minute.
const MCP_LINK_TTL: Duration = Duration::from_secs(60);

/// Checks the mappings (≤25, known connections, tools of the connection's provider) and fills
/// their output-only `connection_id` and `provider`. An empty `tools` list exposes every tool
/// of the connection.
fn resolve_mappings(
    state: &AppState,
    mappings: Vec<McpConfigConnectionToolMapping>,
) -> Result<Vec<McpConfigConnectionToolMapping>, ApiError> {
    let mut c = Checks::new();
    c.max_items("connection_tool_mappings", mappings.len(), 25);
    for (i, m) in mappings.iter().enumerate() {
        c.required(
            &format!("connection_tool_mappings[{i}].connection_name"),
            Some(&m.connection_name),
        );
    }
    c.finish()?;
    let mut out = Vec::with_capacity(mappings.len());
    for (i, m) in mappings.into_iter().enumerate() {
        let connector = state.catalog.connector(&m.connection_name).ok_or_else(|| {
            ApiError::not_found(format!("connection {:?} not found", m.connection_name))
        })?;
        for (j, tool) in m.tools.iter().enumerate() {
            let fits = state
                .catalog
                .tool(tool)
                .is_some_and(|t| t.provider == connector.slug);
            if !fits {
                c.fail(
                    &format!("connection_tool_mappings[{i}].tools[{j}]"),
                    format!(
                        "tool {tool:?} is not a tool of connection {:?}",
                        connector.slug
                    ),
                    "tool.exists",
                );
            }
        }
        out.push(McpConfigConnectionToolMapping {
            connection_id: connector.connection_id.clone(),
            connection_name: connector.slug.clone(),
            provider: connector.slug.clone(),
            tools: m.tools,
            connected_account_id: None,
            connected_account_status: None,
        });
    }
    c.finish()?;
    Ok(out)
}

/// The config with each mapping's account (id and status) for `user`, as instances show it.
pub(crate) fn config_for_user(store: &Store, config: &McpConfig, user: &str) -> McpConfig {
    let mut config = config.clone();
    for m in &mut config.connection_tool_mappings {
        if let Some(r) = store.account_by_key(&m.connection_name, user) {
            m.connected_account_id = Some(r.account.id.clone());
            m.connected_account_status = Some(r.account.status.as_str().to_string());
        }
    }
    config
}

fn find<'a>(store: &'a Store, id: &str) -> Result<&'a McpConfigRecord, ApiError> {
    store
        .mcp_configs
        .get(id)
        .ok_or_else(|| ApiError::not_found(format!("mcp config {id:?} not found")))
}

/// `POST /api/v1/mcp/configs` (the body is the bare `McpConfig`).
pub(crate) fn create(state: &AppState, req: &ApiRequest) -> ApiResult {
    let input: McpConfig = req.body()?;
    Checks::new()
        .required("name", Some(&input.name))
        .len("name", Some(&input.name), 1, 100)
        .pattern("name", Some(&input.name), Pattern::McpName)
        .finish()?;
    let mappings = resolve_mappings(state, input.connection_tool_mappings)?;
    let config = state.write(|store| {
        if store.config_by_name(&input.name).is_some() {
            return Err(ApiError::already_exists(format!(
                "mcp config {:?} already exists",
                input.name
            )));
        }
        let id = crate::ids::uuid();
        let config = McpConfig {
            mcp_server_url: format!("{}/mcp/v3/servers/{id}", state.url),
            id: id.clone(),
            name: input.name,
            description: input.description,
            connection_tool_mappings: mappings,
        };
        let seq = store.next_seq();
        store.mcp_configs.insert(
            id,
            McpConfigRecord {
                seq,
                config: config.clone(),
            },
        );
        Ok(config)
    })?;
    json(&McpConfigResponse {
        config: Some(config),
    })
}

/// `GET /api/v1/mcp/configs`.
pub(crate) fn list(state: &AppState, req: &ApiRequest) -> ApiResult {
    let q: ListMcpConfigsRequest = req.query()?;
    let f = q.filter.unwrap_or_default();
    Checks::new()
        .max_len("filter.name", f.name.as_deref(), 100)
        .pattern("filter.name", f.name.as_deref(), Pattern::NameFilter)
        .lte("page_size", q.page_size, 30)
        .finish()?;
    let paging = Paging::new(q.page_token.as_deref(), q.page_size, PAGE, PAGE)?;
    let search = q
        .search
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(str::to_ascii_lowercase);
    let store = state.store.read();
    let mut matching: Vec<&McpConfigRecord> = store
        .mcp_configs
        .values()
        .filter(|r| {
            let c = &r.config;
            f.id.as_deref().is_none_or(|id| c.id == id)
                && f.name.as_deref().is_none_or(|n| c.name == n)
                && f.mcp_server_url
                    .as_deref()
                    .is_none_or(|u| c.mcp_server_url == u)
                && f.provider.as_deref().is_none_or(|p| {
                    c.connection_tool_mappings
                        .iter()
                        .any(|m| m.provider.eq_ignore_ascii_case(p))
                })
                && search.as_deref().is_none_or(|s| {
                    c.name.contains(s) || c.description.to_ascii_lowercase().contains(s)
                })
        })
        .collect();
    matching.sort_by_key(|r| r.seq);
    let (page, t) = paging.apply(matching);
    json(&ListMcpConfigsResponse {
        configs: page.into_iter().map(|r| r.config.clone()).collect(),
        next_page_token: t.next_page_token,
        prev_page_token: t.prev_page_token,
        total_size: t.total_size,
    })
}

/// `GET /api/v1/mcp/configs/{config_id}`.
pub(crate) fn get(state: &AppState, req: &ApiRequest) -> ApiResult {
    let config = find(&state.store.read(), req.param(0))?.config.clone();
    json(&McpConfigResponse {
        config: Some(config),
    })
}

/// `PUT /api/v1/mcp/configs/{config_id}`: replaces the description and the mappings.
pub(crate) fn update(state: &AppState, req: &ApiRequest) -> ApiResult {
    let id = req.param(0).to_string();
    let input: UpdateMcpConfigRequest = req.body()?;
    let mappings = resolve_mappings(state, input.connection_tool_mappings)?;
    let config = state.write(|store| {
        let record = store
            .mcp_configs
            .get_mut(&id)
            .ok_or_else(|| ApiError::not_found(format!("mcp config {id:?} not found")))?;
        record.config.description = input.description;
        record.config.connection_tool_mappings = mappings;
        Ok::<_, ApiError>(record.config.clone())
    })?;
    json(&McpConfigResponse {
        config: Some(config),
    })
}

/// `DELETE /api/v1/mcp/configs/{config_id}`; the config's instances go with it.
pub(crate) fn delete(state: &AppState, req: &ApiRequest) -> ApiResult {
    let id = req.param(0).to_string();
    state.write(|store| {
        store
            .mcp_configs
            .remove(&id)
            .ok_or_else(|| ApiError::not_found(format!("mcp config {id:?} not found")))?;
        let orphans: Vec<String> = store
            .mcp_instances
            .values()
            .filter(|i| i.config_id == id)
            .map(|i| i.id.clone())
            .collect();
        for orphan in orphans {
            store.remove_instance(&orphan);
        }
        Ok::<_, ApiError>(())
    })?;
    json(&Empty {})
}

/// `POST /api/v1/mcp/configs/{config_id}/connected_accounts`: the identifier's account on each
/// mapped connection. With `include_auth_link`, missing accounts are created and every account
/// that is not `ACTIVE` gets a fresh link valid for one minute.
pub(crate) fn connected_accounts(state: &AppState, req: &ApiRequest) -> ApiResult {
    let id = req.param(0).to_string();
    let r: ListMcpConnectedAccountsRequest = req.body()?;
    Checks::new()
        .required("identifier", Some(&r.identifier))
        .finish()?;
    let entries = state.write(|store| {
        let mappings = find(store, &id)?.config.connection_tool_mappings.clone();
        let mut out = Vec::with_capacity(mappings.len());
        for m in mappings {
            let existing = store
                .account_by_key(&m.connection_name, &r.identifier)
                .map(|a| a.account.clone());
            let active = existing
                .as_ref()
                .is_some_and(|a| a.status == ConnectorStatus::Active);
            let mut entry = McpConnectionAuthState {
                connection_id: m.connection_id.clone(),
                connection_name: m.connection_name.clone(),
                provider: m.provider.clone(),
                connected_account_id: existing.as_ref().map(|a| a.id.clone()),
                connected_account_status: existing.as_ref().map(|a| a.status.as_str().to_string()),
                authentication_link: String::new(),
            };
            if r.include_auth_link && !active {
                let spec = LinkSpec {
                    account: AccountRef::by_identifier(&m.connection_name, &r.identifier),
                    state: None,
                    user_verify_url: None,
                    ttl: MCP_LINK_TTL,
                };
                let issued = issue_link(state, store, spec)?;
                let status = store
                    .account(&issued.account_id)
                    .map(|a| a.account.status.as_str().to_string());
                entry.connected_account_id = Some(issued.account_id);
                entry.connected_account_status = status;
                entry.authentication_link = issued.link;
            }
            out.push(entry);
        }
        Ok::<_, ApiError>(out)
    })?;
    json(&ListMcpConnectedAccountsResponse {
        connected_accounts: entries,
    })
}
