//! The gRPC front: every RPC of the five AgentKit services, served on the Sandbox's one port
//! by turning the call into the REST request grpc-gateway would make of it and running it
//! through the very same router (bearer check, faults, journal, handlers). One implementation
//! of each RPC, two transports; see ARCHITECTURE.md ("gRPC front") for why.
//!
//! - A request whose `content-type` starts with `application/grpc` is gRPC; everything else
//!   goes on to the REST router untouched.
//! - Messages are `prost_reflect::DynamicMessage`s of the shipped descriptor set, framed by
//!   `tonic::server::Grpc` with [`codec::DynamicCodec`].
//! - A missing or unknown bearer is `UNAUTHENTICATED` (16), checked first even for RPCs the
//!   Sandbox does not implement: Node's SDK sends its first call without a token and fetches
//!   one only on a 16.
//! - `grpc-timeout` bounds the whole call; past it the answer is `DEADLINE_EXCEEDED`.

pub(crate) mod codec;
pub(crate) mod methods;
mod reply;
mod rest;
mod timeout;

use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use futures_util::future::BoxFuture;
use methods::Method;
use prost_reflect::DynamicMessage;
use std::collections::HashSet;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};
use std::time::Duration;
use tonic::Status;
use tower::ServiceExt as _;

/// The largest REST answer the front reads back (the REST side already bounds what it makes).
const MAX_ANSWER: usize = 64 * 1024 * 1024;

/// Puts the gRPC front in front of `app`.
pub(crate) fn front(app: Router, state: AppState) -> Router {
    let front = Front {
        inner: app.clone(),
        state,
    };
    app.layer(middleware::from_fn_with_state(Arc::new(front), route))
}

struct Front {
    inner: Router,
    state: AppState,
}

fn is_grpc(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/grpc"))
}

async fn route(State(front): State<Arc<Front>>, request: Request, next: Next) -> Response {
    if !is_grpc(request.headers()) {
        return next.run(request).await;
    }
    let Some(method) = methods::methods().get(request.uri().path()) else {
        let path = request.uri().path().to_string();
        return Status::unimplemented(format!("unknown gRPC method {path}")).into_http();
    };
    if !served(method) {
        // Unauthenticated first: a client learns it needs a token before it learns the rest.
        let status = match crate::http::require_bearer(&front.state, request.headers()) {
            Err(_) => Status::unauthenticated("Token empty"),
            Ok(()) => Status::unimplemented(format!(
                "the Kitbench Sandbox does not implement {}",
                method.name
            )),
        };
        return status.into_http();
    }
    let deadline = timeout::parse(request.headers().get("grpc-timeout"));
    let unary = Unary {
        inner: front.inner.clone(),
        method,
        deadline,
    };
    let mut grpc = tonic::server::Grpc::new(codec::DynamicCodec::new(method.input.clone()));
    grpc.unary(unary, request).await.map(Body::new)
}

/// Whether the REST router has the RPC's binding (the Sandbox serves the AgentKit subset).
fn served(method: &Method) -> bool {
    static SERVED: OnceLock<HashSet<String>> = OnceLock::new();
    let served = SERVED.get_or_init(|| {
        methods::methods()
            .values()
            .filter_map(|m| {
                let rule = m.rule.as_ref()?;
                let sample = sample_path(&rule.template);
                crate::http::serves(rule.verb, &sample).then(|| m.name.clone())
            })
            .collect()
    });
    served.contains(&method.name)
}

/// The template with every variable replaced by a placeholder value.
fn sample_path(template: &str) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let (Some(start), Some(end)) = (rest.find('{'), rest.find('}')) {
        out.push_str(&rest[..start]);
        out.push('x');
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// One unary call of one RPC.
#[derive(Clone)]
struct Unary {
    inner: Router,
    method: &'static Method,
    deadline: Option<Duration>,
}

impl tower::Service<tonic::Request<DynamicMessage>> for Unary {
    type Response = tonic::Response<DynamicMessage>;
    type Error = Status;
    type Future = BoxFuture<'static, Result<Self::Response, Status>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Status>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: tonic::Request<DynamicMessage>) -> Self::Future {
        let this = self.clone();
        Box::pin(async move {
            let work = this.forward(request);
            match this.deadline {
                Some(limit) => tokio::time::timeout(limit, work).await.unwrap_or_else(|_| {
                    Err(Status::deadline_exceeded(format!(
                        "{} did not finish within grpc-timeout ({limit:?})",
                        this.method.name
                    )))
                }),
                None => work.await,
            }
        })
    }
}

impl Unary {
    async fn forward(
        &self,
        request: tonic::Request<DynamicMessage>,
    ) -> Result<tonic::Response<DynamicMessage>, Status> {
        let (metadata, _, message) = request.into_parts();
        let rule = self.method.rule.as_ref().ok_or_else(|| {
            Status::unimplemented(format!("{} has no HTTP binding", self.method.name))
        })?;
        let rest = rest::to_rest(rule, &message).map_err(Status::invalid_argument)?;
        let mut http = Request::builder().method(rest.method).uri(&rest.uri);
        for (name, value) in metadata.into_headers().iter() {
            let name_text = name.as_str();
            if name_text.starts_with("grpc-") || name_text.ends_with("-bin") || name_text == "te" {
                continue;
            }
            http = http.header(name, value);
        }
        let body = match rest.body {
            Some(bytes) => {
                http = http.header(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                );
                Body::from(bytes)
            }
            None => Body::empty(),
        };
        let http = http
            .body(body)
            .map_err(|e| Status::invalid_argument(format!("cannot make the REST request: {e}")))?;
        let answer = self
            .inner
            .clone()
            .oneshot(http)
            .await
            .unwrap_or_else(|never| match never {});
        let status = answer.status().as_u16();
        let bytes = axum::body::to_bytes(answer.into_body(), MAX_ANSWER)
            .await
            .map_err(|e| Status::unavailable(format!("the call was dropped: {e}")))?;
        reply::from_rest(self.method, status, &bytes).map(tonic::Response::new)
    }
}
