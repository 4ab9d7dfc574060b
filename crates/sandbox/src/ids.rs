//! Identifiers: random ones for new objects, stable ones for catalog objects and seeds.

use base64::Engine as _;
use rand::Rng as _;
use sha2::{Digest as _, Sha256};

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// `n` random ASCII letters and digits.
pub(crate) fn alnum(n: usize) -> String {
    let mut rng = rand::rng();
    (0..n)
        .map(|_| ALNUM[rng.random_range(0..ALNUM.len())] as char)
        .collect()
}

/// `n` random decimal digits, the first one non-zero.
pub(crate) fn digits(n: usize) -> String {
    let mut rng = rand::rng();
    (0..n)
        .map(|i| char::from(b'0' + rng.random_range(u8::from(i == 0)..10)))
        .collect()
}

/// 32 random bytes, base64url without padding: the opaque `auth_request_id`.
pub(crate) fn opaque_b64() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A random UUID (version 4 layout).
pub(crate) fn uuid() -> String {
    let bytes: [u8; 16] = rand::rng().random();
    uuid_from(bytes)
}

/// A UUID derived from `seed`, for deterministic seeds.
pub(crate) fn stable_uuid(seed: &str) -> String {
    let digest = Sha256::digest(seed.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid_from(bytes)
}

fn uuid_from(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

/// A 17-digit number derived from `seed` (Scalekit ids look like `conn_69417043563053569`).
pub(crate) fn stable_number(seed: &str) -> String {
    let digest = Sha256::digest(seed.as_bytes());
    let mut n = [0u8; 8];
    n.copy_from_slice(&digest[..8]);
    format!(
        "{}",
        10_000_000_000_000_000 + u64::from_be_bytes(n) % 90_000_000_000_000_000
    )
}

/// `n` letters and digits derived from `seed`.
pub(crate) fn stable_alnum(seed: &str, n: usize) -> String {
    let mut out = String::with_capacity(n);
    let mut round = 0u32;
    while out.len() < n {
        let digest = Sha256::digest(format!("{seed}#{round}").as_bytes());
        out.extend(
            digest
                .iter()
                .map(|b| ALNUM[usize::from(*b) % ALNUM.len()] as char)
                .take(n - out.len()),
        );
        round += 1;
    }
    out
}

/// A new connected-account id: `ca_` + 24 characters (32 at most, as the proto requires).
pub(crate) fn account_id() -> String {
    format!("ca_{}", alnum(24))
}

/// A new execution id for `execute_tool`.
pub(crate) fn execution_id() -> String {
    format!("exec_{}", alnum(24))
}

/// Constant-time comparison, so secret checks do not leak how much of a guess was right.
pub(crate) fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert!(account_id().starts_with("ca_") && account_id().len() <= 32);
        assert_eq!(uuid().len(), 36);
        assert_eq!(stable_uuid("x"), stable_uuid("x"));
        assert_eq!(stable_number("gmail").len(), 17);
        assert_eq!(stable_alnum("a", 40).len(), 40);
        assert!(same_secret("abc", "abc") && !same_secret("abc", "abd"));
        assert!(!digits(5).starts_with('0'));
    }
}
