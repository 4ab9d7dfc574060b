//! The `state` an authorization link carries: 256 random bits, of which only a hash is kept.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A fresh state: 32 random bytes, base64url (43 characters).
pub fn new_state() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database keeps of a state: its SHA-256, hex. Looking a returning link up by
/// this hash means a copy of the database cannot be turned into a valid link.
pub fn hash(state: &str) -> String {
    let digest = Sha256::digest(state.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_are_long_fresh_and_hashed() {
        let a = new_state();
        assert_eq!(a.len(), 43);
        assert_ne!(a, new_state());
        assert_eq!(hash(&a).len(), 64);
        assert_eq!(hash(&a), hash(&a));
        assert_ne!(hash(&a), a);
    }
}
