//! Values whose shape the provider fixes: ids as each API writes them, Slack message
//! timestamps, channel names, and times in the recent past.

use super::SplitMix;

/// 2026-11-01T00:00:00Z. Synthetic times fall in the 90 days before it: in the past, and
/// recent, while a given input still always yields the same output (fixtures stay stable).
pub(super) const ANCHOR: i64 = 1_793_491_200;
const WINDOW_SECS: u64 = 90 * 86_400;

const CHANNELS: &[&str] = &[
    "general",
    "random",
    "eng-platform",
    "design-reviews",
    "incident-response",
    "sales-emea",
    "product-launch",
    "support-escalations",
];
const UPPER_ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// Seconds since the epoch, within the window before [`ANCHOR`].
pub(super) fn recent_secs(rng: &mut SplitMix) -> i64 {
    ANCHOR - rng.below(WINDOW_SECS) as i64
}

/// Whether a field holds a point in time (by its name).
pub(super) fn is_time_name(n: &str) -> bool {
    n == "ts"
        || n.ends_with("_ts")
        || n.ends_with("_at")
        || n.contains("timestamp")
        || n.contains("date")
        || n.ends_with("time")
        || ["created", "updated", "modified", "expires", "expiry"].contains(&n)
}

/// A Unix time for an integer field: milliseconds where the name says so (Gmail's
/// `internal_date`, `*_ms`), else seconds.
pub(super) fn unix_time(rng: &mut SplitMix, n: &str) -> i64 {
    let secs = recent_secs(rng);
    if n.ends_with("_ms") || n.contains("millis") || n == "internal_date" || n == "internaldate" {
        secs * 1000 + rng.below(1000) as i64
    } else {
        secs
    }
}

/// Slack's message timestamp: `"<seconds>.<6 digits>"`.
pub(super) fn slack_ts(rng: &mut SplitMix) -> String {
    format!("{}.{:06}", recent_secs(rng), rng.below(1_000_000))
}

/// A channel's name (no `#`), as Slack and Discord show it.
pub(super) fn channel_name(rng: &mut SplitMix) -> String {
    CHANNELS[rng.below(CHANNELS.len() as u64) as usize].to_string()
}

/// An id in the provider's own shape for a field `n` inside an object named `parent`, or
/// `None` to let the generic rules decide.
pub(super) fn provider_id(
    rng: &mut SplitMix,
    provider: &str,
    n: &str,
    parent: &str,
) -> Option<String> {
    let is_id = n == "id" || n.ends_with("_id");
    match provider {
        "slack" => {
            let kind = if n == "id" {
                parent
            } else {
                n.trim_end_matches("_id")
            };
            let prefix = match kind {
                k if k.starts_with("channel") || k == "conversation" => "C",
                k if k.starts_with("user")
                    || k.starts_with("member")
                    || k == "owner"
                    || k == "creator" =>
                {
                    "U"
                }
                k if k.starts_with("team") || k.starts_with("workspace") => "T",
                k if k.starts_with("bot") => "B",
                _ => return None,
            };
            (is_id || ["channel", "user", "team"].contains(&n))
                .then(|| format!("{prefix}{}", pick(rng, UPPER_ALNUM, 10)))
        }
        // Discord ids are snowflakes: 64-bit integers written as decimal strings.
        "discord" if is_id || n == "channel" || n == "guild" => Some(snowflake(rng)),
        "jira" if n == "key" || n == "issue_key" => Some(format!("KB-{}", 1 + rng.below(999))),
        "jira" if is_id => Some(format!("{}", 10_000 + rng.below(90_000))),
        "notion" if is_id => Some(uuid_like(rng)),
        // Salesforce record ids: 18 characters, a 3-character object prefix first.
        "salesforce" if is_id => Some(format!("001{}", pick(rng, ALNUM, 15))),
        "github" if n == "sha" || n.ends_with("_sha") => Some(hex(rng, 40)),
        "gmail" if n == "history_id" => Some(format!("{}", 100_000 + rng.below(900_000))),
        _ => None,
    }
}

fn snowflake(rng: &mut SplitMix) -> String {
    // Discord's epoch is 2015-01-01; the id's high bits are milliseconds since it.
    let ms = (recent_secs(rng) - 1_420_070_400) as u64 * 1000;
    format!("{}", (ms << 22) | rng.below(1 << 22))
}

fn pick(rng: &mut SplitMix, alphabet: &[u8], n: usize) -> String {
    (0..n)
        .map(|_| alphabet[rng.below(alphabet.len() as u64) as usize] as char)
        .collect()
}

fn hex(rng: &mut SplitMix, n: usize) -> String {
    pick(rng, b"0123456789abcdef", n)
}

fn uuid_like(rng: &mut SplitMix) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn in_window(secs: i64) -> bool {
        (ANCHOR - WINDOW_SECS as i64..=ANCHOR).contains(&secs)
    }

    #[test]
    fn slack_data_looks_like_slack() {
        let schema = json!({"type": "object", "properties": {
            "channels": {"type": "array", "minItems": 3, "items": {"type": "object", "properties": {
                "id": {"type": "string"}, "name": {"type": "string"}, "created": {"type": "integer"}}}},
            "messages": {"type": "array", "minItems": 3, "items": {"type": "object", "properties": {
                "ts": {"type": "string"}, "user": {"type": "string"},
                "edited_at": {"type": "string", "format": "date-time"}}}}}});
        let out =
            crate::synth::generate("slack_list_channels", &schema, &Default::default(), false);
        for c in out["channels"].as_array().unwrap() {
            let id = c["id"].as_str().unwrap();
            assert!(id.starts_with('C') && id.len() == 11, "{id}");
            assert!(CHANNELS.contains(&c["name"].as_str().unwrap()), "{c}");
            assert!(in_window(c["created"].as_i64().unwrap()), "{c}");
        }
        for m in out["messages"].as_array().unwrap() {
            let (secs, micros) = m["ts"].as_str().unwrap().split_once('.').unwrap();
            assert!(in_window(secs.parse().unwrap()) && micros.len() == 6, "{m}");
            assert!(m["user"].as_str().unwrap().starts_with('U'), "{m}");
            let at =
                chrono::DateTime::parse_from_rfc3339(m["edited_at"].as_str().unwrap()).unwrap();
            assert!(in_window(at.timestamp()), "{m}");
        }
    }

    #[test]
    fn other_providers_ids_take_their_shapes() {
        let schema = json!({"type": "object", "properties": {
            "id": {"type": "string"}, "key": {"type": "string"}, "internal_date": {"type": "integer"}}});
        let none = Default::default();
        let jira = crate::synth::generate("jira_issue_get", &schema, &none, false);
        assert!(jira["key"].as_str().unwrap().starts_with("KB-"), "{jira}");
        assert!(
            jira["id"].as_str().unwrap().parse::<u64>().is_ok(),
            "{jira}"
        );
        let discord = crate::synth::generate("discord_send_message", &schema, &none, false);
        let flake: u64 = discord["id"].as_str().unwrap().parse().unwrap();
        assert!(
            in_window(((flake >> 22) / 1000) as i64 + 1_420_070_400),
            "{discord}"
        );
        let gmail = crate::synth::generate("gmail_get_message", &schema, &none, false);
        assert!(
            in_window(gmail["internal_date"].as_i64().unwrap() / 1000),
            "{gmail}"
        );
    }
}
