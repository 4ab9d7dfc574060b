//! The HTTP surface: the router, the gateway-style request and error plumbing, the token
//! endpoint, bearer checks, fault injection, body limits and the journal middleware.

mod auth;
mod dispatch;
mod error;
mod fault;
mod gate;
mod limits;
mod observe;
#[cfg(test)]
mod proptests;
mod request;

pub(crate) use auth::{oauth_token, require_bearer};
pub(crate) use dispatch::serves;
pub(crate) use error::{json, ApiError, ApiResult};
pub(crate) use fault::inject;
pub(crate) use request::ApiRequest;

use crate::state::AppState;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::{any, get, post};
use axum::Router;

/// The whole Sandbox: REST API, token endpoint, consent pages, proxy, MCP instances and the
/// admin endpoints, wrapped in the journal and fault middleware.
pub(crate) fn router(state: AppState, mcp: crate::mcp::McpService) -> Router {
    Router::new()
        .route("/oauth/token", post(oauth_token))
        .route("/magic/done", get(crate::api::consent::done))
        .route(
            "/magic/{token}",
            get(crate::api::consent::show).post(crate::api::consent::decide),
        )
        .route("/proxy", any(crate::api::proxy::handle))
        .route("/proxy/{*path}", any(crate::api::proxy::handle))
        .nest("/_sandbox", crate::api::admin::router(state.clone()))
        .merge(crate::mcp::router(state.clone(), mcp))
        .fallback(dispatch::dispatch)
        // `observe` enforces the limits of `limits` before any handler runs.
        .layer(DefaultBodyLimit::disable())
        .layer(middleware::from_fn_with_state(
            state.clone(),
            observe::observe,
        ))
        .with_state(state)
}
