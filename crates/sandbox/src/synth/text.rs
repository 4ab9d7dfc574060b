//! Strings that look like what an upstream API returns: ids, emails, timestamps, names, text.

use super::{shapes, SplitMix};

const FIRST: &[&str] = &[
    "ada", "grace", "alan", "edsger", "barbara", "linus", "margaret", "ken",
];
const LAST: &[&str] = &[
    "lovelace", "hopper", "turing", "dijkstra", "liskov", "torvalds",
];
const NOUNS: &[&str] = &[
    "roadmap",
    "invoice",
    "launch",
    "review",
    "budget",
    "release",
    "meeting",
    "design",
    "report",
    "onboarding",
];
const ADJECTIVES: &[&str] = &["quarterly", "weekly", "final", "draft", "urgent", "shared"];
const SENTENCES: &[&str] = &[
    "Following up on the plan we discussed yesterday.",
    "Please find the latest numbers attached.",
    "The deployment finished without errors.",
    "Can we move the sync to Thursday afternoon?",
    "Thanks for the quick turnaround on this.",
];
const HEX: &[u8] = b"0123456789abcdef";

/// Word source for one tool; the tool's provider prefix names its URLs.
pub(super) struct Words {
    provider: String,
}

impl Words {
    pub(super) fn new(tool_name: &str) -> Self {
        let provider = tool_name
            .split('_')
            .next()
            .unwrap_or("api")
            .to_ascii_lowercase();
        Self { provider }
    }

    /// A short identifier-like token, for schemas without a type.
    pub(super) fn token(&self, rng: &mut SplitMix, name: &str) -> String {
        format!(
            "{}_{}",
            if name.is_empty() { "value" } else { name },
            hex(rng, 8)
        )
    }

    /// A string for `format`, else one chosen by the field name and the name of the object
    /// it is in (`parent`: a channel's `name` is a channel name, not a person's).
    pub(super) fn string(
        &self,
        rng: &mut SplitMix,
        format: &str,
        name: &str,
        parent: &str,
    ) -> String {
        match format {
            "date-time" => timestamp(rng).format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            "date" => timestamp(rng).format("%Y-%m-%d").to_string(),
            "time" => timestamp(rng).format("%H:%M:%SZ").to_string(),
            "email" | "idn-email" => email(rng),
            "uri" | "url" | "iri" | "uri-reference" | "iri-reference" => self.url(rng, name),
            "uuid" => uuid(rng),
            "hostname" | "idn-hostname" => format!("{}.example.com", self.provider),
            "ipv4" => format!("10.0.{}.{}", rng.below(256), 1 + rng.below(254)),
            "ipv6" => format!("fd00::{:x}", 1 + rng.below(0xfffe)),
            _ => self.by_name(
                rng,
                &name.to_ascii_lowercase(),
                &parent.to_ascii_lowercase(),
            ),
        }
    }

    fn url(&self, rng: &mut SplitMix, name: &str) -> String {
        let path = name
            .trim_end_matches("_url")
            .trim_end_matches("url")
            .replace('_', "-");
        let path = if path.is_empty() {
            "item".to_string()
        } else {
            path
        };
        format!(
            "https://{}.example.com/{path}/{}",
            self.provider,
            hex(rng, 10)
        )
    }

    fn by_name(&self, rng: &mut SplitMix, n: &str, parent: &str) -> String {
        if let Some(id) = shapes::provider_id(rng, &self.provider, n, parent) {
            id
        } else if n == "ts" || n.ends_with("_ts") {
            shapes::slack_ts(rng)
        } else if n == "channel_name" || (n == "name" && parent.starts_with("channel")) {
            shapes::channel_name(rng)
        } else if n.ends_with("email") || n == "from" || n == "to" || n == "sender" {
            email(rng)
        } else if n == "id" || n.ends_with("_id") || n.ends_with("id") && n.len() <= 4 {
            hex(rng, 16)
        } else if n.contains("url") || n.contains("link") || n.ends_with("href") {
            self.url(rng, n)
        } else if n.ends_with("_at") || n.ends_with("time") || n.ends_with("date") {
            timestamp(rng).format("%Y-%m-%dT%H:%M:%SZ").to_string()
        } else if n == "first_name" || n == "given_name" {
            capitalize(pick(rng, FIRST))
        } else if n == "last_name" || n == "family_name" {
            capitalize(pick(rng, LAST))
        } else if n.contains("name") && !n.contains("file") {
            format!(
                "{} {}",
                capitalize(pick(rng, FIRST)),
                capitalize(pick(rng, LAST))
            )
        } else if n.contains("file") {
            format!("{}-{}.pdf", pick(rng, NOUNS), rng.below(100))
        } else if ["title", "subject", "summary", "topic", "label", "heading"]
            .iter()
            .any(|k| n.contains(k))
        {
            format!("{} {}", capitalize(pick(rng, ADJECTIVES)), pick(rng, NOUNS))
        } else if [
            "description",
            "body",
            "text",
            "content",
            "snippet",
            "message",
            "comment",
            "note",
        ]
        .iter()
        .any(|k| n.contains(k))
        {
            pick(rng, SENTENCES).to_string()
        } else if n.contains("status") || n.contains("state") {
            "active".to_string()
        } else if n.contains("color") || n.contains("colour") {
            format!("#{}", hex(rng, 6))
        } else if n.contains("phone") {
            format!("+1-555-01{:02}", rng.below(100))
        } else if n.contains("timezone") || n.contains("time_zone") {
            "Europe/Paris".to_string()
        } else if n.contains("currency") {
            "USD".to_string()
        } else if n.contains("country") {
            "US".to_string()
        } else if n.contains("locale") || n.contains("language") {
            "en".to_string()
        } else if n.contains("token") || n.contains("cursor") || n.contains("etag") {
            hex(rng, 24)
        } else {
            format!("{}-{}", pick(rng, NOUNS), rng.below(1000))
        }
    }
}

fn pick(rng: &mut SplitMix, list: &[&'static str]) -> &'static str {
    list[rng.below(list.len() as u64) as usize]
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

fn hex(rng: &mut SplitMix, n: usize) -> String {
    (0..n)
        .map(|_| HEX[rng.below(16) as usize] as char)
        .collect()
}

fn email(rng: &mut SplitMix) -> String {
    let f = FIRST[rng.below(FIRST.len() as u64) as usize];
    let l = LAST[rng.below(LAST.len() as u64) as usize];
    format!("{f}.{l}@example.com")
}

fn uuid(rng: &mut SplitMix) -> String {
    let h = hex(rng, 32);
    format!(
        "{}-{}-4{}-a{}-{}",
        &h[..8],
        &h[8..12],
        &h[13..16],
        &h[17..20],
        &h[20..]
    )
}

fn timestamp(rng: &mut SplitMix) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(shapes::recent_secs(rng), 0).unwrap_or_default()
}

/// Shapes tried, in order, for a string whose schema has a `pattern`.
const PATTERN_CANDIDATES: &[&str] = &[
    "sample",
    "sample-item",
    "abc123",
    "ABC-123",
    "ABC",
    "123456",
    "2026-01-15",
    "12:30",
    "#3a7bd5",
    "en-US",
    "USD",
    "+15550100",
    "a1b2c3d4e5f60718",
    "item_1",
];

/// `generated` if it matches `pattern`, else the first fitting candidate shape (else
/// `generated` anyway: a pattern no shape fits needs a tool-specific fix in the catalog).
pub(super) fn matching(pattern: &str, generated: String, min: usize, max: Option<usize>) -> String {
    if pattern_ok(pattern, &generated) {
        return generated;
    }
    PATTERN_CANDIDATES
        .iter()
        .map(|c| super::fit_length(c.to_string(), min, max))
        .find(|c| pattern_ok(pattern, c))
        .unwrap_or(generated)
}

/// Checks a string against an ECMA-262 pattern with the same engine that validates the
/// schemas; compiled patterns are cached, as a catalog has few distinct ones.
fn pattern_ok(pattern: &str, s: &str) -> bool {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<HashMap<String, Option<jsonschema::Validator>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut guard = cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let validator = guard.entry(pattern.to_string()).or_insert_with(|| {
        jsonschema::validator_for(&serde_json::json!({"type": "string", "pattern": pattern})).ok()
    });
    validator
        .as_ref()
        .is_some_and(|v| v.is_valid(&serde_json::Value::String(s.to_string())))
}

/// Whether an input string satisfies the output field's `format`, so it may be echoed.
pub(super) fn format_ok(format: Option<&str>, s: &str) -> bool {
    match format {
        None => true,
        Some("date-time") => chrono::DateTime::parse_from_rfc3339(s).is_ok(),
        Some("date") => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
        Some("email") => {
            let mut parts = s.split('@');
            let (local, domain) = (parts.next(), parts.next());
            parts.next().is_none()
                && local.is_some_and(|l| {
                    !l.is_empty()
                        && l.chars()
                            .all(|c| c.is_ascii_alphanumeric() || "._+-".contains(c))
                })
                && domain.is_some_and(|d| {
                    d.contains('.')
                        && !d.starts_with('.')
                        && !d.ends_with('.')
                        && d.chars()
                            .all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
                })
        }
        Some("uri") | Some("url") => url::Url::parse(s).is_ok() && !s.contains(' '),
        Some(_) => false,
    }
}
