//! Routing of `/api/v1/*` the way grpc-gateway does it: `:verb` is part of the last segment,
//! literal routes win over variable ones (table order), an unknown path is 404 code 5 and a
//! known path with the wrong verb is 501 code 12.

use super::request::parse_query;
use super::{require_bearer, ApiError, ApiRequest, ApiResult};
use crate::api::{
    accounts, connections, execute, magic, mcp_configs, mcp_instances, mcp_tokens, providers, tools,
};
use crate::state::AppState;
use agentkit_wire::Code;
use axum::extract::{Request, State};
use axum::http::Method;
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;
use std::sync::OnceLock;

type Handler = fn(&AppState, &ApiRequest) -> ApiResult;

/// Every REST binding the Sandbox serves. Literal segments come before variable ones at the
/// same position, since the first match wins.
const ROUTES: &[(&str, Handler)] = &[
    ("POST /api/v1/connected_accounts:delete", accounts::delete),
    ("GET /api/v1/connected_accounts:search", accounts::search),
    ("GET /api/v1/connected_accounts", accounts::list),
    ("POST /api/v1/connected_accounts", accounts::create),
    ("PUT /api/v1/connected_accounts", accounts::update),
    (
        "POST /api/v1/connected_accounts/magic_link",
        magic::magic_link,
    ),
    ("GET /api/v1/connected_accounts/auth", accounts::get_by_ref),
    (
        "GET /api/v1/connected_accounts/details",
        accounts::get_by_ref,
    ),
    ("GET /api/v1/connected_accounts/this", accounts::get_by_ref),
    ("POST /api/v1/connected_accounts/user/verify", magic::verify),
    ("GET /api/v1/connected_accounts/{id}", accounts::get_by_id),
    ("POST /api/v1/tools:search", tools::search),
    ("GET /api/v1/tools", tools::list),
    ("GET /api/v1/tools/scoped", tools::scoped),
    ("GET /api/v1/tools/available", tools::available),
    ("POST /api/v1/execute_tool", execute::execute),
    ("GET /api/v1/connections/app", connections::list_app),
    ("GET /api/v1/connections/{connection_id}", connections::get),
    ("GET /api/v1/mcp/configs", mcp_configs::list),
    ("POST /api/v1/mcp/configs", mcp_configs::create),
    ("GET /api/v1/mcp/configs/{config_id}", mcp_configs::get),
    ("PUT /api/v1/mcp/configs/{config_id}", mcp_configs::update),
    (
        "DELETE /api/v1/mcp/configs/{config_id}",
        mcp_configs::delete,
    ),
    (
        "POST /api/v1/mcp/configs/{config_id}/connected_accounts",
        mcp_configs::connected_accounts,
    ),
    (
        "POST /api/v1/mcp/configs/{mcp_config_id}/tokens",
        mcp_tokens::for_config,
    ),
    (
        "POST /api/v1/mcp/connections/{key_id}/tokens",
        mcp_tokens::for_connection,
    ),
    ("POST /api/v1/mcp/instances", mcp_instances::ensure),
    ("GET /api/v1/mcp/instances", mcp_instances::list),
    (
        "POST /api/v1/mcp/instances/{instance_id}:get_auth_state",
        mcp_instances::auth_state,
    ),
    (
        "GET /api/v1/mcp/instances/{instance_id}",
        mcp_instances::get,
    ),
    (
        "PATCH /api/v1/mcp/instances/{instance_id}",
        mcp_instances::update,
    ),
    (
        "DELETE /api/v1/mcp/instances/{instance_id}",
        mcp_instances::delete,
    ),
    ("POST /api/v1/custom-providers", providers::create),
    (
        "PUT /api/v1/custom-providers/{identifier}",
        providers::update,
    ),
    (
        "DELETE /api/v1/custom-providers/{identifier}",
        providers::delete,
    ),
    ("GET /api/v1/providers", providers::list),
];

enum Segment {
    Literal(&'static str),
    Variable,
    VariableVerb(&'static str),
}

struct Route {
    method: Method,
    segments: Vec<Segment>,
    handler: Handler,
}

fn routes() -> &'static [Route] {
    static TABLE: OnceLock<Vec<Route>> = OnceLock::new();
    TABLE.get_or_init(|| {
        ROUTES
            .iter()
            .map(|(pattern, handler)| {
                let (method, path) = pattern.split_once(' ').unwrap_or(("GET", pattern));
                let segments = path
                    .trim_start_matches('/')
                    .split('/')
                    .map(|s| match s.strip_prefix('{') {
                        Some(var) => match var.split_once("}:") {
                            Some((_, verb)) => Segment::VariableVerb(verb),
                            None => Segment::Variable,
                        },
                        None => Segment::Literal(s),
                    })
                    .collect();
                Route {
                    method: Method::from_bytes(method.as_bytes()).unwrap_or(Method::GET),
                    segments,
                    handler: *handler,
                }
            })
            .collect()
    })
}

/// The decoded path variables when `raw` matches the route's path.
fn match_path(route: &Route, raw: &[&str]) -> Option<Vec<String>> {
    if route.segments.len() != raw.len() {
        return None;
    }
    let mut params = Vec::new();
    for (seg, text) in route.segments.iter().zip(raw) {
        match seg {
            Segment::Literal(lit) if lit == text => {}
            Segment::Literal(_) => return None,
            Segment::Variable if !text.is_empty() => params.push(decode(text)),
            Segment::VariableVerb(verb) => {
                let value = text.strip_suffix(verb)?.strip_suffix(':')?;
                if value.is_empty() {
                    return None;
                }
                params.push(decode(value));
            }
            Segment::Variable => return None,
        }
    }
    Some(params)
}

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// The handler and path variables of `method path`: 404 code 5 for an unknown path, 501 code
/// 12 for a known path with another verb.
pub(super) fn resolve(method: &Method, path: &str) -> Result<(Handler, Vec<String>), ApiError> {
    let raw: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let mut path_matched = false;
    for route in routes() {
        if let Some(params) = match_path(route, &raw) {
            path_matched = true;
            if route.method == method {
                return Ok((route.handler, params));
            }
        }
    }
    Err(if path_matched {
        ApiError::gateway(Code::Unimplemented, "Method Not Allowed")
    } else {
        ApiError::gateway(Code::NotFound, "Not Found")
    })
}

/// The fallback handler: routes `/api/v1/*`, answers 404 for any other unknown path.
pub(super) async fn dispatch(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let (handler, params) = match resolve(&parts.method, parts.uri.path()) {
        Ok(found) => found,
        Err(e) => return e.into_response(),
    };
    if let Err(e) = require_bearer(&state, &parts.headers) {
        return e.into_response();
    }
    if let Some(injected) = super::inject(&state, &parts.method, parts.uri.path()).await {
        return injected;
    }
    // Already buffered and limited by `observe` (see `limits`).
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(b) => b,
        Err(e) => {
            return ApiError::invalid(format!("cannot read request body: {e}")).into_response()
        }
    };
    let request = ApiRequest {
        params,
        query: parse_query(parts.uri.query()),
        headers: parts.headers,
        body,
    };
    match handler(&state, &request) {
        Ok(response) => response,
        Err(e) => e.into_response(),
    }
}

/// Whether a route answers `method` on `path` (the gRPC front asks, to answer UNIMPLEMENTED
/// for the RPCs the Sandbox does not serve).
pub(crate) fn serves(method: &str, path: &str) -> bool {
    let raw: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    routes()
        .iter()
        .any(|r| r.method.as_str() == method && match_path(r, &raw).is_some())
}
