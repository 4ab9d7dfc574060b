//! Redaction of credentials in recorded exchanges. What an [`Observer`](crate::Observer) sees
//! goes to history logs, so secrets are masked before it gets there.

use std::borrow::Cow;

/// The mask that replaces a secret.
pub const MASK: &str = "****";

/// Header names whose values are credentials.
const SECRET_HEADERS: [&str; 5] = [
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
];

/// JSON keys and form fields whose values are credentials, compared lower-case with '_' and
/// '-' removed so `access_token`, `accessToken` and `Access-Token` all match.
const SECRET_KEYS: [&str; 8] = [
    "accesstoken",
    "refreshtoken",
    "idtoken",
    "clientsecret",
    "secretaccesskey",
    "sessiontoken",
    "apikey",
    "password",
];

fn is_secret_key(key: &str) -> bool {
    let normalized: String = key
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    SECRET_KEYS.contains(&normalized.as_str())
}

/// A header value as it may be recorded: `Authorization: Bearer abc` becomes `Bearer ****`,
/// other credential headers become `****`, everything else is kept.
pub fn header_value(name: &str, value: &str) -> String {
    if !SECRET_HEADERS
        .iter()
        .any(|secret| name.eq_ignore_ascii_case(secret))
    {
        return value.to_string();
    }
    match value.split_once(' ') {
        Some((scheme, _)) if name.to_ascii_lowercase().ends_with("authorization") => {
            format!("{scheme} {MASK}")
        }
        _ => MASK.to_string(),
    }
}

/// A body as it may be recorded: credential fields of JSON and form bodies are masked
/// (`access_token`, `refresh_token`, `client_secret`, `password`, `api_key`, …). Other bodies,
/// and bodies with nothing to mask, are returned unchanged.
pub fn body<'a>(content_type: Option<&str>, bytes: &'a [u8]) -> Cow<'a, [u8]> {
    let content_type = content_type.unwrap_or_default().to_ascii_lowercase();
    if content_type.contains("x-www-form-urlencoded") {
        return form(bytes);
    }
    let looks_json = content_type.contains("json")
        || matches!(
            bytes.iter().find(|b| !b.is_ascii_whitespace()),
            Some(b'{' | b'[')
        );
    if looks_json {
        if let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(bytes) {
            if mask_json(&mut value) {
                if let Ok(out) = serde_json::to_vec(&value) {
                    return Cow::Owned(out);
                }
            }
        }
    }
    Cow::Borrowed(bytes)
}

/// Masks secret keys anywhere in `value`; true when something was masked.
fn mask_json(value: &mut serde_json::Value) -> bool {
    match value {
        serde_json::Value::Object(map) => {
            let mut masked = false;
            for (key, inner) in map.iter_mut() {
                if is_secret_key(key) && !matches!(inner, serde_json::Value::Null) {
                    if inner.as_str() != Some("") {
                        *inner = serde_json::Value::String(MASK.into());
                        masked = true;
                    }
                } else {
                    masked |= mask_json(inner);
                }
            }
            masked
        }
        serde_json::Value::Array(items) => items.iter_mut().fold(false, |m, v| mask_json(v) | m),
        _ => false,
    }
}

fn form(bytes: &[u8]) -> Cow<'_, [u8]> {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(bytes).into_owned().collect();
    if !pairs.iter().any(|(k, _)| is_secret_key(k)) {
        return Cow::Borrowed(bytes);
    }
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    for (key, value) in &pairs {
        let value = if is_secret_key(key) {
            MASK
        } else {
            value.as_str()
        };
        out.append_pair(key, value);
    }
    Cow::Owned(out.finish().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorization_keeps_its_scheme() {
        assert_eq!(
            header_value("Authorization", "Bearer abc.def"),
            "Bearer ****"
        );
        assert_eq!(
            header_value("authorization", "Basic dXNlcjpwdw=="),
            "Basic ****"
        );
        assert_eq!(header_value("authorization", "token"), "****");
        assert_eq!(header_value("x-api-key", "k-123"), "****");
        assert_eq!(header_value("cookie", "a=b; c=d"), "****");
        assert_eq!(
            header_value("accept", "application/json"),
            "application/json"
        );
    }

    #[test]
    fn token_request_and_response_are_masked() {
        let form_body = b"grant_type=client_credentials&client_id=skc_1&client_secret=s3cr%3Dt";
        let out = body(Some("application/x-www-form-urlencoded"), form_body);
        assert_eq!(
            std::str::from_utf8(&out).unwrap(),
            "grant_type=client_credentials&client_id=skc_1&client_secret=****"
        );
        let json = br#"{"access_token":"eyJabc","token_type":"Bearer","expires_in":86399}"#;
        let out = body(Some("application/json"), json);
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["access_token"], "****");
        assert_eq!(v["token_type"], "Bearer");
        assert_eq!(v["expires_in"], 86399);
    }

    #[test]
    fn nested_credentials_are_masked_in_any_casing() {
        let json = br#"{"connected_account":{"authorization_details":{"oauth_token":{"accessToken":"at","refresh_token":"rt","scopes":["a"]},"static_auth":{"details":{"api_key":"k","password":""}}}}}"#;
        let out = body(None, json);
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let details = &v["connected_account"]["authorization_details"];
        assert_eq!(details["oauth_token"]["accessToken"], "****");
        assert_eq!(details["oauth_token"]["refresh_token"], "****");
        assert_eq!(details["oauth_token"]["scopes"][0], "a");
        assert_eq!(details["static_auth"]["details"]["api_key"], "****");
        assert_eq!(details["static_auth"]["details"]["password"], "");
    }

    #[test]
    fn bodies_without_secrets_are_untouched() {
        let json = b"{ \"b\": 1,  \"a\": [2] }";
        assert!(matches!(
            body(Some("application/json"), json),
            Cow::Borrowed(_)
        ));
        let text = b"access_token=abc";
        assert!(matches!(body(Some("text/plain"), text), Cow::Borrowed(_)));
        assert!(matches!(body(None, b"not json"), Cow::Borrowed(_)));
    }
}
