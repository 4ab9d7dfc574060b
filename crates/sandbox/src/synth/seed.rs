//! Seeding: a canonical hash of the call, and the generator it seeds.

use agentkit_wire::JsonObject;
use serde_json::Value;

/// FNV-1a over a canonical rendering (object keys sorted), independent of key order on input.
pub(super) struct Fnv(pub(super) u64);

impl Fnv {
    pub(super) fn new() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
    pub(super) fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

pub(super) fn hash_object(h: &mut Fnv, map: &JsonObject) {
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort();
    h.write(b"{");
    for k in keys {
        h.write(k.as_bytes());
        h.write(b":");
        hash_value(h, &map[k]);
    }
    h.write(b"}");
}

fn hash_value(h: &mut Fnv, v: &Value) {
    match v {
        Value::Object(m) => hash_object(h, m),
        Value::Array(items) => {
            h.write(b"[");
            items.iter().for_each(|x| hash_value(h, x));
            h.write(b"]");
        }
        other => h.write(other.to_string().as_bytes()),
    }
}

/// SplitMix64: tiny, fast, and stable across releases (unlike `rand`'s default generators),
/// which keeps synthetic data identical from one Sandbox version to the next.
pub(crate) struct SplitMix(pub(super) u64);

impl SplitMix {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
}
