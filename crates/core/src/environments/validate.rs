//! Checks on the environment form, with one message per field.

use std::net::IpAddr;

use url::{Host, Url};

use super::EnvironmentInput;
use crate::error::FieldError;

/// Longest accepted name.
pub const MAX_NAME: usize = 80;

/// Checks an environment URL the way the AgentKit client will (https, or http on loopback; no
/// query or fragment) and returns it normalized without a trailing slash.
pub fn env_url(raw: &str) -> Result<String, String> {
    let text = raw.trim();
    if text.is_empty() {
        return Err("Enter the environment URL, e.g. https://acme.scalekit.com".into());
    }
    let url = Url::parse(text).map_err(|_| {
        format!("\"{text}\" is not a URL. Use the full address, e.g. https://acme.scalekit.com")
    })?;
    let loopback = match url.host() {
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => return Err("The environment URL needs a host name.".into()),
    };
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => {
            return Err(
                "The environment URL must start with https:// (http is allowed only for localhost)"
                    .into(),
            )
        }
        other => {
            return Err(format!(
                "The environment URL must use https://, not {other}://"
            ))
        }
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("The environment URL must not have a query (?…) or fragment (#…).".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("The environment URL must not contain a user name or password.".into());
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

/// Why a blank secret cannot stand for the stored one: the form points at another URL.
pub const SECRET_FOR_NEW_URL: &str = "The environment URL changed, so enter the client secret \
    again: a saved secret is only ever sent to the URL it was saved with.";

/// Checks that a form which leaves the secret blank (meaning "use the stored one") still
/// points at `stored_url`, the URL that secret was saved with. A stored secret never follows
/// an edited URL, so a mistyped or malicious address cannot collect it.
pub fn stored_secret_allowed(input: &EnvironmentInput, stored_url: &str) -> Result<(), FieldError> {
    if input.secret().is_some() {
        return Ok(());
    }
    match env_url(&input.env_url) {
        Ok(url) if url == stored_url.trim_end_matches('/') => Ok(()),
        _ => Err(FieldError::new("client_secret", SECRET_FOR_NEW_URL)),
    }
}

/// Validates the whole form. `secret_required` is true on create (there is nothing to keep).
pub fn input(input: &EnvironmentInput, secret_required: bool) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = input.name.trim();
    if name.is_empty() {
        errors.push(FieldError::new("name", "Enter a name."));
    } else if name.chars().count() > MAX_NAME {
        errors.push(FieldError::new(
            "name",
            format!("Keep the name under {MAX_NAME} characters."),
        ));
    }
    if let Err(message) = env_url(&input.env_url) {
        errors.push(FieldError::new("env_url", message));
    }
    let client_id = input.client_id.trim();
    if client_id.is_empty() {
        errors.push(FieldError::new("client_id", "Enter the client ID."));
    } else if client_id.chars().any(char::is_whitespace) {
        errors.push(FieldError::new(
            "client_id",
            "The client ID cannot contain spaces.",
        ));
    }
    if secret_required && input.secret().is_none() {
        errors.push(FieldError::new("client_secret", "Enter the client secret."));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(
            env_url(" https://acme.scalekit.com/ ").unwrap(),
            "https://acme.scalekit.com"
        );
        assert_eq!(
            env_url("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            env_url("http://localhost:1/").unwrap(),
            "http://localhost:1"
        );
        assert!(env_url("http://acme.scalekit.com")
            .unwrap_err()
            .contains("https://"));
        assert!(env_url("acme.scalekit.com")
            .unwrap_err()
            .contains("not a URL"));
        assert!(env_url("https://acme.scalekit.com/?a=1")
            .unwrap_err()
            .contains("query"));
        assert!(env_url("ftp://acme.scalekit.com")
            .unwrap_err()
            .contains("ftp://"));
        assert!(env_url("").is_err());
    }

    #[test]
    fn form() {
        let mut f = EnvironmentInput {
            name: "Prod".into(),
            env_url: "https://acme.scalekit.com".into(),
            client_id: "skc_1".into(),
            client_secret: Some("  ".into()),
            ..Default::default()
        };
        let errs = input(&f, true).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].field, "client_secret");
        assert!(input(&f, false).is_ok());
        f.name.clear();
        f.client_id = "a b".into();
        let fields: Vec<_> = input(&f, false)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["name", "client_id"]);
    }
}
