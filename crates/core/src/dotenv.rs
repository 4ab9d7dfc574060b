//! Reads Scalekit credentials from the text of a `.env` file.

use std::collections::HashMap;

use crate::error::FieldError;
use crate::{Error, Result};

/// The credentials a `.env` file holds. `Debug` never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct DotenvCredentials {
    /// `SCALEKIT_ENV_URL` or `SCALEKIT_ENVIRONMENT_URL`.
    pub env_url: String,
    /// `SCALEKIT_CLIENT_ID`.
    pub client_id: String,
    /// `SCALEKIT_CLIENT_SECRET`.
    pub client_secret: String,
}

impl std::fmt::Debug for DotenvCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DotenvCredentials")
            .field("env_url", &self.env_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &"[REDACTED]")
            .finish()
    }
}

/// Parses `KEY=value` lines: `#` comments, blank lines, an optional `export ` prefix, single or
/// double quotes (double quotes understand `\n`, `\"` and `\\`), and trailing ` # comments` on
/// unquoted values.
pub fn parse_vars(text: &str) -> HashMap<String, String> {
    let mut vars = HashMap::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line
            .strip_prefix("export ")
            .map(str::trim_start)
            .unwrap_or(line);
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        vars.insert(key.trim().to_string(), unquote(value.trim()));
    }
    vars
}

fn unquote(value: &str) -> String {
    if let Some(inner) = value
        .strip_prefix('"')
        .and_then(|v| v.rfind('"').map(|i| &v[..i]))
    {
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        }
        return out;
    }
    if let Some(inner) = value
        .strip_prefix('\'')
        .and_then(|v| v.rfind('\'').map(|i| &v[..i]))
    {
        return inner.to_string();
    }
    match value.find(" #") {
        Some(i) => value[..i].trim_end().to_string(),
        None => value.to_string(),
    }
}

/// Finds the Scalekit credentials in a `.env` file's text, or names the ones missing.
pub fn credentials(text: &str) -> Result<DotenvCredentials> {
    let vars = parse_vars(text);
    let pick = |keys: &[&str]| {
        keys.iter()
            .filter_map(|k| vars.get(*k))
            .map(|v| v.trim().to_string())
            .find(|v| !v.is_empty())
    };
    let env_url = pick(&["SCALEKIT_ENV_URL", "SCALEKIT_ENVIRONMENT_URL"]);
    let client_id = pick(&["SCALEKIT_CLIENT_ID"]);
    let client_secret = pick(&["SCALEKIT_CLIENT_SECRET"]);
    let mut missing = Vec::new();
    if env_url.is_none() {
        missing.push(FieldError::new(
            "env_url",
            "The file has no SCALEKIT_ENV_URL (or SCALEKIT_ENVIRONMENT_URL).",
        ));
    }
    if client_id.is_none() {
        missing.push(FieldError::new(
            "client_id",
            "The file has no SCALEKIT_CLIENT_ID.",
        ));
    }
    if client_secret.is_none() {
        missing.push(FieldError::new(
            "client_secret",
            "The file has no SCALEKIT_CLIENT_SECRET.",
        ));
    }
    match (env_url, client_id, client_secret) {
        (Some(env_url), Some(client_id), Some(client_secret)) => Ok(DotenvCredentials {
            env_url,
            client_id,
            client_secret,
        }),
        _ => Err(Error::Invalid(missing)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_url_spellings_and_quotes() {
        let text = "# Scalekit\nexport SCALEKIT_ENVIRONMENT_URL=\"https://acme.scalekit.dev\"\n\
                    SCALEKIT_CLIENT_ID=skc_123 # the app\nSCALEKIT_CLIENT_SECRET='a#b\"c'\nOTHER\n";
        let c = credentials(text).unwrap();
        assert_eq!(c.env_url, "https://acme.scalekit.dev");
        assert_eq!(c.client_id, "skc_123");
        assert_eq!(c.client_secret, "a#b\"c");
        let c = credentials("SCALEKIT_ENV_URL=https://x.io\nSCALEKIT_ENVIRONMENT_URL=https://y.io\nSCALEKIT_CLIENT_ID=a\nSCALEKIT_CLIENT_SECRET=\"s\\\"q\"").unwrap();
        assert_eq!(c.env_url, "https://x.io");
        assert_eq!(c.client_secret, "s\"q");
    }

    #[test]
    fn names_what_is_missing() {
        let Error::Invalid(fields) = credentials("SCALEKIT_CLIENT_ID=a\n").unwrap_err() else {
            panic!("expected a validation error")
        };
        let names: Vec<_> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["env_url", "client_secret"]);
    }
}
