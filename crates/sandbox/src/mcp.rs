//! Per-user MCP instances: each instance URL (`/mcp/v1/{token}`) is a real MCP server over
//! streamable HTTP whose tools are the instance config's mapped tools, run for the instance's
//! user like `execute_tool`. One rmcp service serves every instance; a middleware resolves the
//! token to the instance and hands it to the handler through the request extensions.

mod handler;

use crate::http::{inject, ApiError};
use crate::state::AppState;
use agentkit_wire::Code;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use handler::{InstanceId, InstanceServer};
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use std::sync::Arc;
use tokio_util::sync::CancellationToken;

/// The rmcp streamable-HTTP service behind every instance URL.
pub(crate) type McpService = StreamableHttpService<InstanceServer, LocalSessionManager>;

/// Builds the service. It runs stateless with JSON responses: each call stands alone (the URL
/// already says who the caller is), and the journal can record every answer.
pub(crate) fn service(state: AppState, ct: CancellationToken, host: &str) -> McpService {
    let mut hosts = vec![
        "localhost".to_string(),
        "127.0.0.1".to_string(),
        "::1".to_string(),
        "[::1]".to_string(),
    ];
    hosts.push(host.to_string());
    let config = StreamableHttpServerConfig::default()
        .with_legacy_session_mode(false)
        .with_json_response(true)
        .with_sse_keep_alive(None)
        .with_cancellation_token(ct)
        .with_allowed_hosts(hosts);
    StreamableHttpService::new(
        move || Ok(InstanceServer::new(state.clone())),
        Arc::new(LocalSessionManager::default()),
        config,
    )
}

pub(crate) fn router(state: AppState, service: McpService) -> Router<AppState> {
    Router::new()
        .route_service("/mcp/v1/{token}", service)
        .route_layer(middleware::from_fn_with_state(state, locate))
}

/// Resolves the URL token to its instance; an unknown token is 404.
async fn locate(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let token = request
        .uri()
        .path()
        .strip_prefix("/mcp/v1/")
        .unwrap_or_default()
        .to_string();
    let instance = state
        .store
        .read()
        .instance_by_token(&token)
        .map(|i| i.id.clone());
    match instance {
        Some(id) => {
            let method = request.method().clone();
            let path = request.uri().path().to_string();
            if let Some(injected) = inject(&state, &method, &path).await {
                return injected;
            }
            request.extensions_mut().insert(InstanceId(id));
            next.run(request).await
        }
        None => ApiError::gateway(Code::NotFound, "Not Found").into_response(),
    }
}
