//! Which names mark a credential: JSON keys, query and form keys, header names.
//!
//! Names are compared after [`normalize`], so `access_token`, `accessToken`, `Access-Token` and
//! `filter.access_token`'s last part all read alike.

/// Lower-case ASCII with `_`, `-` and `.` removed.
pub(super) fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-' | '.'))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Exact names whose value is a credential wherever they appear.
const SECRET_NAMES: &[&str] = &[
    "token",
    "secret",
    "password",
    "passwd",
    "apikey",
    "privatekey",
    "authorization",
    "proxyauthorization",
    "cookie",
    "setcookie",
    "secretaccesskey",
    // One step from an ACTIVE account: with the identifier it completes a user verification.
    "authrequestid",
];

/// Name endings that mark a credential (`github_token`, `webhook_secret`, `x-api-key`, …).
const SECRET_SUFFIXES: &[&str] = &[
    "token",
    "secret",
    "password",
    "apikey",
    "privatekey",
    "accesskey",
];

/// Ends with `token` but only names a position in a list.
const NOT_SECRET_SUFFIXES: &[&str] = &["pagetoken"];

/// A JSON key (or query/form key) whose scalar value is masked.
pub(super) fn secret(normalized: &str) -> bool {
    if NOT_SECRET_SUFFIXES.iter().any(|s| normalized.ends_with(s)) {
        return false;
    }
    SECRET_NAMES.contains(&normalized) || SECRET_SUFFIXES.iter().any(|s| normalized.ends_with(s))
}

/// A JSON key whose whole subtree is credentials: every scalar under it is masked, whatever
/// its name (`static_auth.details` holds API keys and passwords under provider-chosen names).
pub(super) fn container(normalized: &str) -> bool {
    matches!(
        normalized,
        "authorizationdetails" | "oauthtoken" | "staticauth"
    )
}

/// Query-string and form keys that are masked besides [`secret`] ones. `code` and `state`
/// belong to OAuth redirects (`code` is exchanged for tokens, `state` ties a redirect to the
/// pending authorization); in JSON bodies the same names mean ordinary things (an error code,
/// an issue's state), so they are masked only in `key=value` syntax.
pub(super) fn secret_query(normalized: &str) -> bool {
    secret(normalized)
        || matches!(
            normalized,
            "code" | "state" | "key" | "sig" | "signature" | "credential"
        )
}

/// A header whose value is masked (an `…authorization` header keeps its scheme).
pub(super) fn secret_header(normalized: &str) -> bool {
    secret(normalized)
        || ["token", "secret", "apikey", "password", "signature"]
            .iter()
            .any(|part| normalized.contains(part))
}

/// A JSON key whose string value is a URL that is itself a credential: magic links, MCP
/// authentication links, and an MCP instance's `url` (whoever has it can call the user's
/// tools). `parent` is the normalized key of the enclosing object or array.
pub(super) fn credential_url(normalized: &str, parent: Option<&str>) -> bool {
    matches!(
        normalized,
        "link" | "magiclink" | "authlink" | "authenticationlink" | "authorizationlink"
    ) || (normalized == "url" && matches!(parent, Some("instance" | "instances" | "mcpinstance")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_judged_after_normalizing() {
        for name in [
            "access_token",
            "accessToken",
            "Refresh-Token",
            "client_secret",
            "api_key",
            "X-Api-Key",
            "private_key",
            "token",
            "auth_request_id",
        ] {
            assert!(secret(&normalize(name)), "{name}");
        }
        for name in [
            "next_page_token",
            "token_type",
            "expires_in",
            "client_id",
            "state",
        ] {
            assert!(!secret(&normalize(name)), "{name}");
        }
        assert!(secret_query("state") && secret_query("code"));
        assert!(credential_url("url", Some("instance")) && !credential_url("url", None));
        assert!(secret_header(&normalize("x-amz-security-token")));
        assert!(!secret_header(&normalize("content-type")));
    }
}
