//! Validation of the environment URL and credentials, done before anything is sent.

use crate::error::{Error, Result};
use url::{Host, Url};

/// Parses and checks an environment URL: https, or http on a loopback host; no query, fragment
/// or userinfo. A trailing slash is accepted.
pub(crate) fn parse_env_url(raw: &str) -> Result<Url> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Error::Config("The environment URL is empty".into()));
    }
    let url = Url::parse(raw).map_err(|e| {
        Error::Config(format!(
            "The environment URL {raw:?} is not a valid URL ({e}); expected something like \
             https://yourenv.scalekit.dev"
        ))
    })?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        _ => {
            return Err(Error::Config(
                "The environment URL must start with https:// (http is allowed only for localhost)"
                    .into(),
            ))
        }
    }
    if url.host().is_none() {
        return Err(Error::Config("The environment URL has no host name".into()));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::Config(
            "The environment URL must not contain a user name or password".into(),
        ));
    }
    if url.query().is_some() {
        return Err(Error::Config(
            "The environment URL must not contain a query string (the part after '?')".into(),
        ));
    }
    if url.fragment().is_some() {
        return Err(Error::Config(
            "The environment URL must not contain a fragment (the part after '#')".into(),
        ));
    }
    Ok(url)
}

/// Whether the URL's host is 127.0.0.0/8, ::1 or `localhost`.
pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// Rejects an empty client id or secret with a message naming which one.
pub(crate) fn check_credentials(client_id: &str, client_secret: &str) -> Result<()> {
    if client_id.trim().is_empty() {
        return Err(Error::Config("The client ID is empty".into()));
    }
    if client_secret.trim().is_empty() {
        return Err(Error::Config("The client secret is empty".into()));
    }
    Ok(())
}

/// The URL of `path` (which starts with '/') under the environment, keeping any base path.
pub(crate) fn join(env_url: &Url, path: &str) -> Result<Url> {
    // The common case (every RPC path): a plain absolute path under a base without a query or
    // fragment. Setting the path on a copy of the parsed base gives the URL a full parse would,
    // without parsing the scheme and host again (host parsing runs IDNA: most of a parse).
    if is_plain_path(path) {
        let mut url = env_url.clone();
        let base = env_url.path().trim_end_matches('/');
        if base.is_empty() {
            url.set_path(path);
        } else {
            url.set_path(&format!("{base}{path}"));
        }
        return Ok(url);
    }
    parse_joined(env_url, path)
}

fn parse_joined(env_url: &Url, path: &str) -> Result<Url> {
    let base = env_url.as_str().trim_end_matches('/');
    Url::parse(&format!("{base}{path}"))
        .map_err(|e| Error::InvalidRequest(format!("cannot build a URL for {path:?}: {e}")))
}

/// Starts with `/` and holds only printable ASCII that a URL path keeps as a path (no `?`,
/// `#`, `\\`, spaces or controls, which a full parse would split, convert, trim or drop).
fn is_plain_path(path: &str) -> bool {
    path.starts_with('/')
        && path
            .bytes()
            .all(|b| b.is_ascii_graphic() && !matches!(b, b'?' | b'#' | b'\\'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    fn message(raw: &str) -> String {
        let err = parse_env_url(raw).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config);
        err.to_string()
    }

    #[test]
    fn accepts_https_and_loopback_http() {
        for ok in [
            "https://acme.scalekit.dev",
            "https://acme.scalekit.dev/",
            "https://auth.example.com/base",
            "http://127.0.0.1:8080",
            "http://127.10.0.3:1/",
            "http://localhost:3000",
            "http://LOCALHOST",
            "http://[::1]:9000",
            "  https://acme.scalekit.com  ",
        ] {
            assert!(parse_env_url(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn rejects_with_readable_messages() {
        assert!(message("http://acme.scalekit.dev").contains("must start with https://"));
        assert!(message("http://10.0.0.1").contains("http is allowed only for localhost"));
        assert!(message("http://localhost.evil.com").contains("must start with https://"));
        assert!(message("ftp://acme.scalekit.dev").contains("must start with https://"));
        assert!(message("acme.scalekit.dev").contains("not a valid URL"));
        assert!(message("").contains("empty"));
        assert!(message("https://acme.scalekit.dev?x=1").contains("query string"));
        assert!(message("https://acme.scalekit.dev/#top").contains("fragment"));
        assert!(message("https://me:pw@acme.scalekit.dev").contains("user name or password"));
    }

    #[test]
    fn credentials_must_be_present() {
        assert!(check_credentials("skc_1", "secret").is_ok());
        assert!(check_credentials("", "secret")
            .unwrap_err()
            .to_string()
            .contains("client ID"));
        assert!(check_credentials("skc_1", "  ")
            .unwrap_err()
            .to_string()
            .contains("client secret"));
    }

    #[test]
    fn the_plain_path_shortcut_builds_what_a_full_parse_builds() {
        let bases = [
            "https://a.example.com",
            "https://a.example.com/",
            "https://a.example.com/base/",
            "https://a.example.com/base//",
            "http://127.0.0.1:8080",
            "http://[::1]:9000/x",
        ];
        let paths = [
            "/api/v1/tools",
            "/api/v1/tools:search",
            "/api/v1/connected_accounts/GOOGLEWORKSPACE%3A12345",
            "/proxy/gmail/v1/users/me/profile",
            "/a/./b/../c",
            "/a//b",
            "//foo",
            "/a/%2e%2e/b",
            "/a/.%2E/b",
            "/%zz/é",
            "/x?y=1",
            "/x#frag",
            "/x y",
            "/x\\y",
            "/x\t",
            "/",
            "x",
        ];
        for base in bases {
            let url = parse_env_url(base).unwrap();
            for path in paths {
                let fast = join(&url, path).map(|u| u.to_string());
                let full = parse_joined(&url, path).map(|u| u.to_string());
                assert_eq!(fast.ok(), full.ok(), "{base} + {path:?}");
            }
        }
    }

    #[test]
    fn joins_paths_under_the_base() {
        let url = parse_env_url("https://a.example.com/").unwrap();
        assert_eq!(
            join(&url, "/api/v1/tools").unwrap().as_str(),
            "https://a.example.com/api/v1/tools"
        );
        let url = parse_env_url("https://a.example.com/base/").unwrap();
        assert_eq!(
            join(&url, "/oauth/token").unwrap().as_str(),
            "https://a.example.com/base/oauth/token"
        );
    }
}
