//! Fault injection: latency, 5xx errors, 429 rate limiting and dropped connections, per route or
//! for every route, plus short-lived tokens. Rates of 0 and 1 and the `*_next` counters make
//! faults deterministic for tests.
//!
//! Which requests faults hit: authenticated, routed calls of `/api/v1/*` (after the bearer check
//! and routing, so a 401, 404 or 501 is never replaced by a fault), of `/proxy/*` (after the
//! bearer check) and of MCP instance URLs `/mcp/v1/{token}` (once the token names an instance).
//! Never `/oauth/token`, `/_sandbox/*` or the consent pages `/magic/*`.
//!
//! Knobs set over HTTP are checked by [`Faults::parse`]: unknown keys, rates outside 0..=1,
//! statuses other than 500/503, more than [`MAX_RULES`] rules or values above the caps below
//! are refused. Knobs set through the Rust API are clamped to the same caps.

use parking_lot::Mutex;
use rand::Rng as _;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

mod check;

/// At most this many rules.
pub const MAX_RULES: usize = 100;
/// Latency of one rule, and of one request (the latencies of matching rules add up), at most:
/// one minute.
pub const MAX_LATENCY_MS: u64 = 60_000;
/// `Retry-After`, `token_expiry` and `magic_link_ttl`, at most (one day).
pub const MAX_SECS: u64 = 86_400;

/// The fault knobs in force. Counters (`*_next`) count down as they fire, so reading the faults
/// back shows what is left.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    /// Rules checked in order for every faultable request (see the module docs).
    pub rules: Vec<FaultRule>,
    /// When set, tokens issued from now on live this many seconds.
    pub token_expiry: Option<u64>,
    /// When set, magic links (and the verifications they lead to) issued from now on live
    /// this many seconds: to try expired links without waiting ten minutes.
    pub magic_link_ttl: Option<u64>,
}

/// One rule: which requests it applies to and what happens to them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FaultRule {
    /// `"*"` (every route), `"METHOD /path"` or `"/path"` (any method); a path ending in `*`
    /// matches by prefix, e.g. `"GET /api/v1/tools*"`.
    pub route: String,
    /// Delay before answering.
    pub latency_ms: u64,
    /// Share of matching calls answered with `error_status` (0 to 1).
    pub error_rate: f64,
    /// The next N matching calls are answered with `error_status`.
    pub error_next: u32,
    /// 500 (code 13, INTERNAL) or 503 (code 14, UNAVAILABLE).
    pub error_status: u16,
    /// Answer 429 with `Retry-After`.
    pub rate_limit: Option<RateLimit>,
    /// Share of matching calls whose connection is closed without an answer (0 to 1).
    pub drop_rate: f64,
    /// The next N matching calls have their connection closed without an answer.
    pub drop_next: u32,
}

impl Default for FaultRule {
    fn default() -> Self {
        Self {
            route: "*".into(),
            latency_ms: 0,
            error_rate: 0.0,
            error_next: 0,
            error_status: 500,
            rate_limit: None,
            drop_rate: 0.0,
            drop_next: 0,
        }
    }
}

/// 429 answers: for the next `next` matching calls, and/or for a share `rate` of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RateLimit {
    pub next: u32,
    pub rate: f64,
    /// The `Retry-After` header value, in seconds.
    pub retry_after_secs: u64,
}

impl Default for RateLimit {
    fn default() -> Self {
        Self {
            next: 0,
            rate: 0.0,
            retry_after_secs: 1,
        }
    }
}

impl FaultRule {
    /// A rule for one route (see [`FaultRule::route`]) with nothing enabled yet.
    pub fn for_route(route: impl Into<String>) -> Self {
        Self {
            route: route.into(),
            ..Self::default()
        }
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        let route = self.route.trim();
        if route == "*" || route.is_empty() {
            return true;
        }
        let (m, p) = match route.split_once(' ') {
            Some((m, p)) => (Some(m), p.trim()),
            None => (None, route),
        };
        if m.is_some_and(|m| m != "*" && !m.eq_ignore_ascii_case(method)) {
            return false;
        }
        match p.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => path == p,
        }
    }
}

/// What to do with one request.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Decision {
    pub latency: Duration,
    pub outcome: Option<Outcome>,
}

/// A failure to inject instead of handling the request.
#[derive(Debug, PartialEq)]
pub(crate) enum Outcome {
    Drop,
    RateLimited { retry_after_secs: u64 },
    Error { status: u16 },
}

/// The live faults, shared by every request.
pub(crate) struct FaultEngine {
    faults: Mutex<Faults>,
    /// Lets the hot path skip the lock entirely while no rule is set.
    active: AtomicBool,
}

impl FaultEngine {
    pub(crate) fn new(faults: Faults) -> Self {
        let faults = faults.clamped();
        let active = AtomicBool::new(!faults.rules.is_empty());
        Self {
            faults: Mutex::new(faults),
            active,
        }
    }

    pub(crate) fn get(&self) -> Faults {
        self.faults.lock().clone()
    }

    /// Installs `faults`, clamped into range (see [`Faults::check`] for the refusing variant).
    pub(crate) fn set(&self, faults: Faults) {
        let faults = faults.clamped();
        let mut guard = self.faults.lock();
        self.active
            .store(!faults.rules.is_empty(), Ordering::Release);
        *guard = faults;
    }

    pub(crate) fn token_expiry(&self) -> Option<Duration> {
        self.faults.lock().token_expiry.map(Duration::from_secs)
    }

    pub(crate) fn magic_link_ttl(&self) -> Option<Duration> {
        self.faults.lock().magic_link_ttl.map(Duration::from_secs)
    }

    /// Decides the fate of one request; counters of firing rules count down.
    pub(crate) fn decide(&self, method: &str, path: &str) -> Decision {
        if !self.active.load(Ordering::Acquire) {
            return Decision::default();
        }
        let mut faults = self.faults.lock();
        let mut decision = Decision::default();
        let mut rng = rand::rng();
        let mut hit = |rate: f64| rate >= 1.0 || (rate > 0.0 && rng.random::<f64>() < rate);
        for rule in faults.rules.iter_mut().filter(|r| r.matches(method, path)) {
            decision.latency = decision
                .latency
                .saturating_add(Duration::from_millis(rule.latency_ms))
                .min(Duration::from_millis(MAX_LATENCY_MS));
            if decision.outcome.is_some() {
                continue;
            }
            if take(&mut rule.drop_next) || hit(rule.drop_rate) {
                decision.outcome = Some(Outcome::Drop);
            } else if let Some(rl) = rule.rate_limit.as_mut() {
                if take(&mut rl.next) || hit(rl.rate) {
                    decision.outcome = Some(Outcome::RateLimited {
                        retry_after_secs: rl.retry_after_secs,
                    });
                }
            }
            if decision.outcome.is_none() && (take(&mut rule.error_next) || hit(rule.error_rate)) {
                let status = if rule.error_status == 503 { 503 } else { 500 };
                decision.outcome = Some(Outcome::Error { status });
            }
        }
        decision
    }
}

fn take(counter: &mut u32) -> bool {
    if *counter > 0 {
        *counter -= 1;
        true
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_and_counters() {
        let mut rule = FaultRule::for_route("POST /api/v1/execute_tool");
        rule.error_next = 2;
        rule.error_status = 503;
        let engine = FaultEngine::new(Faults {
            rules: vec![rule, FaultRule::for_route("GET /api/v1/tools*")],
            ..Faults::default()
        });
        assert_eq!(engine.decide("GET", "/api/v1/execute_tool").outcome, None);
        let first = engine.decide("POST", "/api/v1/execute_tool").outcome;
        assert_eq!(first, Some(Outcome::Error { status: 503 }));
        assert!(engine
            .decide("POST", "/api/v1/execute_tool")
            .outcome
            .is_some());
        assert_eq!(engine.decide("POST", "/api/v1/execute_tool").outcome, None);
        assert_eq!(engine.get().rules[0].error_next, 0);
        assert!(FaultRule::for_route("GET /api/v1/tools*").matches("GET", "/api/v1/tools/scoped"));
    }

    #[test]
    fn knobs_are_checked_or_clamped() {
        let err = |body: &str| Faults::parse(body.as_bytes()).unwrap_err();
        assert!(err(r#"{"rulez": []}"#).contains("unknown field `rulez`"));
        assert!(err(r#"{"rules": [{"error_status": 418}]}"#).contains("500 or 503"));
        assert!(err(r#"{"rules": [{"latency_ms": 18446744073709551615}]}"#).contains("60000"));
        assert!(err(r#"{"rules": [{"drop_rate": 2}]}"#).contains("0 to 1"));
        assert!(err(r#"{"token_expiry": 0}"#).contains("token_expiry"));
        let many = format!("{{\"rules\": [{}]}}", vec!["{}"; MAX_RULES + 1].join(","));
        assert!(err(&many).contains("at most"));

        let mut rule = FaultRule::for_route("*");
        rule.latency_ms = u64::MAX;
        rule.error_status = 418;
        let engine = FaultEngine::new(Faults {
            rules: vec![rule; MAX_RULES + 1],
            token_expiry: Some(u64::MAX),
            magic_link_ttl: Some(0),
        });
        let faults = engine.get();
        assert_eq!(faults.magic_link_ttl, Some(1));
        assert_eq!(faults.rules.len(), MAX_RULES);
        assert_eq!(faults.rules[0].error_status, 500);
        assert_eq!(faults.token_expiry, Some(MAX_SECS));
        let latency = engine.decide("GET", "/").latency;
        assert_eq!(latency, Duration::from_millis(MAX_LATENCY_MS));
    }
}
