//! The `grpc-timeout` header: 1 to 8 digits and a unit (`H`, `M`, `S`, `m`, `u`, `n`).

use axum::http::HeaderValue;
use std::time::Duration;

/// The deadline a client set, if the header is present and well formed.
pub(crate) fn parse(value: Option<&HeaderValue>) -> Option<Duration> {
    let text = value?.to_str().ok()?;
    if text.len() < 2 || text.len() > 9 {
        return None;
    }
    let (digits, unit) = text.split_at(text.len() - 1);
    let n: u64 = digits.parse().ok()?;
    Some(match unit {
        "H" => Duration::from_secs(n.saturating_mul(3600)),
        "M" => Duration::from_secs(n.saturating_mul(60)),
        "S" => Duration::from_secs(n),
        "m" => Duration::from_millis(n),
        "u" => Duration::from_micros(n),
        "n" => Duration::from_nanos(n),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        let p = |s: &'static str| parse(Some(&HeaderValue::from_static(s)));
        assert_eq!(p("20S"), Some(Duration::from_secs(20)));
        assert_eq!(p("100m"), Some(Duration::from_millis(100)));
        assert_eq!(p("2H"), Some(Duration::from_secs(7200)));
        assert_eq!(p("5x"), None);
        assert_eq!(p("123456789S"), None);
        assert_eq!(p("S"), None);
    }
}
