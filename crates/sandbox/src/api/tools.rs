//! `ToolService` lists: ListTools, ListScopedTools, ListAvailableTools and SearchTools.

use super::{find_account, Paging};
use crate::catalog::ToolEntry;
use crate::http::{json, ApiError, ApiRequest, ApiResult};
use crate::state::AppState;
use crate::validate::{Checks, Pattern};
use agentkit_wire::connected_accounts::AccountRef;
use agentkit_wire::tools::{
    ConnectionReadiness, ListAvailableToolsRequest, ListAvailableToolsResponse,
    ListScopedToolsRequest, ListScopedToolsResponse, ListToolsRequest, ListToolsResponse,
    ScopedTool, SearchToolsRequest, SearchToolsResponse, SearchedTool, ToolFilter,
};
use agentkit_wire::{ConnectorStatus, ToolReadinessState};
use std::collections::BTreeSet;

/// `page_size` defaults to 300 when 0 and is capped at 1000 (openapiv2 of ListTools).
const DEFAULT_PAGE: usize = 300;
const MAX_PAGE: usize = 1000;

fn nonempty(v: &Option<String>) -> Option<&str> {
    v.as_deref().filter(|s| !s.is_empty())
}

/// The providers a filter restricts to through an account or a connection, `None` for all.
fn scoped_providers(
    state: &AppState,
    f: &ToolFilter,
) -> Result<Option<BTreeSet<String>>, ApiError> {
    let store = state.store.read();
    let connector = nonempty(&f.connector);
    let identifier = nonempty(&f.identifier);
    if let Some(id) = nonempty(&f.connected_account_id) {
        let a = &find_account(&store, &AccountRef::by_id(id))?.account;
        return Ok(Some(BTreeSet::from([a.provider.clone()])));
    }
    match (connector, identifier) {
        (Some(c), Some(i)) => {
            let a = &find_account(&store, &AccountRef::by_identifier(c, i))?.account;
            Ok(Some(BTreeSet::from([a.provider.clone()])))
        }
        (Some(c), None) => {
            let conn = state
                .catalog
                .connector(c)
                .ok_or_else(|| ApiError::not_found(format!("connection {c:?} not found")))?;
            Ok(Some(BTreeSet::from([conn.slug.clone()])))
        }
        (None, Some(i)) => Ok(Some(
            store
                .accounts_of(i)
                .iter()
                .map(|r| r.account.provider.clone())
                .collect(),
        )),
        (None, None) => Ok(None),
    }
}

/// `GET /api/v1/tools`.
pub(crate) fn list(state: &AppState, req: &ApiRequest) -> ApiResult {
    let q: ListToolsRequest = req.query()?;
    let f = q.filter.unwrap_or_default();
    Checks::new()
        .max_len("filter.provider", f.provider.as_deref(), 50)
        .max_len("filter.identifier", f.identifier.as_deref(), 100)
        .len("filter.query", f.query.as_deref(), 3, 100)
        .max_len("filter.connector", f.connector.as_deref(), 400)
        .pattern(
            "filter.connector",
            f.connector.as_deref(),
            Pattern::Connector,
        )
        .max_len("filter.organization_id", f.organization_id.as_deref(), 32)
        .max_len("filter.user_id", f.user_id.as_deref(), 32)
        .max_len(
            "filter.connected_account_id",
            f.connected_account_id.as_deref(),
            100,
        )
        .prefix(
            "filter.connected_account_id",
            f.connected_account_id.as_deref(),
            "ca_",
        )
        .finish()?;
    let paging = Paging::new(q.page_token.as_deref(), q.page_size, DEFAULT_PAGE, MAX_PAGE)?;
    let providers = scoped_providers(state, &f)?;
    let tokens: Vec<String> = nonempty(&f.query)
        .map(|q| q.split_whitespace().map(str::to_ascii_lowercase).collect())
        .unwrap_or_default();
    let matching: Vec<&ToolEntry> = state
        .catalog
        .tools()
        .iter()
        .filter(|t| {
            nonempty(&f.provider).is_none_or(|p| t.provider.eq_ignore_ascii_case(p))
                && providers.as_ref().is_none_or(|ps| ps.contains(&t.provider))
                && (f.tool_name.is_empty() || f.tool_name.contains(&t.name))
                && tokens
                    .iter()
                    .all(|tok| t.name.to_ascii_lowercase().contains(tok.as_str()))
        })
        .collect();
    let (page, t) = paging.apply(matching);
    let summary = f.summary == Some(true);
    json(&ListToolsResponse {
        next_page_token: t.next_page_token,
        total_size: t.total_size,
        prev_page_token: t.prev_page_token,
        tool_names: page.iter().map(|t| t.name.clone()).collect(),
        tools: if summary {
            Vec::new()
        } else {
            page.iter().map(|t| t.wire().clone()).collect()
        },
    })
}

/// `GET /api/v1/tools/scoped`: the tools the identifier's `ACTIVE` accounts can run, each with
/// the account that would run it.
pub(crate) fn scoped(state: &AppState, req: &ApiRequest) -> ApiResult {
    let q: ListScopedToolsRequest = req.query()?;
    let mut c = Checks::new();
    c.required("identifier", Some(&q.identifier))
        .max_len("identifier", Some(&q.identifier), 100);
    if q.filter.is_none() {
        c.fail("filter", "value is required", "required");
    }
    c.finish()?;
    let f = q.filter.unwrap_or_default();
    let paging = Paging::new(q.page_token.as_deref(), q.page_size, DEFAULT_PAGE, MAX_PAGE)?;
    let store = state.store.read();
    let mut out = Vec::new();
    let mut accounts = store.accounts_of(&q.identifier);
    accounts.sort_by(|a, b| a.account.connector.cmp(&b.account.connector));
    for r in accounts {
        let a = &r.account;
        if a.status != ConnectorStatus::Active
            || !(f.providers.is_empty()
                || f.providers
                    .iter()
                    .any(|p| p.eq_ignore_ascii_case(&a.provider)))
            || !(f.connection_names.is_empty()
                || f.connection_names
                    .iter()
                    .any(|n| n.eq_ignore_ascii_case(&a.connector)))
        {
            continue;
        }
        for t in state.catalog.provider_tools(&a.provider) {
            if f.tool_names.is_empty() || f.tool_names.contains(&t.name) {
                out.push((t, a.id.clone()));
            }
        }
    }
    let (page, t) = paging.apply(out);
    json(&ListScopedToolsResponse {
        next_page_token: t.next_page_token,
        total_size: t.total_size,
        prev_page_token: t.prev_page_token,
        tools: page
            .into_iter()
            .map(|(tool, account_id)| ScopedTool {
                tool: Some(tool.wire().clone()),
                identifier: q.identifier.clone(),
                connected_account_id: account_id,
            })
            .collect(),
    })
}

/// `GET /api/v1/tools/available`: the tools of every provider the identifier has an account
/// on, whatever the account's status.
pub(crate) fn available(state: &AppState, req: &ApiRequest) -> ApiResult {
    let q: ListAvailableToolsRequest = req.query()?;
    Checks::new()
        .required("identifier", Some(&q.identifier))
        .max_len("identifier", Some(&q.identifier), 100)
        .finish()?;
    let paging = Paging::new(q.page_token.as_deref(), q.page_size, DEFAULT_PAGE, MAX_PAGE)?;
    let providers: BTreeSet<String> = state
        .store
        .read()
        .accounts_of(&q.identifier)
        .iter()
        .map(|r| r.account.provider.clone())
        .collect();
    let tools: Vec<&ToolEntry> = providers
        .iter()
        .flat_map(|p| state.catalog.provider_tools(p))
        .collect();
    let (page, t) = paging.apply(tools);
    json(&ListAvailableToolsResponse {
        next_page_token: t.next_page_token,
        total_size: t.total_size,
        prev_page_token: t.prev_page_token,
        tools: page.into_iter().map(|t| t.wire().clone()).collect(),
    })
}

/// How well a tool matches the query tokens, from 0 to 1: a token in the name counts twice
/// as much as a token only in the description.
fn score(tool: &ToolEntry, tokens: &[String]) -> f64 {
    if tokens.is_empty() {
        return 0.0;
    }
    let name = tool.name.to_ascii_lowercase().replace('_', " ");
    let description = tool.description.to_ascii_lowercase();
    let points: f64 = tokens
        .iter()
        .map(|t| {
            if name.contains(t.as_str()) {
                2.0
            } else if description.contains(t.as_str()) {
                1.0
            } else {
                0.0
            }
        })
        .sum();
    (points / (2.0 * tokens.len() as f64) * 1000.0).round() / 1000.0
}

/// `POST /api/v1/tools:search`.
pub(crate) fn search(state: &AppState, req: &ApiRequest) -> ApiResult {
    let r: SearchToolsRequest = req.body()?;
    Checks::new()
        .required("query", Some(&r.query))
        .len("query", Some(&r.query), 1, 256)
        .max_len("identifier", r.identifier.as_deref(), 100)
        .finish()?;
    let top_k = match r.top_k.unwrap_or(0) {
        0 => 10,
        k => k.min(50) as usize,
    };
    let tokens: Vec<String> = r
        .query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut hits: Vec<(f64, &ToolEntry)> = state
        .catalog
        .tools()
        .iter()
        .map(|t| (score(t, &tokens), t))
        .filter(|(s, _)| *s > 0.0)
        .collect();
    hits.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
    hits.truncate(top_k);
    let store = state.store.read();
    let identifier = nonempty(&r.identifier);
    let tools = hits
        .into_iter()
        .map(|(score, t)| {
            let connections = identifier
                .map(|i| readiness(state, &store.accounts_of(i), &t.provider))
                .unwrap_or_default();
            SearchedTool {
                name: t.name.clone(),
                provider: t.provider.clone(),
                description: t.description.clone(),
                score,
                connections,
            }
        })
        .collect();
    json(&SearchToolsResponse { tools })
}

/// Whether the identifier can run a provider's tools: one entry per account on it, or one
/// `NEEDS_CONNECTION` entry for the provider's connection when there is no account.
fn readiness(
    state: &AppState,
    accounts: &[&crate::state::AccountRecord],
    provider: &str,
) -> Vec<ConnectionReadiness> {
    let mine: Vec<ConnectionReadiness> = accounts
        .iter()
        .filter(|r| r.account.provider == provider)
        .map(|r| ConnectionReadiness {
            connection_name: r.account.connector.clone(),
            connected_account_id: r.account.id.clone(),
            readiness_state: match r.account.status {
                ConnectorStatus::Active => ToolReadinessState::Ready,
                ConnectorStatus::Expired => ToolReadinessState::NeedsReauth,
                _ => ToolReadinessState::NeedsConnection,
            },
        })
        .collect();
    if !mine.is_empty() {
        return mine;
    }
    state
        .catalog
        .connector(provider)
        .map(|c| ConnectionReadiness {
            connection_name: c.slug.clone(),
            connected_account_id: String::new(),
            readiness_state: ToolReadinessState::NeedsConnection,
        })
        .into_iter()
        .collect()
}
