//! The client-credentials access token: fetched lazily, cached, refreshed ahead of expiry, and
//! fetched by exactly one caller at a time (single flight).

use crate::answer_error;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::retry::{self, Retryable};
use crate::transport::Call;
use crate::wire::token::TokenResponse;
use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Refresh this long before `expires_in` runs out.
const REFRESH_MARGIN: Duration = Duration::from_secs(60);

/// The token is a `SecretString` so that no `Debug` of the client or the cache prints it.
#[derive(Debug, Clone)]
struct Cached {
    value: SecretString,
    /// `None` when the server did not say when it expires: kept until a 401.
    refresh_at: Option<Instant>,
}

/// The cached token and the gate that makes concurrent refreshes share one request.
#[derive(Debug, Default)]
pub(crate) struct TokenCache {
    current: Mutex<Option<Cached>>,
    gate: tokio::sync::Mutex<()>,
}

impl TokenCache {
    fn fresh(&self, now: Instant) -> Option<String> {
        let current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        current
            .as_ref()
            .filter(|c| c.refresh_at.is_none_or(|at| now < at))
            .map(|c| c.value.expose_secret().to_owned())
    }

    fn store(&self, token: Option<Cached>) {
        *self.current.lock().unwrap_or_else(|e| e.into_inner()) = token;
    }

    fn is_cached(&self) -> bool {
        self.current
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
    }
}

/// When a token that lives `expires_in` seconds should be replaced: 60 s early, but never
/// earlier than half its life, so short-lived tokens are still reused.
pub(crate) fn refresh_at(now: Instant, expires_in: u64) -> Option<Instant> {
    if expires_in == 0 {
        return None;
    }
    let life = Duration::from_secs(expires_in);
    Some(now + life - REFRESH_MARGIN.min(life / 2))
}

impl Client {
    /// A valid access token: the cached one, or a new one from `POST {env}/oauth/token` when
    /// none is cached or it is about to expire. Concurrent callers share one token request.
    pub async fn access_token(&self) -> Result<String> {
        let tokens = &self.inner.tokens;
        if let Some(token) = tokens.fresh(Instant::now()) {
            return Ok(token);
        }
        let _flight = tokens.gate.lock().await;
        if let Some(token) = tokens.fresh(Instant::now()) {
            return Ok(token);
        }
        self.fetch_and_store().await
    }

    /// Replaces a token the API rejected with 401. When another caller already replaced it,
    /// that newer token is used and no request is made.
    pub(crate) async fn refresh_rejected_token(&self, rejected: &str) -> Result<String> {
        let tokens = &self.inner.tokens;
        let _flight = tokens.gate.lock().await;
        if let Some(token) = tokens.fresh(Instant::now()) {
            if token != rejected {
                return Ok(token);
            }
        }
        self.fetch_and_store().await
    }

    async fn fetch_and_store(&self) -> Result<String> {
        let tokens = &self.inner.tokens;
        match self.fetch_token().await {
            Ok(response) => {
                let value = response.access_token;
                tokens.store(Some(Cached {
                    value: SecretString::from(value.as_str()),
                    refresh_at: refresh_at(Instant::now(), response.expires_in),
                }));
                Ok(value)
            }
            Err(e) => {
                // A token that failed to refresh must not be served again from the cache.
                if tokens.is_cached() {
                    tokens.store(None);
                }
                Err(e)
            }
        }
    }

    /// `POST {env}/oauth/token` with the client credentials, retrying 429/503 like a lookup
    /// (minting a token has no side effect worth protecting).
    async fn fetch_token(&self) -> Result<TokenResponse> {
        let inner = &self.inner;
        let form = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("grant_type", "client_credentials")
            .append_pair("client_id", &inner.client_id)
            .append_pair("client_secret", inner.client_secret.expose_secret())
            .finish();
        let mut headers = self.standard_headers();
        crate::transport::set_content_type(&mut headers, "application/x-www-form-urlencoded")?;
        let call = Call {
            method: Method::POST,
            url: crate::env_url::join(&inner.env_url, "/oauth/token")?,
            headers,
            body: Some(form.into_bytes().into()),
            timeout: inner.timeout,
            retry: Retryable::LOOKUP,
            api: false,
        };
        let mut attempt = 0;
        loop {
            attempt += 1;
            let raw = self.send_once(&call, None, attempt).await?;
            let retry_after = retry::retry_after(&raw.headers);
            if raw.is_success() {
                let token: TokenResponse = serde_json::from_slice(&raw.body).map_err(|e| {
                    let shown = crate::observer::body(&inner.redactor, &raw.headers, &raw.body);
                    Error::decode(format!("the token answer is not valid JSON ({e})"), &shown)
                })?;
                if token.access_token.is_empty() {
                    return Err(Error::decode("the token answer has no access_token", b""));
                }
                return Ok(token);
            }
            let wait = retry::delay(
                &inner.retry,
                call.retry,
                raw.status,
                retry_after,
                false,
                attempt - 1,
                retry::jitter(),
            );
            match wait {
                Some(wait) => tokio::time::sleep(wait).await,
                None => {
                    return Err(answer_error::from_token_response(
                        raw.status,
                        retry_after,
                        &raw.body,
                    ))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refreshes_a_minute_early_or_at_half_life() {
        let now = Instant::now();
        assert_eq!(refresh_at(now, 0), None);
        assert_eq!(
            refresh_at(now, 86399),
            Some(now + Duration::from_secs(86399 - 60))
        );
        assert_eq!(refresh_at(now, 120), Some(now + Duration::from_secs(60)));
        assert_eq!(refresh_at(now, 10), Some(now + Duration::from_secs(5)));
    }

    #[test]
    fn stale_tokens_are_not_served() {
        let cache = TokenCache::default();
        let now = Instant::now();
        assert_eq!(cache.fresh(now), None);
        cache.store(Some(Cached {
            value: SecretString::from("t1"),
            refresh_at: Some(now + Duration::from_secs(5)),
        }));
        assert_eq!(cache.fresh(now).as_deref(), Some("t1"));
        assert_eq!(cache.fresh(now + Duration::from_secs(6)), None);
        cache.store(Some(Cached {
            value: SecretString::from("t2"),
            refresh_at: None,
        }));
        assert_eq!(
            cache.fresh(now + Duration::from_secs(1_000_000)).as_deref(),
            Some("t2")
        );
    }

    #[test]
    fn the_cache_never_prints_its_token() {
        let cache = TokenCache::default();
        cache.store(Some(Cached {
            value: SecretString::from("eyJ-very-secret-token"),
            refresh_at: None,
        }));
        let shown = format!("{cache:?} {cache:#?}");
        assert!(!shown.contains("eyJ-very-secret-token"), "{shown}");
        assert!(shown.contains("REDACTED"), "{shown}");
        assert_eq!(
            cache.fresh(Instant::now()).as_deref(),
            Some("eyJ-very-secret-token")
        );
    }
}
