//! JSON bodies: masked by key at any depth, and every string value also read as free text.

use super::{keys, text::CREDENTIAL_ROUTES, Redactor, MASK};
use serde_json::Value;

impl Redactor {
    /// Masks `value` in place; true when something was masked.
    ///
    /// - a credential key (`access_token`, `client_secret`, `api_key`, `password`, `token`,
    ///   `secret`, `private_key`, `*_token`, …) has its string or number value masked; an
    ///   object under such a key is walked, so a schema property named `password` keeps its
    ///   `type`;
    /// - everything under `authorization_details`, `oauth_token` and `static_auth` is masked,
    ///   whatever the inner keys are called; the keys themselves stay;
    /// - magic links and MCP authentication links (`link`, `authentication_link`) and an MCP
    ///   instance's `url` keep only their origin and route: `https://env/magic/****`;
    /// - every other string goes through [`redact_text`](Self::redact_text).
    ///
    /// Empty strings, `null` and booleans are kept, so "was it set?" stays answerable.
    pub fn redact_json(&self, value: &mut Value) -> bool {
        self.walk(value, None)
    }

    fn walk(&self, value: &mut Value, parent: Option<&str>) -> bool {
        match value {
            Value::Object(map) => {
                let mut changed = false;
                for (key, inner) in map.iter_mut() {
                    let name = keys::normalize(key);
                    changed |= if keys::container(&name) {
                        mask_leaves(inner)
                    } else if keys::credential_url(&name, parent) {
                        match inner {
                            Value::String(s) => replace(s, credential_url(s)),
                            other => self.walk(other, Some(&name)),
                        }
                    } else if keys::secret(&name) {
                        match inner {
                            Value::Object(_) => self.walk(inner, Some(&name)),
                            other => mask_leaves(other),
                        }
                    } else {
                        self.walk(inner, Some(&name))
                    };
                }
                changed
            }
            Value::Array(items) => items
                .iter_mut()
                .fold(false, |changed, item| self.walk(item, parent) | changed),
            Value::String(s) => match self.text(s) {
                Some(masked) => {
                    *s = masked;
                    true
                }
                None => false,
            },
            _ => false,
        }
    }
}

/// Masks every non-empty string and every number under `value`.
fn mask_leaves(value: &mut Value) -> bool {
    match value {
        Value::Object(map) => map.values_mut().fold(false, |c, v| mask_leaves(v) | c),
        Value::Array(items) => items.iter_mut().fold(false, |c, v| mask_leaves(v) | c),
        Value::String(s) => replace(s, MASK.to_string()),
        Value::Number(_) => {
            *value = Value::String(MASK.into());
            true
        }
        _ => false,
    }
}

/// Sets a non-empty `s` to `masked`; true when it changed.
fn replace(s: &mut String, masked: String) -> bool {
    if s.is_empty() || *s == masked {
        return false;
    }
    *s = masked;
    true
}

/// A URL that is a credential as a whole, cut to its origin and route:
/// `https://env.example/mcp/v1/****`; an unknown shape keeps only its origin: `https://h/****`.
pub(super) fn credential_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return MASK.to_string();
    };
    let authority_start = scheme_end + 3;
    let authority_end = url[authority_start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| authority_start + i);
    let authority = &url[authority_start..authority_end];
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let path = &url[authority_end..];
    let route = CREDENTIAL_ROUTES
        .iter()
        .find_map(|r| path.find(r).map(|at| &path[..at + r.len()]))
        .unwrap_or("/");
    format!("{}://{host}{route}{MASK}", &url[..scheme_end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn credential_urls_keep_origin_and_route() {
        assert_eq!(
            credential_url("http://127.0.0.1:9/mcp/v1/AbC?x=1"),
            "http://127.0.0.1:9/mcp/v1/****"
        );
        assert_eq!(
            credential_url("https://u:p@env.example/connect/xyz#f"),
            "https://env.example/****"
        );
        assert_eq!(credential_url("opaque"), "****");
    }

    #[test]
    fn keys_containers_and_links() {
        let mut v = json!({
            "connected_account": {"id": "ca_1", "authorization_details": {
                "oauth_token": {"access_token": "at", "scopes": ["a"], "domain": ""},
                "static_auth": {"details": {"pat": "p", "port": 5432}}}},
            "next_page_token": "pg", "token_type": "Bearer", "expires_in": 5,
            "input_schema": {"properties": {"password": {"type": "string"}}},
            "instances": [{"url": "http://h/mcp/v1/tok", "name": "n"}],
            "link": "http://h/magic/tok", "ok": true, "secret": null
        });
        assert!(Redactor::new().redact_json(&mut v));
        assert_eq!(
            v,
            json!({
                "connected_account": {"id": "ca_1", "authorization_details": {
                    "oauth_token": {"access_token": MASK, "scopes": [MASK], "domain": ""},
                    "static_auth": {"details": {"pat": MASK, "port": MASK}}}},
                "next_page_token": "pg", "token_type": "Bearer", "expires_in": 5,
                "input_schema": {"properties": {"password": {"type": "string"}}},
                "instances": [{"url": "http://h/mcp/v1/****", "name": "n"}],
                "link": "http://h/magic/****", "ok": true, "secret": null
            })
        );
        assert!(
            !Redactor::new().redact_json(&mut v),
            "masking twice changes nothing"
        );
    }
}
