//! The [`Client`] handle and the plumbing every RPC method shares.

use crate::answer_error;
use crate::builder::{ClientBuilder, SDK_VERSION};
use crate::error::{Error, Result};
use crate::observer::Observer;
use crate::retry::{self, RetryPolicy, Retryable};
use crate::token::TokenCache;
use crate::transport::{Call, Raw};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, CONTENT_TYPE, USER_AGENT};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::sync::Arc;
use std::time::Duration;
use url::Url;

/// The `x-api-version` the Python SDK 2.21 sends; the newest API surface.
const API_VERSION: &str = "20261012";

/// A client of one Scalekit environment's AgentKit REST API. Cheap to clone (an `Arc` inside);
/// clones share the token cache.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub env_url: Url,
    pub client_id: String,
    pub client_secret: secrecy::SecretString,
    pub http: reqwest::Client,
    pub timeout: Duration,
    pub tool_timeout: Duration,
    pub user_agent: String,
    pub retry: RetryPolicy,
    pub observer: Option<Arc<dyn Observer>>,
    /// What the observer sees passes through this; it knows the client secret.
    pub redactor: crate::redact::Redactor,
    /// Extra headers from [`ClientBuilder::header`].
    pub headers: HeaderMap,
    pub tokens: TokenCache,
    pub standard_headers: std::sync::OnceLock<StandardHeaders>,
}

/// The headers every call starts from, built once per client: they never change.
pub(crate) struct StandardHeaders {
    plain: HeaderMap,
    /// `plain` with `content-type: application/json`, for RPCs with a JSON body.
    json: HeaderMap,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("env_url", &self.inner.env_url.as_str())
            .field("client_id", &self.inner.client_id)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts configuring a client for the environment at `env_url`.
    pub fn builder(env_url: &str, client_id: &str, client_secret: &str) -> ClientBuilder {
        ClientBuilder::new(env_url, client_id, client_secret)
    }

    /// A client with default options. Fails with [`Error::Config`] on a bad URL or empty
    /// credentials; makes no request.
    pub fn new(env_url: &str, client_id: &str, client_secret: &str) -> Result<Client> {
        Self::builder(env_url, client_id, client_secret).build()
    }

    /// The environment URL, as parsed.
    pub fn env_url(&self) -> &Url {
        &self.inner.env_url
    }

    /// The OAuth client id.
    pub fn client_id(&self) -> &str {
        &self.inner.client_id
    }

    /// `user-agent`, `x-sdk-version`, `x-api-version`, `accept` and the builder's extra headers,
    /// sent on every call.
    pub(crate) fn standard_headers(&self) -> HeaderMap {
        self.cached_headers().plain.clone()
    }

    fn cached_headers(&self) -> &StandardHeaders {
        self.inner.standard_headers.get_or_init(|| {
            let plain = self.build_standard_headers();
            let mut json = plain.clone();
            json.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            StandardHeaders { plain, json }
        })
    }

    fn build_standard_headers(&self) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Ok(ua) = HeaderValue::from_str(&self.inner.user_agent) {
            headers.insert(USER_AGENT, ua);
        }
        headers.insert(
            HeaderName::from_static("x-sdk-version"),
            HeaderValue::from_static(SDK_VERSION),
        );
        headers.insert(
            HeaderName::from_static("x-api-version"),
            HeaderValue::from_static(API_VERSION),
        );
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        for name in self.inner.headers.keys() {
            headers.remove(name);
        }
        for (name, value) in &self.inner.headers {
            headers.append(name, value.clone());
        }
        headers
    }

    /// Sends an RPC and decodes its 2xx answer.
    pub(crate) async fn rpc<T: DeserializeOwned>(&self, rpc: Rpc) -> Result<T> {
        let raw = self.rpc_raw(rpc).await?;
        decode(&raw.body)
    }

    /// Sends an RPC whose answer is `{}`.
    pub(crate) async fn rpc_empty(&self, rpc: Rpc) -> Result<()> {
        self.rpc_raw(rpc).await.map(|_| ())
    }

    async fn rpc_raw(&self, rpc: Rpc) -> Result<Raw> {
        let mut url = crate::env_url::join(&self.inner.env_url, &rpc.path)?;
        if !rpc.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&rpc.query);
        }
        let headers = if rpc.body.is_some() {
            self.cached_headers().json.clone()
        } else {
            self.standard_headers()
        };
        let call = Call {
            method: rpc.method,
            url,
            headers,
            body: rpc.body.map(Into::into),
            timeout: if rpc.tool {
                self.inner.tool_timeout
            } else {
                self.inner.timeout
            },
            retry: rpc.retry,
            api: true,
        };
        let raw = self.run(&call).await?;
        if raw.is_success() {
            Ok(raw)
        } else {
            let retry_after = retry::retry_after(&raw.headers);
            Err(answer_error::from_response(
                raw.status,
                retry_after,
                &raw.body,
            ))
        }
    }
}

/// One AgentKit RPC as REST: verb, path (parameters already encoded), query and JSON body.
#[derive(Debug)]
pub(crate) struct Rpc {
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    body: Option<Vec<u8>>,
    retry: Retryable,
    tool: bool,
}

impl Rpc {
    fn new(method: Method, path: impl Into<String>, retry: Retryable) -> Self {
        Self {
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
            retry,
            tool: false,
        }
    }

    /// A GET: retried on 429 and 503.
    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::GET, path, Retryable::LOOKUP)
    }

    /// A POST that changes state; use [`lookup`](Self::lookup) for POSTs that only read.
    pub fn post(path: impl Into<String>) -> Self {
        Self::new(Method::POST, path, Retryable::MUTATION)
    }

    pub fn put(path: impl Into<String>) -> Self {
        Self::new(Method::PUT, path, Retryable::MUTATION)
    }

    pub fn patch(path: impl Into<String>) -> Self {
        Self::new(Method::PATCH, path, Retryable::MUTATION)
    }

    pub fn delete(path: impl Into<String>) -> Self {
        Self::new(Method::DELETE, path, Retryable::MUTATION)
    }

    /// The call only reads state, so a 429 may be retried.
    pub fn lookup(mut self) -> Self {
        self.retry = Retryable::LOOKUP;
        self
    }

    /// The call must never be repeated (`execute_tool`).
    pub fn never_retry(mut self) -> Self {
        self.retry = Retryable::NEVER;
        self
    }

    /// A ToolService call: uses the tool timeout.
    pub fn tool(mut self) -> Self {
        self.tool = true;
        self
    }

    /// Every field of `message` as grpc-gateway query parameters.
    pub fn query<T: Serialize>(mut self, message: &T) -> Self {
        self.query = crate::wire::query::to_pairs(message);
        self
    }

    /// `message` as the JSON body.
    pub fn json<T: Serialize>(mut self, message: &T) -> Result<Self> {
        let body = serde_json::to_vec(message)
            .map_err(|e| Error::InvalidRequest(format!("cannot encode the request: {e}")))?;
        self.body = Some(body);
        Ok(self)
    }

    /// `message` as the JSON body, without the fields that travel in the path.
    pub fn json_without<T: Serialize>(self, message: &T, path_fields: &[&str]) -> Result<Self> {
        let mut value = serde_json::to_value(message)
            .map_err(|e| Error::InvalidRequest(format!("cannot encode the request: {e}")))?;
        if let Some(object) = value.as_object_mut() {
            for field in path_fields {
                object.remove(*field);
            }
        }
        Ok(self.json_value(value))
    }

    fn json_value(mut self, value: serde_json::Value) -> Self {
        self.body = Some(value.to_string().into_bytes());
        self
    }
}

/// Decodes a 2xx body; an empty body reads as `{}` (every field of these messages defaults).
pub(crate) fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T> {
    let body_or_empty: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    // UTF-8 checked once for the whole body: decoding from `&str` then skips the check
    // `from_slice` repeats for every string in the answer (tool results are mostly strings).
    // Invalid UTF-8 goes through `from_slice`, for the error it has always given.
    let decoded = match std::str::from_utf8(body_or_empty) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(body_or_empty),
    };
    decoded.map_err(|e| {
        let name = std::any::type_name::<T>()
            .rsplit("::")
            .next()
            .unwrap_or("answer");
        Error::decode(format!("the answer is not a valid {name} ({e})"), body)
    })
}

/// The message inside a `{field: …}` envelope, which must be present.
pub(crate) fn required<T>(value: Option<T>, field: &str) -> Result<T> {
    value.ok_or_else(|| Error::decode(format!("the answer has no `{field}`"), b""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::connected_accounts::ConnectedAccountResponse;

    #[test]
    fn empty_bodies_decode_as_defaults() {
        let r: ConnectedAccountResponse = decode(b"").unwrap();
        assert!(r.connected_account.is_none());
        let err = decode::<ConnectedAccountResponse>(b"<html>").unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Decode);
        assert!(err.to_string().contains("ConnectedAccountResponse"));
        assert!(err.to_string().contains("<html>"));
    }

    #[test]
    fn path_fields_leave_the_body() {
        let req = crate::wire::mcp::CreateMcpSessionTokenRequest {
            mcp_config_id: Some("cfg_1".into()),
            identifier: "u".into(),
            ..Default::default()
        };
        let rpc = Rpc::post("/x")
            .json_without(&req, &["mcp_config_id"])
            .unwrap();
        let body: serde_json::Value = serde_json::from_slice(rpc.body.as_ref().unwrap()).unwrap();
        assert_eq!(body, serde_json::json!({"identifier": "u"}));
    }
}
