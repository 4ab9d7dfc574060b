//! Request body limits, one per kind of route, enforced in one place (the `observe` middleware,
//! which buffers every body anyway for the journal, once `gate` has let the request through):
//!
//! | Route                          | Limit   | Why                                              |
//! |--------------------------------|---------|--------------------------------------------------|
//! | `/api/v1/*`                    | 4 MiB   | gRPC's default maximum message size behind the gateway |
//! | `/proxy/*`                     | 4 MiB   | the same budget as the API it sits beside        |
//! | `/mcp/v1/{token}`              | 4 MiB   | JSON-RPC calls carry tool arguments, like the API |
//! | `/oauth/token`                 | 64 KiB  | a form of three short fields                     |
//! | `/magic/*` (consent pages)     | 64 KiB  | a form of one field                              |
//! | `/_sandbox/*` (admin)          | 1 MiB   | fault knobs (at most 100 rules) and small bodies |
//!
//! A larger body is answered `413 Payload Too Large` in the gateway's error shape
//! (`{code: 8 RESOURCE_EXHAUSTED, message, details: [{error_code: "PAYLOAD_TOO_LARGE"}]}`),
//! before any handler runs, and before the body is read when `Content-Length` declares it.
//! Axum's own 2 MiB extractor limit is switched off so this table is
//! the only one. A method a route does not serve is `405` in the same shape (code 12), with
//! `Allow` kept; `/api/v1/*` answers grpc-gateway's `501` code 12 instead (see `dispatch`).

use super::ApiError;
use agentkit_wire::Code;
use axum::body::{Body, Bytes};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

const MIB: usize = 1024 * 1024;

/// The kinds of route that have a body limit of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RouteKind {
    Api,
    Proxy,
    Mcp,
    Token,
    Consent,
    Admin,
}

impl RouteKind {
    pub(super) fn of(path: &str) -> Self {
        let under = |prefix: &str| {
            path.strip_prefix(prefix)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        if under("/_sandbox") {
            Self::Admin
        } else if under("/proxy") {
            Self::Proxy
        } else if under("/mcp/v1") {
            Self::Mcp
        } else if path == "/oauth/token" {
            Self::Token
        } else if under("/magic") {
            Self::Consent
        } else {
            Self::Api
        }
    }

    /// The largest body this kind of route accepts, in bytes.
    pub(super) fn body_limit(self) -> usize {
        match self {
            Self::Api | Self::Proxy | Self::Mcp => 4 * MIB,
            Self::Token | Self::Consent => 64 * 1024,
            Self::Admin => MIB,
        }
    }

    fn describe_limit(self) -> &'static str {
        match self {
            Self::Api | Self::Proxy | Self::Mcp => "4 MiB",
            Self::Token | Self::Consent => "64 KiB",
            Self::Admin => "1 MiB",
        }
    }
}

/// Buffers a request body up to the limit of its kind of route; past it, the 413 answer.
pub(super) async fn read_body(body: Body, kind: RouteKind) -> Result<Bytes, Response> {
    axum::body::to_bytes(body, kind.body_limit())
        .await
        .map_err(|_| too_large(kind))
}

/// The 413 answer of `kind`.
pub(super) fn too_large(kind: RouteKind) -> Response {
    let err = ApiError::new(
        Code::ResourceExhausted,
        "PAYLOAD_TOO_LARGE",
        format!(
            "request body is larger than the {} limit of this route",
            kind.describe_limit()
        ),
    );
    let mut response = err.into_response();
    *response.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
    response
}

/// Gives axum's empty `405 Method Not Allowed` the gateway's error shape, keeping `Allow`.
pub(super) fn shape_405(response: Response) -> Response {
    if response.status() != StatusCode::METHOD_NOT_ALLOWED
        || response.headers().contains_key(header::CONTENT_TYPE)
    {
        return response;
    }
    let allow = response.headers().get(header::ALLOW).cloned();
    let mut shaped = ApiError::gateway(Code::Unimplemented, "Method Not Allowed").into_response();
    *shaped.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
    if let Some(allow) = allow {
        shaped.headers_mut().insert(header::ALLOW, allow);
    }
    shaped
}

#[cfg(test)]
mod tests {
    use super::RouteKind;

    #[test]
    fn kinds_by_path() {
        assert_eq!(RouteKind::of("/_sandbox/faults"), RouteKind::Admin);
        assert_eq!(RouteKind::of("/_sandboxes"), RouteKind::Api);
        assert_eq!(RouteKind::of("/proxy"), RouteKind::Proxy);
        assert_eq!(RouteKind::of("/mcp/v1/abc"), RouteKind::Mcp);
        assert_eq!(RouteKind::of("/oauth/token"), RouteKind::Token);
        assert_eq!(RouteKind::of("/magic/x"), RouteKind::Consent);
        assert_eq!(RouteKind::of("/api/v1/tools"), RouteKind::Api);
    }
}
