//! `McpService` instances: one user's MCP server made from a config, reachable at a secret URL.

use super::magic::{issue_link, LinkSpec};
use super::mcp_configs::config_for_user;
use super::{now, Paging};
use crate::http::{json, ApiError, ApiRequest, ApiResult};
use crate::state::{AppState, McpInstanceRecord, Store};
use crate::validate::Checks;
use agentkit_wire::connected_accounts::AccountRef;
use agentkit_wire::mcp::{
    EnsureMcpInstanceRequest, GetMcpInstanceAuthStateResponse, ListMcpInstancesRequest,
    ListMcpInstancesResponse, McpInstance, McpInstanceConnectionAuthState, McpInstanceResponse,
    UpdateMcpInstanceRequest,
};
use agentkit_wire::{ConnectorStatus, Empty};

const PAGE: usize = 30;

/// The URL of an instance; its last segment is the credential.
pub(crate) fn instance_url(base: &str, token: &str) -> String {
    format!("{base}/mcp/v1/{token}")
}

/// The wire view of an instance, with its config as the instance's user sees it.
pub(crate) fn view(state: &AppState, store: &Store, r: &McpInstanceRecord) -> McpInstance {
    McpInstance {
        id: r.id.clone(),
        name: r.name.clone(),
        user_identifier: r.user_identifier.clone(),
        config: store
            .mcp_configs
            .get(&r.config_id)
            .map(|c| config_for_user(store, &c.config, &r.user_identifier)),
        last_used_at: r.last_used_at,
        updated_at: Some(r.updated_at),
        url: instance_url(&state.url, &r.token),
    }
}

fn find<'a>(store: &'a Store, id: &str) -> Result<&'a McpInstanceRecord, ApiError> {
    store
        .mcp_instances
        .get(id)
        .ok_or_else(|| ApiError::not_found(format!("mcp instance {id:?} not found")))
}

fn respond(state: &AppState, id: &str) -> ApiResult {
    let store = state.store.read();
    let instance = view(state, &store, find(&store, id)?);
    json(&McpInstanceResponse {
        instance: Some(instance),
    })
}

/// `POST /api/v1/mcp/instances`: idempotent per (config, user); `name` defaults to
/// `<config>-<user>`.
pub(crate) fn ensure(state: &AppState, req: &ApiRequest) -> ApiResult {
    let r: EnsureMcpInstanceRequest = req.body()?;
    Checks::new()
        .required("config_name", Some(&r.config_name))
        .required("user_identifier", Some(&r.user_identifier))
        .finish()?;
    let id = state.write(|store| {
        let config_id = store
            .config_by_name(&r.config_name)
            .ok_or_else(|| {
                ApiError::not_found(format!("mcp config {:?} not found", r.config_name))
            })?
            .config
            .id
            .clone();
        let existing = store
            .mcp_instances
            .values()
            .find(|i| i.config_id == config_id && i.user_identifier == r.user_identifier);
        if let Some(existing) = existing {
            return Ok(existing.id.clone());
        }
        let name = if r.name.is_empty() {
            format!("{}-{}", r.config_name, r.user_identifier)
        } else {
            r.name.clone()
        };
        let record = McpInstanceRecord {
            seq: store.next_seq(),
            id: crate::ids::uuid(),
            name,
            user_identifier: r.user_identifier.clone(),
            config_id,
            token: crate::ids::alnum(32),
            last_used_at: None,
            updated_at: now(),
        };
        let id = record.id.clone();
        store.insert_instance(record);
        Ok::<_, ApiError>(id)
    })?;
    respond(state, &id)
}

/// `GET /api/v1/mcp/instances`.
pub(crate) fn list(state: &AppState, req: &ApiRequest) -> ApiResult {
    let q: ListMcpInstancesRequest = req.query()?;
    Checks::new().lte("page_size", q.page_size, 30).finish()?;
    let f = q.filter.unwrap_or_default();
    let paging = Paging::new(q.page_token.as_deref(), q.page_size, PAGE, PAGE)?;
    let search = q
        .search
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(str::to_ascii_lowercase);
    let store = state.store.read();
    let config_name = |r: &McpInstanceRecord| {
        store
            .mcp_configs
            .get(&r.config_id)
            .map(|c| c.config.name.clone())
            .unwrap_or_default()
    };
    let mut matching: Vec<&McpInstanceRecord> = store
        .mcp_instances
        .values()
        .filter(|r| {
            f.id.as_deref().is_none_or(|id| r.id == id)
                && f.name.as_deref().is_none_or(|n| r.name == n)
                && f.user_identifier
                    .as_deref()
                    .is_none_or(|u| r.user_identifier == u)
                && f.config_name.as_deref().is_none_or(|c| config_name(r) == c)
                && search.as_deref().is_none_or(|s| {
                    r.name.to_ascii_lowercase().contains(s)
                        || r.user_identifier.to_ascii_lowercase().contains(s)
                })
        })
        .collect();
    matching.sort_by_key(|r| r.seq);
    let (page, t) = paging.apply(matching);
    json(&ListMcpInstancesResponse {
        instances: page.into_iter().map(|r| view(state, &store, r)).collect(),
        next_page_token: t.next_page_token,
        prev_page_token: t.prev_page_token,
        total_size: t.total_size,
    })
}

/// `GET /api/v1/mcp/instances/{instance_id}`.
pub(crate) fn get(state: &AppState, req: &ApiRequest) -> ApiResult {
    respond(state, req.param(0))
}

/// `PATCH /api/v1/mcp/instances/{instance_id}`: renames it and/or moves it to another config.
pub(crate) fn update(state: &AppState, req: &ApiRequest) -> ApiResult {
    let id = req.param(0).to_string();
    let r: UpdateMcpInstanceRequest = req.body()?;
    state.write(|store| {
        let config_id = match r.config_name.as_str() {
            "" => None,
            name => Some(
                store
                    .config_by_name(name)
                    .ok_or_else(|| ApiError::not_found(format!("mcp config {name:?} not found")))?
                    .config
                    .id
                    .clone(),
            ),
        };
        let record = store
            .mcp_instances
            .get_mut(&id)
            .ok_or_else(|| ApiError::not_found(format!("mcp instance {id:?} not found")))?;
        if !r.name.is_empty() {
            record.name = r.name.clone();
        }
        if let Some(config_id) = config_id {
            record.config_id = config_id;
        }
        record.updated_at = now();
        Ok::<_, ApiError>(())
    })?;
    respond(state, &id)
}

/// `DELETE /api/v1/mcp/instances/{instance_id}`.
pub(crate) fn delete(state: &AppState, req: &ApiRequest) -> ApiResult {
    let id = req.param(0).to_string();
    state.write(|store| {
        store
            .remove_instance(&id)
            .map(|_| ())
            .ok_or_else(|| ApiError::not_found(format!("mcp instance {id:?} not found")))
    })?;
    json(&Empty {})
}

/// grpc-gateway parses bools with Go's `strconv.ParseBool`.
fn parse_bool(text: Option<&str>) -> Result<bool, ApiError> {
    match text {
        None | Some("") => Ok(false),
        Some("1" | "t" | "T" | "true" | "TRUE" | "True") => Ok(true),
        Some("0" | "f" | "F" | "false" | "FALSE" | "False") => Ok(false),
        Some(other) => Err(ApiError::invalid(format!(
            "invalid value {other:?} for include_auth_links"
        ))),
    }
}

/// `POST /api/v1/mcp/instances/{instance_id}:get_auth_state?include_auth_links=…` (no body):
/// the user's account on each mapped connection, with a fresh magic link for those that are
/// not `ACTIVE` when asked (creating missing accounts, as the link flow does).
pub(crate) fn auth_state(state: &AppState, req: &ApiRequest) -> ApiResult {
    let id = req.param(0).to_string();
    let with_links = parse_bool(req.query_value("include_auth_links"))?;
    let connections = state.write(|store| {
        let instance = find(store, &id)?.clone();
        let mappings = store
            .mcp_configs
            .get(&instance.config_id)
            .map(|c| c.config.connection_tool_mappings.clone())
            .unwrap_or_default();
        let user = instance.user_identifier;
        let mut out = Vec::with_capacity(mappings.len());
        for m in mappings {
            let account = store
                .account_by_key(&m.connection_name, &user)
                .map(|a| a.account.clone());
            let mut entry = McpInstanceConnectionAuthState {
                connection_id: m.connection_id.clone(),
                connection_name: m.connection_name.clone(),
                provider: m.provider.clone(),
                connected_account_id: account.as_ref().map(|a| a.id.clone()).unwrap_or_default(),
                connected_account_status: account
                    .as_ref()
                    .map(|a| a.status.as_str().to_string())
                    .unwrap_or_default(),
                authentication_link: String::new(),
            };
            let active = account.is_some_and(|a| a.status == ConnectorStatus::Active);
            if with_links && !active {
                let spec = LinkSpec {
                    account: AccountRef::by_identifier(&m.connection_name, &user),
                    state: None,
                    user_verify_url: None,
                    ttl: state.link_ttl(),
                };
                let issued = issue_link(state, store, spec)?;
                if let Some(a) = store.account(&issued.account_id) {
                    entry.connected_account_id = a.account.id.clone();
                    entry.connected_account_status = a.account.status.as_str().to_string();
                }
                entry.authentication_link = issued.link;
            }
            out.push(entry);
        }
        Ok::<_, ApiError>(out)
    })?;
    json(&GetMcpInstanceAuthStateResponse { connections })
}
