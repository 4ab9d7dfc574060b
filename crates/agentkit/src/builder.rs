//! Building a [`Client`]: timeouts, user agent, retries, extra root certificates, observer.

use crate::client::{Client, Inner};
use crate::env_url;
use crate::error::{Error, Result};
use crate::observer::Observer;
use crate::redact::Redactor;
use crate::retry::RetryPolicy;
use crate::token::TokenCache;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION};
use secrecy::{ExposeSecret, SecretString};
use std::sync::Arc;
use std::time::Duration;

/// `Kitbench-agentkit/<version>`: the default user agent and the `x-sdk-version` header.
pub(crate) const SDK_VERSION: &str = concat!("Kitbench-agentkit/", env!("CARGO_PKG_VERSION"));

/// Options for a [`Client`]; nothing is validated or sent until [`build`](Self::build).
pub struct ClientBuilder {
    env_url: String,
    client_id: String,
    client_secret: SecretString,
    timeout: Duration,
    tool_timeout: Duration,
    connect_timeout: Duration,
    user_agent: String,
    retry: RetryPolicy,
    root_certificates: Vec<Vec<u8>>,
    observer: Option<Arc<dyn Observer>>,
    redactor: Redactor,
    headers: Vec<(String, String)>,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("env_url", &self.env_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("timeout", &self.timeout)
            .field("tool_timeout", &self.tool_timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("user_agent", &self.user_agent)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    pub(crate) fn new(env_url: &str, client_id: &str, client_secret: &str) -> Self {
        Self {
            env_url: env_url.to_string(),
            client_id: client_id.trim().to_string(),
            client_secret: SecretString::from(client_secret),
            timeout: Duration::from_secs(20),
            tool_timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            user_agent: SDK_VERSION.to_string(),
            retry: RetryPolicy::default(),
            root_certificates: Vec::new(),
            observer: None,
            redactor: Redactor::new(),
            headers: Vec::new(),
        }
    }

    /// Deadline of control-plane calls and of the token request (default 20 s).
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = d;
        self
    }

    /// Deadline of tool calls (list, scoped, available, search, execute) and of the proxy
    /// (default 60 s, below the 62 s of Scalekit's load balancer).
    pub fn tool_timeout(mut self, d: Duration) -> Self {
        self.tool_timeout = d;
        self
    }

    /// Deadline for establishing a connection (default 10 s).
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = d;
        self
    }

    /// The `user-agent` header (default `Kitbench-agentkit/<version>`).
    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = ua.into();
        self
    }

    /// How 429 and 503 answers are retried.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Trusts an extra root certificate (PEM, may hold several) on top of the system roots.
    /// A PEM that does not parse is reported by [`build`](Self::build).
    pub fn add_root_certificate_pem(mut self, pem: &[u8]) -> Self {
        self.root_certificates.push(pem.to_vec());
        self
    }

    /// Receives every HTTP exchange, redacted.
    pub fn observer(mut self, o: Arc<dyn Observer>) -> Self {
        self.observer = Some(o);
        self
    }

    /// The redaction policy for what the observer sees, e.g. one that knows more secrets by
    /// value. The client secret is always added to it. Default: [`Redactor::new`].
    pub fn redactor(mut self, redactor: Redactor) -> Self {
        self.redactor = redactor;
        self
    }

    /// An extra header sent on every request (e.g. a tracing id, or the Sandbox's
    /// `X-Sandbox-Tool-Error`). It replaces a default header of the same name; `authorization`
    /// is refused. Invalid names or values are reported by [`build`](Self::build).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Validates the environment URL, the credentials and the certificates, and builds the
    /// client. Makes no request: the token is fetched on first use.
    pub fn build(self) -> Result<Client> {
        let env_url = env_url::parse_env_url(&self.env_url)?;
        env_url::check_credentials(&self.client_id, self.client_secret.expose_secret())?;
        if reqwest::header::HeaderValue::from_str(&self.user_agent).is_err() {
            return Err(Error::Config(
                "The user agent contains characters not allowed in an HTTP header".into(),
            ));
        }
        let headers = extra_headers(&self.headers)?;
        let mut certificates = Vec::new();
        for pem in &self.root_certificates {
            let parsed = reqwest::Certificate::from_pem_bundle(pem).map_err(|e| {
                Error::Config(format!("The root certificate is not valid PEM ({e})"))
            })?;
            if parsed.is_empty() {
                return Err(Error::Config(
                    "The root certificate PEM contains no certificate".into(),
                ));
            }
            certificates.extend(parsed);
        }
        // Redirects are not part of this API; following them would hide misconfigured URLs
        // and could replay a request body elsewhere.
        let mut http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .tls_certs_merge(certificates);
        if env_url::is_loopback(&env_url) {
            // A system proxy cannot reach this machine's loopback interface.
            http = http.no_proxy();
        }
        let http = http
            .build()
            .map_err(|e| Error::Config(format!("Cannot set up the HTTP client ({e})")))?;
        let redactor = self
            .redactor
            .with_secret(self.client_secret.expose_secret());
        Ok(Client {
            inner: Arc::new(Inner {
                env_url,
                client_id: self.client_id,
                client_secret: self.client_secret,
                http,
                timeout: self.timeout,
                tool_timeout: self.tool_timeout,
                user_agent: self.user_agent,
                retry: self.retry,
                observer: self.observer,
                redactor,
                headers,
                tokens: TokenCache::default(),
                standard_headers: std::sync::OnceLock::new(),
            }),
        })
    }
}

/// The caller's extra headers, validated.
fn extra_headers(pairs: &[(String, String)]) -> Result<HeaderMap> {
    let mut headers = HeaderMap::new();
    for (name, value) in pairs {
        let header = HeaderName::from_bytes(name.trim().as_bytes())
            .map_err(|_| Error::Config(format!("{name:?} is not a valid header name")))?;
        if header == AUTHORIZATION {
            return Err(Error::Config(
                "The authorization header is managed by the client".into(),
            ));
        }
        let value = HeaderValue::from_str(value)
            .map_err(|_| Error::Config(format!("The value of header {name:?} is not valid")))?;
        headers.append(header, value);
    }
    Ok(headers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    fn assert_send_sync<T: Send + Sync + Clone + 'static>() {}

    #[test]
    fn client_is_shareable() {
        assert_send_sync::<Client>();
    }

    #[test]
    fn build_validates_before_any_request() {
        let client = Client::builder("http://127.0.0.1:9/", "skc_1", "s")
            .build()
            .unwrap();
        assert_eq!(client.env_url().as_str(), "http://127.0.0.1:9/");
        assert_eq!(client.client_id(), "skc_1");
        assert!(!format!("{client:?}").contains("\"s\""));
        let err = Client::new("http://example.com", "skc_1", "s").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config);
        let err = Client::new("https://example.com", "skc_1", "").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config);
    }

    #[test]
    fn bad_certificates_and_user_agents_fail_at_build() {
        let err = Client::builder("https://example.com", "skc_1", "s")
            .add_root_certificate_pem(b"not a certificate")
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config);
        assert!(err.to_string().contains("root certificate"), "{err}");
        let err = Client::builder("https://example.com", "skc_1", "s")
            .header("Authorization", "Bearer x")
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config);
        let err = Client::builder("https://example.com", "skc_1", "s")
            .header("bad header", "x")
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config);
        let err = Client::builder("https://example.com", "skc_1", "s")
            .user_agent("bad\nagent")
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config);
    }
}
