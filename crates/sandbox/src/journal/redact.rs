//! Redaction of credentials in journaled requests and responses.

use super::JournalHeader;
use axum::http::HeaderMap;
use serde_json::Value;

const MASK: &str = "****";

/// Header names whose values are credentials.
fn secret_header(name: &str) -> bool {
    matches!(
        name,
        "authorization" | "proxy-authorization" | "cookie" | "set-cookie"
    ) || [
        "token", "secret", "api-key", "apikey", "api_key", "password",
    ]
    .iter()
    .any(|k| name.contains(k))
}

/// JSON keys whose values are credentials, wherever they appear in a body.
fn secret_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    matches!(
        k.as_str(),
        "access_token"
            | "refresh_token"
            | "client_secret"
            | "password"
            | "secret"
            | "token"
            | "api_key"
            | "apikey"
            | "id_token"
            | "session_token"
            | "secret_access_key"
            | "private_key"
            | "accesstoken"
            | "refreshtoken"
            | "clientsecret"
    )
}

pub(super) fn headers(map: &HeaderMap) -> Vec<JournalHeader> {
    map.iter()
        .map(|(name, value)| {
            let name = name.as_str().to_string();
            let value = if secret_header(&name) {
                let text = value.to_str().unwrap_or_default();
                match text.split_once(' ') {
                    Some((scheme, _)) if !scheme.is_empty() => format!("{scheme} {MASK}"),
                    _ => MASK.to_string(),
                }
            } else {
                String::from_utf8_lossy(value.as_bytes()).into_owned()
            };
            JournalHeader { name, value }
        })
        .collect()
}

/// The MCP instance URL and the magic link are credentials: keep only their route.
pub(super) fn path(path: &str) -> String {
    for prefix in ["/mcp/v1/", "/magic/"] {
        if let Some(rest) = path.strip_prefix(prefix) {
            if !rest.is_empty() && rest != "done" {
                return format!("{prefix}{MASK}");
            }
        }
    }
    path.to_string()
}

pub(super) fn body(bytes: &[u8], limit: usize, token_call: bool) -> String {
    if bytes.is_empty() {
        return String::new();
    }
    if let Ok(mut value) = serde_json::from_slice::<Value>(bytes) {
        mask_json(&mut value);
        return truncate(value.to_string(), limit);
    }
    let text = String::from_utf8_lossy(bytes);
    if token_call || text.contains('=') && !text.contains(' ') {
        return truncate(mask_form(&text), limit);
    }
    truncate(text.into_owned(), limit)
}

fn mask_json(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if secret_key(k) && !v.is_null() && !v.is_object() && !v.is_array() {
                    *v = Value::String(MASK.into());
                } else if k == "details" && v.is_object() {
                    // static_auth.details holds API keys and passwords under arbitrary names.
                    if let Value::Object(inner) = v {
                        inner
                            .values_mut()
                            .for_each(|x| *x = Value::String(MASK.into()));
                    }
                } else {
                    mask_json(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(mask_json),
        _ => {}
    }
}

fn mask_form(text: &str) -> String {
    text.split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if secret_key(k) => format!("{k}={MASK}"),
            _ => pair.to_string(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn truncate(mut s: String, limit: usize) -> String {
    if s.len() > limit {
        let mut cut = limit;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
        s.push_str("…[truncated]");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_tokens_and_secrets() {
        let out = body(br#"{"access_token":"abc","expires_in":5}"#, 100, true);
        assert!(!out.contains("abc") && out.contains("expires_in"));
        let form = body(
            b"grant_type=client_credentials&client_secret=s3cr3t",
            100,
            true,
        );
        assert!(!form.contains("s3cr3t") && form.contains("grant_type"));
        let details = body(
            br#"{"static_auth":{"details":{"api_key":"k","x":"y"}}}"#,
            100,
            false,
        );
        assert!(!details.contains("\"k\"") && !details.contains("\"y\""));
        assert_eq!(path("/mcp/v1/abcdef"), "/mcp/v1/****");
        assert_eq!(truncate("héllo".into(), 2), "h…[truncated]");
    }
}
