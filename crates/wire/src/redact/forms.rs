//! The spellings a secret takes in recorded traffic, and a leak check over them.

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// What `application/x-www-form-urlencoded` leaves unencoded (besides alphanumerics).
const FORM: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'*')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_');

/// What a URL component encoder leaves unencoded (RFC 3986 unreserved).
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `secret` as it can appear in traffic: raw, form-encoded, percent-encoded, JSON-escaped and
/// base64 (standard and URL-safe, with and without padding). Duplicates removed.
pub fn forms(secret: &str) -> Vec<String> {
    let json = serde_json::to_string(secret).unwrap_or_default();
    let mut out = vec![
        secret.to_string(),
        utf8_percent_encode(secret, FORM)
            .to_string()
            .replace("%20", "+"),
        utf8_percent_encode(secret, COMPONENT).to_string(),
        json.trim_matches('"').to_string(),
    ];
    for engine in [&STANDARD, &STANDARD_NO_PAD, &URL_SAFE, &URL_SAFE_NO_PAD] {
        out.push(engine.encode(secret));
    }
    out.sort();
    out.dedup();
    out.retain(|s| !s.is_empty());
    out
}

/// The `secrets` that appear in `recorded` in any of their [`forms`]: empty means no leak.
/// For tests of anything that records traffic (observer, journal, history, exports).
pub fn leaked<'a, I>(recorded: &str, secrets: I) -> Vec<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    secrets
        .into_iter()
        .filter(|s| forms(s).iter().any(|f| recorded.contains(f.as_str())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_cover_the_usual_encodings() {
        let f = forms("a b/c=\"d\"~");
        for expected in [
            "a b/c=\"d\"~",
            "a+b%2Fc%3D%22d%22%7E",
            "a%20b%2Fc%3D%22d%22~",
        ] {
            assert!(f.contains(&expected.to_string()), "{expected} in {f:?}");
        }
        assert!(f.contains(&"a b/c=\\\"d\\\"~".to_string()));
        assert!(f.contains(&STANDARD.encode("a b/c=\"d\"~")));
        assert_eq!(leaked("x YWJjZGVm y", ["abcdef", "zzz"]), vec!["abcdef"]);
    }
}
