//! Sandbox throughput measured with `wrk`, a C load generator: at 64 connections a Rust client in
//! this process would spend a large share of the 2 cores itself and understate the server.

use crate::stats::Sample;
use std::time::Duration;

/// Runs `wrk` with `connections` connections for `duration`, POSTing `body` to `url`.
/// `None` when `wrk` is not installed.
pub fn post(
    url: &str,
    token: &str,
    body: &[u8],
    connections: usize,
    duration: Duration,
) -> Option<Sample> {
    let dir = std::env::temp_dir().join(format!("kitbench-wrk-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let script = dir.join("post.lua");
    let lua = format!(
        "wrk.method = \"POST\"\nwrk.body = {body}\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.headers[\"Authorization\"] = \"Bearer {token}\"\n",
        body = lua_string(body),
    );
    std::fs::write(&script, lua).ok()?;
    let output = std::process::Command::new("wrk")
        .args([
            "-t2",
            &format!("-c{connections}"),
            &format!("-d{}s", duration.as_secs()),
            "--latency",
            "-s",
        ])
        .arg(&script)
        .arg(url)
        .output()
        .ok()?;
    let _ = std::fs::remove_dir_all(&dir);
    let text = String::from_utf8_lossy(&output.stdout);
    let requests = find(&text, "requests in")
        .and_then(|line| line.split_whitespace().next()?.parse::<usize>().ok())?;
    let non_2xx =
        find(&text, "Non-2xx").and_then(|l| l.split(':').nth(1)?.trim().parse::<usize>().ok());
    assert!(non_2xx.is_none(), "wrk saw non-2xx answers:\n{text}");
    let p50 = find(&text, " 50%").and_then(|l| parse_latency(l.split_whitespace().nth(1)?))?;
    let p99 = find(&text, " 99%").and_then(|l| parse_latency(l.split_whitespace().nth(1)?))?;
    Some(Sample {
        label: format!("Sandbox under wrk, {connections} connections"),
        calls: requests,
        elapsed: duration,
        p50,
        p99,
    })
}

fn find<'a>(text: &'a str, needle: &str) -> Option<&'a str> {
    text.lines().find(|l| l.contains(needle))
}

fn parse_latency(text: &str) -> Option<Duration> {
    let (number, unit) = text.split_at(text.find(|c: char| c.is_ascii_alphabetic())?);
    let value: f64 = number.parse().ok()?;
    let secs = match unit {
        "us" => value / 1e6,
        "ms" => value / 1e3,
        "s" => value,
        _ => return None,
    };
    Some(Duration::from_secs_f64(secs))
}

fn lua_string(bytes: &[u8]) -> String {
    let mut out = String::from("\"");
    for &b in bytes {
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b' '..=b'~' => out.push(b as char),
            other => out.push_str(&format!("\\{other}")),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_wrk_units_and_quotes_bodies() {
        assert_eq!(parse_latency("2.50ms"), Some(Duration::from_micros(2500)));
        assert_eq!(parse_latency("870.00us"), Some(Duration::from_micros(870)));
        assert_eq!(lua_string(br#"{"a":"b"}"#), r#""{\"a\":\"b\"}""#);
    }
}
