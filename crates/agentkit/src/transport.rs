//! One HTTP exchange (observed and redacted) and the retry/refresh loop around it.

use crate::client::Client;
use crate::error::{Error, Result};
use crate::network::transport_error;
use crate::observer::{self, Exchange};
use crate::retry::{self, Retryable};
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use reqwest::Method;
use std::time::{Duration, Instant};
use url::Url;

/// A fully resolved request, resent as is on every attempt.
#[derive(Debug, Clone)]
pub(crate) struct Call {
    pub method: Method,
    pub url: Url,
    /// Every header except `authorization`, which is added per attempt.
    pub headers: HeaderMap,
    /// Shared, so a resend does not copy the body.
    pub body: Option<bytes::Bytes>,
    pub timeout: Duration,
    pub retry: Retryable,
    /// The answer is an AgentKit API answer, so a `TOOL_ERROR` body means "never retry".
    pub api: bool,
}

/// An answer of any status, body fully read.
#[derive(Debug, Clone)]
pub(crate) struct Raw {
    pub status: u16,
    pub headers: HeaderMap,
    /// As reqwest collected it (not copied into a `Vec`).
    pub body: bytes::Bytes,
}

impl Raw {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

impl Client {
    /// Sends `call` with the cached token; on a 401 that is not a `TOOL_ERROR` refreshes the
    /// token once and resends once; retries 429/503 as the call and the policy allow. Returns
    /// the last answer whatever its status.
    pub(crate) async fn run(&self, call: &Call) -> Result<Raw> {
        let mut attempt = 0;
        let mut retries = 0;
        let mut refreshed = false;
        loop {
            attempt += 1;
            let token = self.access_token().await?;
            let raw = self.send_once(call, Some(&token), attempt).await?;
            let tool_error = call.api && !raw.is_success() && is_tool_error(&raw.body);
            if raw.status == 401 && !refreshed && !tool_error {
                refreshed = true;
                self.refresh_rejected_token(&token).await?;
                continue;
            }
            if raw.is_success() {
                // `retry::delay` never retries a 2xx: skip its inputs (a header lookup and a
                // random jitter draw) on the common path.
                return Ok(raw);
            }
            let retry_after = retry::retry_after(&raw.headers);
            let wait = retry::delay(
                &self.inner.retry,
                call.retry,
                raw.status,
                retry_after,
                tool_error,
                retries,
                retry::jitter(),
            );
            match wait {
                Some(wait) => {
                    retries += 1;
                    tracing::debug!(
                        status = raw.status,
                        ?wait,
                        url = %self.inner.redactor.redact_url(call.url.as_str()),
                        "retrying"
                    );
                    tokio::time::sleep(wait).await;
                }
                None => return Ok(raw),
            }
        }
    }

    /// One attempt: builds the request, sends it, reads the whole body, reports the exchange.
    pub(crate) async fn send_once(
        &self,
        call: &Call,
        bearer: Option<&str>,
        attempt: u32,
    ) -> Result<Raw> {
        let authorization = match bearer {
            Some(token) => {
                // The formatted string becomes the value's bytes: no second copy.
                let mut value =
                    HeaderValue::from_maybe_shared(bytes::Bytes::from(format!("Bearer {token}")))
                        .map_err(|_| {
                        Error::decode("the access token is not a valid header value", b"")
                    })?;
                value.set_sensitive(true);
                Some(value)
            }
            None => None,
        };
        let mut builder = self
            .inner
            .http
            .request(call.method.clone(), call.url.clone())
            .timeout(call.timeout);
        if let Some(body) = &call.body {
            builder = builder.body(body.clone());
        }
        let mut request = builder
            .build()
            .map_err(|e| Error::InvalidRequest(format!("cannot build the request: {e}")))?;
        // The call's headers, then `authorization`, straight into the request's (empty) map,
        // sized once: the map `RequestBuilder::headers` would build, without cloning the call's
        // map first and regrowing the clone to fit `authorization`.
        let headers = request.headers_mut();
        headers.reserve(call.headers.len() + 1);
        for (name, value) in &call.headers {
            headers.append(name, value.clone());
        }
        if let Some(value) = authorization {
            headers.insert(AUTHORIZATION, value);
        }
        let recorded = self.inner.observer.as_ref().map(|_| {
            let body = request.body().and_then(|b| b.as_bytes());
            let redactor = &self.inner.redactor;
            (
                observer::headers(redactor, request.headers()),
                body.map(|b| observer::body(redactor, request.headers(), b)),
            )
        });
        let started = Instant::now();
        let outcome = async {
            let mut response = self.inner.http.execute(request).await?;
            let status = response.status().as_u16();
            // Moved out, not cloned: reading the body does not need them.
            let headers = std::mem::take(response.headers_mut());
            let body = response.bytes().await?;
            Ok::<_, reqwest::Error>(Raw {
                status,
                headers,
                body,
            })
        }
        .await;
        let duration = started.elapsed();
        let result = outcome.map_err(|e| transport_error(&e, &call.url, call.timeout));
        tracing::debug!(
            method = %call.method,
            url = %self.inner.redactor.redact_url(call.url.as_str()),
            status = result.as_ref().ok().map(|r| r.status),
            ?duration,
            attempt,
            "agentkit exchange"
        );
        if let (Some(observer), Some((request_headers, request_body))) =
            (&self.inner.observer, recorded)
        {
            let redactor = &self.inner.redactor;
            let (status, response_headers, response_body, error) = match &result {
                Ok(raw) => (
                    Some(raw.status),
                    observer::headers(redactor, &raw.headers),
                    Some(observer::body(redactor, &raw.headers, &raw.body)),
                    None,
                ),
                Err(e) => (
                    None,
                    Vec::new(),
                    None,
                    Some(redactor.redact_text(&e.to_string())),
                ),
            };
            observer.on_exchange(&Exchange {
                method: call.method.to_string(),
                url: redactor.redact_url(call.url.as_str()),
                request_headers,
                request_body,
                status,
                response_headers,
                response_body,
                duration,
                error,
                attempt,
            });
        }
        result
    }
}

/// Whether an error body carries `error_code: TOOL_ERROR`.
fn is_tool_error(body: &[u8]) -> bool {
    serde_json::from_slice::<crate::wire::Status>(body)
        .map(|s| s.is_tool_error())
        .unwrap_or(false)
}

/// Sets the content type of a body-carrying call.
pub(crate) fn set_content_type(headers: &mut HeaderMap, content_type: &str) -> Result<()> {
    let value = HeaderValue::from_str(content_type)
        .map_err(|_| Error::InvalidRequest(format!("invalid content type {content_type:?}")))?;
    headers.insert(CONTENT_TYPE, value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::{Client, ErrorKind};
    use tokio::io::AsyncWriteExt;

    async fn token_error(env_url: &str) -> crate::Error {
        let client = Client::new(env_url, "id", "secret").unwrap();
        client.access_token().await.unwrap_err()
    }

    #[tokio::test]
    async fn refused_connections_say_so() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        let err = token_error(&format!("http://127.0.0.1:{port}")).await;
        assert_eq!(err.kind(), ErrorKind::Network);
        assert_eq!(
            err.to_string(),
            format!("could not connect to 127.0.0.1:{port} (connection refused)")
        );
    }

    #[tokio::test]
    async fn tls_failures_say_so() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                let _ = socket.write_all(b"HTTP/1.1 200 OK\r\n\r\nplain text").await;
            }
        });
        let err = token_error(&format!("https://127.0.0.1:{port}")).await;
        assert_eq!(err.kind(), ErrorKind::Network, "{err:?}");
        let text = err.to_string();
        assert!(
            text.starts_with(&format!("could not connect to 127.0.0.1:{port} (TLS error")),
            "{text}"
        );
    }

    #[tokio::test]
    async fn unknown_hosts_say_so() {
        let err = token_error("https://kitbench-test.invalid").await;
        assert_eq!(err.kind(), ErrorKind::Network, "{err:?}");
        let text = err.to_string();
        assert!(
            text.starts_with("could not connect to kitbench-test.invalid:443 (DNS lookup failed"),
            "{text}"
        );
    }
}
