//! An account's credentials (`GetConnectedAccountAuth`), shown only when the user asks.
//!
//! Nothing here is logged or stored: the values go straight back to the UI. `Debug` masks
//! every secret value, so a stray `{:?}` cannot leak one.

use agentkit::wire::connected_accounts::{AuthorizationDetails, ConnectedAccount};
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use crate::connections::rfc3339;

/// Every credential field of an account, each flagged secret or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "AccountAuth.ts")]
pub struct AccountAuth {
    /// As the API names it: `OAUTH`, `API_KEY`, …
    pub auth_type: String,
    /// Token kinds in a fixed order (`access_token`, `refresh_token`, `scopes`, …), static
    /// credentials by name; empty when the account has no credentials yet.
    pub fields: Vec<AuthField>,
}

/// One credential field.
#[derive(Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "AuthField.ts")]
pub struct AuthField {
    /// `access_token`, `refresh_token`, `scopes`, `api_key`, `username`, …
    pub name: String,
    /// The value as text (lists are space-separated, other JSON is written as JSON).
    pub value: String,
    /// Whether the UI hides it until revealed (tokens, keys, passwords).
    pub secret: bool,
}

impl std::fmt::Debug for AuthField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let value = if self.secret { "***" } else { &self.value };
        write!(f, "{}={value:?}", self.name)
    }
}

/// Names in `static_auth.details` that identify rather than authenticate. Everything else
/// there is a secret: providers pick their own names for keys, so unknown means secret.
const PLAIN_STATIC_NAMES: &[&str] = &["username", "user", "email", "domain", "subdomain", "region"];

fn field(name: &str, value: impl Into<String>, secret: bool) -> AuthField {
    AuthField {
        name: name.to_string(),
        value: value.into(),
        secret,
    }
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The fields of whichever credential kind is set, skipping empty values.
fn fields(d: &AuthorizationDetails) -> Vec<AuthField> {
    let mut out = Vec::new();
    if let Some(t) = &d.oauth_token {
        out.push(field("access_token", &t.access_token, true));
        out.push(field("refresh_token", &t.refresh_token, true));
        out.push(field("scopes", t.scopes.join(" "), false));
        out.push(field("domain", &t.domain, false));
    }
    if let Some(s) = &d.static_auth {
        for (name, value) in &s.details {
            let plain = PLAIN_STATIC_NAMES.contains(&name.to_ascii_lowercase().as_str());
            out.push(field(name, text(value), !plain));
        }
    }
    if let Some(g) = &d.google_dwd {
        out.push(field("subject", &g.subject, false));
        out.push(field("access_token", &g.access_token, true));
        out.push(field("scopes", g.scopes.join(" "), false));
        let expiry = g.token_expires_at.as_ref().map(rfc3339).unwrap_or_default();
        out.push(field("token_expires_at", expiry, false));
    }
    if let Some(t) = &d.trusted_idp {
        out.push(field("db_user", &t.db_user, false));
        out.push(field("access_key_id", &t.access_key_id, true));
        out.push(field("secret_access_key", &t.secret_access_key, true));
        out.push(field("session_token", &t.session_token, true));
        let expiry = t.expiry.as_ref().map(rfc3339).unwrap_or_default();
        out.push(field("expiry", expiry, false));
    }
    out.retain(|f| !f.value.is_empty());
    out
}

impl From<&ConnectedAccount> for AccountAuth {
    fn from(a: &ConnectedAccount) -> Self {
        Self {
            auth_type: a.authorization_type.as_str().to_string(),
            fields: a
                .authorization_details
                .as_ref()
                .map(fields)
                .unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use agentkit::wire::connected_accounts::{OauthToken, StaticAuth};

    #[test]
    fn tokens_and_keys_are_secret_and_debug_masks_them() {
        let mut details = serde_json::Map::new();
        details.insert("username".into(), "ann".into());
        details.insert("password".into(), "pw-123".into());
        let d = AuthorizationDetails {
            oauth_token: Some(OauthToken {
                access_token: "at-1".into(),
                refresh_token: String::new(),
                scopes: vec!["a".into(), "b".into()],
                domain: String::new(),
            }),
            static_auth: Some(StaticAuth { details }),
            ..Default::default()
        };
        let got: Vec<(String, String, bool)> = fields(&d)
            .into_iter()
            .map(|f| (f.name, f.value, f.secret))
            .collect();
        let want = [
            ("access_token", "at-1", true),
            ("scopes", "a b", false),
            ("password", "pw-123", true),
            ("username", "ann", false),
        ];
        let want: Vec<(String, String, bool)> = want
            .iter()
            .map(|(n, v, s)| (n.to_string(), v.to_string(), *s))
            .collect();
        assert_eq!(got, want);
        let shown = format!("{:?}", fields(&d));
        assert!(
            !shown.contains("at-1") && !shown.contains("pw-123"),
            "{shown}"
        );
        assert!(shown.contains("ann"), "{shown}");
    }
}
