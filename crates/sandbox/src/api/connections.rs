//! `ConnectionService`: the AgentKit connections of the environment, one per catalog connector.

use super::Paging;
use crate::catalog::Connector;
use crate::http::{json, ApiError, ApiRequest, ApiResult};
use crate::state::AppState;
use crate::validate::Checks;
use agentkit_wire::connections::{
    ListAppConnectionsRequest, ListAppConnectionsResponse, ListConnection,
};
use agentkit_wire::{ConnectionAuthMode, ConnectionStatus};
use serde::Serialize;

/// `page_size` is at most 30 (`lte=30`), which is also the default.
const PAGE: usize = 30;

/// A catalog connector's connection as `ListAppConnections` shows it.
pub(crate) fn connection(c: &Connector, url: &str) -> ListConnection {
    ListConnection {
        id: c.connection_id.clone(),
        kind: c.connection_type.clone(),
        status: ConnectionStatus::Completed,
        enabled: true,
        ui_button_title: c.name.clone(),
        provider_key: c.slug.clone(),
        key_id: c.slug.clone(),
        created_at: Some(crate::state::seed_time()),
        mcp_server_url: format!("{url}/mcp/v3/connections/{}", c.slug),
        auth_mode: ConnectionAuthMode::User,
        ..ListConnection::default()
    }
}

/// `GET /api/v1/connections/app`, filtered by `provider` (exact) and `query` (a substring of
/// the key id or provider).
pub(crate) fn list_app(state: &AppState, req: &ApiRequest) -> ApiResult {
    let q: ListAppConnectionsRequest = req.query()?;
    Checks::new()
        .lte("page_size", q.page_size, 30)
        .len("provider", q.provider.as_deref(), 1, 50)
        .len("query", q.query.as_deref(), 3, 100)
        .finish()?;
    let paging = Paging::new(q.page_token.as_deref(), q.page_size, PAGE, PAGE)?;
    let needle = q.query.as_deref().map(str::to_ascii_lowercase);
    let matching: Vec<&Connector> = state
        .catalog
        .connectors()
        .iter()
        .filter(|c| {
            q.provider
                .as_deref()
                .is_none_or(|p| c.slug.eq_ignore_ascii_case(p))
                && needle.as_deref().is_none_or(|n| c.slug.contains(n))
        })
        .collect();
    let (page, t) = paging.apply(matching);
    json(&ListAppConnectionsResponse {
        connections: page
            .into_iter()
            .map(|c| connection(c, &state.url))
            .collect(),
        next_page_token: t.next_page_token,
        prev_page_token: t.prev_page_token,
        total_size: t.total_size,
    })
}

#[derive(Serialize)]
struct GetConnectionResponse {
    connection: ListConnection,
}

/// `GET /api/v1/connections/{connection_id}` (GetEnvironmentConnection). The real answer is the
/// SSO `Connection` message; the Sandbox only has app connections and answers them in their
/// `ListConnection` shape, found by `conn_…` id or by connection name.
pub(crate) fn get(state: &AppState, req: &ApiRequest) -> ApiResult {
    let id = req.param(0);
    let found = state
        .catalog
        .connector_by_connection_id(id)
        .or_else(|| state.catalog.connector(id))
        .ok_or_else(|| ApiError::not_found(format!("connection {id:?} not found")))?;
    json(&GetConnectionResponse {
        connection: connection(found, &state.url),
    })
}
