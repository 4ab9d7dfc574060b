//! When to retry a call and how long to wait (REFERENCE §4 "Retries").

use reqwest::header::{HeaderMap, RETRY_AFTER};
use std::time::Duration;

/// How 429 and 503 answers are retried.
///
/// 429 is retried only on calls that do not change state, after `Retry-After` (capped by
/// `max_retry_after`) or, without one, after the backoff. 503 is retried on every call except
/// `execute_tool`, creating and deleting connected accounts, and non-idempotent proxy calls, with
/// the backoff
/// `min(base_delay · 2^n, max_delay) × U(0.5, 1)`. `TOOL_ERROR` answers are never retried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 disables retries.
    pub max_retries: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
    /// Upper bound on a server-requested `Retry-After` wait.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// The backoff before retry number `retry` (0-based) for a jitter factor, which is clamped
    /// to [0.5, 1].
    pub fn backoff(&self, retry: u32, jitter: f64) -> Duration {
        let factor = 2u32.saturating_pow(retry.min(31));
        let exponential = self.base_delay.saturating_mul(factor).min(self.max_delay);
        exponential.mul_f64(jitter.clamp(0.5, 1.0))
    }
}

/// What a call allows, decided per RPC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Retryable {
    /// The call does not change state: 429 may be retried.
    pub on_rate_limit: bool,
    /// 503 may be retried (false for `execute_tool`, account create/delete and non-idempotent
    /// proxy calls).
    pub on_unavailable: bool,
}

impl Retryable {
    /// GETs and lookups done with POST.
    pub const LOOKUP: Self = Self {
        on_rate_limit: true,
        on_unavailable: true,
    };
    /// Calls that change state.
    pub const MUTATION: Self = Self {
        on_rate_limit: false,
        on_unavailable: true,
    };
    /// Calls whose repetition could repeat a side effect upstream.
    pub const NEVER: Self = Self {
        on_rate_limit: false,
        on_unavailable: false,
    };
}

/// The wait before the next attempt, or `None` when the answer is final.
pub(crate) fn delay(
    policy: &RetryPolicy,
    allowed: Retryable,
    http_status: u16,
    retry_after: Option<Duration>,
    tool_error: bool,
    retries_done: u32,
    jitter: f64,
) -> Option<Duration> {
    if tool_error || retries_done >= policy.max_retries {
        return None;
    }
    let permitted = match http_status {
        429 => allowed.on_rate_limit,
        503 => allowed.on_unavailable,
        _ => false,
    };
    if !permitted {
        return None;
    }
    Some(match retry_after {
        Some(wait) => wait.min(policy.max_retry_after),
        None => policy.backoff(retries_done, jitter),
    })
}

/// `Retry-After` in (possibly fractional) seconds; HTTP dates are not used by this API.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    let seconds: f64 = text.parse().ok()?;
    (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds))
}

/// A uniform jitter factor in [0.5, 1].
pub(crate) fn jitter() -> f64 {
    rand::random_range(0.5..=1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn backoff_doubles_caps_and_jitters() {
        let p = RetryPolicy::default();
        assert_eq!(p.backoff(0, 1.0), Duration::from_secs(1));
        assert_eq!(p.backoff(1, 1.0), Duration::from_secs(2));
        assert_eq!(p.backoff(3, 1.0), Duration::from_secs(8));
        assert_eq!(p.backoff(5, 1.0), Duration::from_secs(30));
        assert_eq!(p.backoff(40, 1.0), Duration::from_secs(30));
        assert_eq!(p.backoff(2, 0.5), Duration::from_secs(2));
        assert_eq!(p.backoff(0, 0.1), Duration::from_millis(500));
        assert_eq!(p.backoff(0, 7.0), Duration::from_secs(1));
        for _ in 0..100 {
            let d = p.backoff(1, jitter());
            assert!(d >= Duration::from_secs(1) && d <= Duration::from_secs(2));
        }
    }

    #[test]
    fn rate_limits_retry_only_lookups_and_honour_retry_after() {
        let p = RetryPolicy::default();
        let ra = Some(Duration::from_secs(2));
        assert_eq!(
            delay(&p, Retryable::LOOKUP, 429, ra, false, 0, 1.0),
            Some(Duration::from_secs(2))
        );
        assert_eq!(delay(&p, Retryable::MUTATION, 429, ra, false, 0, 1.0), None);
        assert_eq!(
            delay(
                &p,
                Retryable::LOOKUP,
                429,
                Some(Duration::from_secs(600)),
                false,
                0,
                1.0
            ),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            delay(&p, Retryable::LOOKUP, 429, None, false, 1, 1.0),
            Some(Duration::from_secs(2))
        );
    }

    #[test]
    fn unavailable_retries_except_where_forbidden() {
        let p = RetryPolicy::default();
        assert!(delay(&p, Retryable::MUTATION, 503, None, false, 0, 1.0).is_some());
        assert!(delay(&p, Retryable::LOOKUP, 503, None, false, 2, 1.0).is_some());
        assert_eq!(delay(&p, Retryable::LOOKUP, 503, None, false, 3, 1.0), None);
        assert_eq!(delay(&p, Retryable::NEVER, 503, None, false, 0, 1.0), None);
        assert_eq!(delay(&p, Retryable::LOOKUP, 503, None, true, 0, 1.0), None);
        assert_eq!(delay(&p, Retryable::LOOKUP, 500, None, false, 0, 1.0), None);
        assert_eq!(
            delay(
                &RetryPolicy::none(),
                Retryable::LOOKUP,
                503,
                None,
                false,
                0,
                1.0
            ),
            None
        );
    }

    #[test]
    fn retry_after_parses_seconds() {
        let mut h = HeaderMap::new();
        assert_eq!(retry_after(&h), None);
        h.insert(RETRY_AFTER, HeaderValue::from_static("3"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(3)));
        h.insert(RETRY_AFTER, HeaderValue::from_static("0.5"));
        assert_eq!(retry_after(&h), Some(Duration::from_millis(500)));
        h.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&h), None);
        h.insert(RETRY_AFTER, HeaderValue::from_static("-1"));
        assert_eq!(retry_after(&h), None);
    }
}
