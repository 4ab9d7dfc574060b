//! Access tokens issued by `POST /oauth/token`: random opaque strings with an expiry, at most
//! [`MAX_TOKENS_PER_CLIENT`] live per client (the oldest is evicted to make room), so a client
//! minting tokens in a loop cannot grow the map without bound.

use parking_lot::RwLock;
use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

/// Live tokens one client may hold; issuing one more evicts its oldest.
pub(crate) const MAX_TOKENS_PER_CLIENT: usize = 1_000;

/// Expired tokens are swept every this many issues.
const SWEEP_EVERY: usize = 1024;

#[derive(Default)]
struct Tokens {
    issued: usize,
    /// Token → expiry.
    expiry: HashMap<String, Instant>,
    /// Client id → its tokens, oldest first.
    by_client: HashMap<String, VecDeque<String>>,
}

pub(crate) struct TokenStore {
    tokens: RwLock<Tokens>,
}

impl TokenStore {
    pub(crate) fn new() -> Self {
        Self {
            tokens: RwLock::new(Tokens::default()),
        }
    }

    /// A new token for `client` valid for `ttl`; the client's oldest token goes if it already
    /// holds [`MAX_TOKENS_PER_CLIENT`].
    pub(crate) fn issue(&self, client: &str, ttl: Duration) -> String {
        let token = format!("sbx_{}", crate::ids::alnum(48));
        let now = Instant::now();
        // A TTL past what `Instant` can hold means "never" in practice: a century.
        let expires = now
            .checked_add(ttl)
            .or_else(|| now.checked_add(Duration::from_secs(100 * 365 * 86_400)))
            .unwrap_or(now);
        let mut guard = self.tokens.write();
        let t = &mut *guard;
        t.issued += 1;
        if t.issued.is_multiple_of(SWEEP_EVERY) {
            t.expiry.retain(|_, exp| *exp > now);
            let expiry = &t.expiry;
            t.by_client.retain(|_, list| {
                list.retain(|tok| expiry.contains_key(tok));
                !list.is_empty()
            });
        }
        let list = t.by_client.entry(client.to_string()).or_default();
        while list.len() >= MAX_TOKENS_PER_CLIENT {
            if let Some(oldest) = list.pop_front() {
                t.expiry.remove(&oldest);
            }
        }
        list.push_back(token.clone());
        t.expiry.insert(token.clone(), expires);
        token
    }

    /// Whether `token` was issued, has not expired and has not been evicted.
    pub(crate) fn valid(&self, token: &str) -> bool {
        self.tokens
            .read()
            .expiry
            .get(token)
            .is_some_and(|exp| *exp > Instant::now())
    }

    /// How many tokens are held, expired or not (until the next sweep).
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.tokens.read().expiry.len()
    }

    /// Every issued token becomes invalid.
    pub(crate) fn expire_all(&self) {
        let mut t = self.tokens.write();
        t.expiry.clear();
        t.by_client.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oldest_token_of_a_client_is_evicted() {
        let store = TokenStore::new();
        let hour = Duration::from_secs(3600);
        let first = store.issue("a", hour);
        let other = store.issue("b", hour);
        let mut last = String::new();
        for _ in 0..MAX_TOKENS_PER_CLIENT * 3 {
            last = store.issue("a", hour);
        }
        assert!(!store.valid(&first));
        assert!(store.valid(&last) && store.valid(&other));
        assert_eq!(store.len(), MAX_TOKENS_PER_CLIENT + 1);
        assert!(store.valid(&store.issue("a", Duration::MAX)));
    }
}
