//! The authenticated proxy (`{env}/proxy{path}`): calls a provider's API with the credentials of
//! a connected account, which Scalekit injects.

use crate::client::Client;
use crate::error::{Error, Result};
use crate::retry::Retryable;
use crate::transport::{set_content_type, Call};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use reqwest::Method;
use serde::de::DeserializeOwned;

/// One proxied request. `method` defaults to `GET`; `path` gets a leading '/' if it lacks one.
#[derive(Debug, Clone, PartialEq)]
pub struct ProxyRequest {
    /// The connection name (`key_id`), sent as the `connection_name` header.
    pub connection_name: String,
    /// The account's identifier, sent as the `identifier` header.
    pub identifier: String,
    pub method: String,
    /// The provider API path, e.g. `/gmail/v1/users/me/profile`.
    pub path: String,
    /// Query pairs, repeated keys kept in order.
    pub query: Vec<(String, String)>,
    /// Extra headers. `authorization`, `connection_name` and `identifier` are the gateway's and
    /// are ignored here.
    pub headers: Vec<(String, String)>,
    pub body: ProxyBody,
}

impl Default for ProxyRequest {
    fn default() -> Self {
        Self {
            connection_name: String::new(),
            identifier: String::new(),
            method: "GET".into(),
            path: "/".into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: ProxyBody::None,
        }
    }
}

/// The body of a proxied request.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum ProxyBody {
    #[default]
    None,
    /// Sent as `application/json` (unless a `content-type` header says otherwise).
    Json(serde_json::Value),
    /// Sent as `application/x-www-form-urlencoded` (unless a `content-type` header says
    /// otherwise).
    Form(Vec<(String, String)>),
    /// Sent verbatim with this content type.
    Raw {
        content_type: String,
        bytes: Vec<u8>,
    },
}

/// The provider's answer, whatever its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl ProxyResponse {
    /// The body decoded as JSON.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        serde_json::from_slice(&self.body).map_err(|e| {
            Error::decode(
                format!("the proxied answer is not the expected JSON ({e})"),
                &self.body,
            )
        })
    }

    /// The body as text (invalid UTF-8 replaced).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Headers only the SDK sets on a proxied call.
fn reserved(name: &HeaderName) -> bool {
    name == AUTHORIZATION || name.as_str() == "connection_name" || name.as_str() == "identifier"
}

/// What may be retried: safe methods like lookups, PUT/DELETE only on 503, others never.
fn retryable(method: &Method) -> Retryable {
    match *method {
        Method::GET | Method::HEAD | Method::OPTIONS => Retryable::LOOKUP,
        Method::PUT | Method::DELETE => Retryable::MUTATION,
        _ => Retryable::NEVER,
    }
}

fn header_value(name: &str, value: &str) -> Result<HeaderValue> {
    HeaderValue::from_str(value)
        .map_err(|_| Error::InvalidRequest(format!("the value of header {name:?} is not valid")))
}

impl Client {
    /// Sends `req` through `{env}/proxy{path}` and returns the provider's answer for any
    /// status; only transport failures are errors. A 401 makes the client refresh its token
    /// and resend once. Uses the tool timeout.
    pub async fn proxy(&self, req: &ProxyRequest) -> Result<ProxyResponse> {
        if req.connection_name.trim().is_empty() || req.identifier.trim().is_empty() {
            return Err(Error::InvalidRequest(
                "A proxied call needs a connection name and an identifier".into(),
            ));
        }
        let method_name = match req.method.trim() {
            "" => "GET".to_string(),
            m => m.to_ascii_uppercase(),
        };
        let method = Method::from_bytes(method_name.as_bytes()).map_err(|_| {
            Error::InvalidRequest(format!("{:?} is not an HTTP method", req.method))
        })?;
        let path = if req.path.starts_with('/') {
            format!("/proxy{}", req.path)
        } else {
            format!("/proxy/{}", req.path)
        };
        let mut url = crate::env_url::join(self.env_url(), &path)?;
        if !req.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&req.query);
        }

        let mut headers = self.standard_headers();
        let mut caller_set: HeaderMap<()> = HeaderMap::default();
        for (name, value) in &req.headers {
            let header = HeaderName::from_bytes(name.trim().as_bytes())
                .map_err(|_| Error::InvalidRequest(format!("{name:?} is not a header name")))?;
            if reserved(&header) {
                continue;
            }
            let value = header_value(name, value)?;
            if caller_set.insert(header.clone(), ()).is_none() {
                headers.insert(header, value);
            } else {
                headers.append(header, value);
            }
        }
        headers.insert(
            HeaderName::from_static("connection_name"),
            header_value("connection_name", &req.connection_name)?,
        );
        headers.insert(
            HeaderName::from_static("identifier"),
            header_value("identifier", &req.identifier)?,
        );

        let caller_type = caller_set.contains_key(CONTENT_TYPE);
        let body = match &req.body {
            ProxyBody::None => None,
            ProxyBody::Json(value) => {
                if !caller_type {
                    set_content_type(&mut headers, "application/json")?;
                }
                Some(value.to_string().into_bytes())
            }
            ProxyBody::Form(pairs) => {
                if !caller_type {
                    set_content_type(&mut headers, "application/x-www-form-urlencoded")?;
                }
                let encoded = url::form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(pairs)
                    .finish();
                Some(encoded.into_bytes())
            }
            ProxyBody::Raw {
                content_type,
                bytes,
            } => {
                set_content_type(&mut headers, content_type)?;
                Some(bytes.clone())
            }
        };

        let call = Call {
            retry: retryable(&method),
            method,
            url,
            headers,
            body: body.map(Into::into),
            timeout: self.inner.tool_timeout,
            api: false,
        };
        let raw = self.run(&call).await?;
        Ok(ProxyResponse {
            status: raw.status,
            headers: raw
                .headers
                .iter()
                .map(|(n, v)| {
                    let text = String::from_utf8_lossy(v.as_bytes()).into_owned();
                    (n.as_str().to_string(), text)
                })
                .collect(),
            body: raw.body.into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_safe_methods_retry_rate_limits() {
        assert_eq!(retryable(&Method::GET), Retryable::LOOKUP);
        assert_eq!(retryable(&Method::DELETE), Retryable::MUTATION);
        assert_eq!(retryable(&Method::POST), Retryable::NEVER);
        assert_eq!(retryable(&Method::PATCH), Retryable::NEVER);
    }

    #[test]
    fn responses_read_as_json_and_text() {
        let r = ProxyResponse {
            status: 404,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: br#"{"a":1}"#.to_vec(),
        };
        assert_eq!(r.json::<serde_json::Value>().unwrap()["a"], 1);
        assert_eq!(r.text(), r#"{"a":1}"#);
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert!(!r.is_success());
        let bad = ProxyResponse {
            body: b"<html>".to_vec(),
            ..r
        };
        assert_eq!(
            bad.json::<serde_json::Value>().unwrap_err().kind(),
            crate::ErrorKind::Decode
        );
    }
}
