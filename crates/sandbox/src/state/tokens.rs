//! Access tokens issued by `POST /oauth/token`: random opaque strings with an expiry.

use parking_lot::RwLock;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Expired tokens are swept every this many issues, which bounds the map under load tests.
const SWEEP_EVERY: usize = 1024;

pub(crate) struct TokenStore {
    tokens: RwLock<(usize, HashMap<String, Instant>)>,
}

impl TokenStore {
    pub(crate) fn new() -> Self {
        Self {
            tokens: RwLock::new((0, HashMap::new())),
        }
    }

    /// A new token valid for `ttl`.
    pub(crate) fn issue(&self, ttl: Duration) -> String {
        let token = format!("sbx_{}", crate::ids::alnum(48));
        let now = Instant::now();
        let mut guard = self.tokens.write();
        let (issued, map) = &mut *guard;
        *issued += 1;
        if *issued % SWEEP_EVERY == 0 {
            map.retain(|_, exp| *exp > now);
        }
        map.insert(token.clone(), now + ttl);
        token
    }

    /// Whether `token` was issued and has not expired.
    pub(crate) fn valid(&self, token: &str) -> bool {
        self.tokens
            .read()
            .1
            .get(token)
            .is_some_and(|exp| *exp > Instant::now())
    }

    /// Every issued token becomes invalid.
    pub(crate) fn expire_all(&self) {
        self.tokens.write().1.clear();
    }
}
