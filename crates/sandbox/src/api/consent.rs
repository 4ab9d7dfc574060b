//! The browser half of a magic link: `GET /magic/{token}` shows the consent page, its form
//! posts `decision=allow|deny` back, and the browser is redirected to `user_verify_url`.

use super::accounts::activate;
use super::now;
use crate::pages;
use crate::state::{AppState, AuthLink, Verification};
use agentkit_wire::ConnectorStatus;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// Why a link cannot be used.
enum Refusal {
    Unknown,
    Used,
    Expired,
}

fn refusal_page(r: Refusal) -> Response {
    match r {
        Refusal::Unknown => pages::message(
            StatusCode::NOT_FOUND,
            "Link not found",
            "This authorization link does not exist. Ask the app for a new one.",
        ),
        Refusal::Used => pages::message(
            StatusCode::GONE,
            "Link already used",
            "This authorization link was already used. Ask the app for a new one.",
        ),
        Refusal::Expired => pages::message(
            StatusCode::GONE,
            "Link expired",
            "This authorization link has expired. Ask the app for a new one.",
        ),
    }
}

fn usable(link: Option<&AuthLink>) -> Result<&AuthLink, Refusal> {
    let link = link.ok_or(Refusal::Unknown)?;
    if link.used {
        Err(Refusal::Used)
    } else if link.expires_at <= now() {
        Err(Refusal::Expired)
    } else {
        Ok(link)
    }
}

/// `GET /magic/{token}`.
pub(crate) async fn show(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let store = state.store.read();
    match usable(store.auth_links.get(&token)) {
        Err(r) => refusal_page(r),
        Ok(link) => {
            let name = state
                .catalog
                .connector(&link.connector)
                .map_or(link.connector.as_str(), |c| c.name.as_str());
            let expires = link.expires_at.format("%Y-%m-%d %H:%M:%S UTC").to_string();
            pages::consent(name, &link.identifier, &expires)
        }
    }
}

/// `GET /magic/done`.
pub(crate) async fn done() -> Response {
    pages::done()
}

/// Appends query pairs to a URL that may already have a query (and keeps any fragment last).
fn with_query(url: &str, pairs: &[(&str, &str)]) -> String {
    let (base, fragment) = match url.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (url, None),
    };
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        query.append_pair(k, v);
    }
    let sep = if !base.contains('?') {
        "?"
    } else if base.ends_with('?') || base.ends_with('&') {
        ""
    } else {
        "&"
    };
    let mut out = format!("{base}{sep}{}", query.finish());
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

fn redirect(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(v) => {
            let mut response = StatusCode::FOUND.into_response();
            response.headers_mut().insert(header::LOCATION, v);
            response
        }
        Err(_) => pages::message(
            StatusCode::BAD_REQUEST,
            "Invalid redirect",
            "The app gave a user_verify_url that cannot be redirected to.",
        ),
    }
}

enum Outcome {
    Redirect(String),
    Connected,
    Denied,
}

/// `POST /magic/{token}` with `decision=allow|deny`.
pub(crate) async fn decide(
    State(state): State<AppState>,
    Path(token): Path<String>,
    body: Bytes,
) -> Response {
    let decision = url::form_urlencoded::parse(&body)
        .find(|(k, _)| k == "decision")
        .map(|(_, v)| v.into_owned());
    let allow = match decision.as_deref() {
        Some("allow") => true,
        Some("deny") => false,
        _ => {
            return pages::message(
                StatusCode::BAD_REQUEST,
                "Choose Allow or Deny",
                "The form must send decision=allow or decision=deny.",
            )
        }
    };
    let outcome = state.write(|store| {
        let link = usable(store.auth_links.get(&token))?.clone();
        if let Some(l) = store.auth_links.get_mut(&token) {
            l.used = true;
        }
        let state_pair = link.state.as_deref().map(|s| ("state", s));
        if !allow {
            return Ok(match &link.user_verify_url {
                Some(url) => {
                    let mut pairs = vec![("error", "access_denied")];
                    pairs.extend(state_pair);
                    Outcome::Redirect(with_query(url, &pairs))
                }
                None => Outcome::Denied,
            });
        }
        let record = store
            .account_mut(&link.account_id)
            .ok_or(Refusal::Unknown)?;
        match &link.user_verify_url {
            Some(url) => {
                record.account.status = ConnectorStatus::PendingVerification;
                record.account.updated_at = Some(now());
                let auth_request_id = crate::ids::opaque_b64();
                let expires_at = now()
                    + chrono::Duration::from_std(state.link_ttl())
                        .unwrap_or(chrono::Duration::minutes(10));
                store.verifications.insert(
                    auth_request_id.clone(),
                    Verification {
                        account_id: link.account_id.clone(),
                        identifier: link.identifier.clone(),
                        expires_at,
                    },
                );
                let mut pairs = vec![("auth_request_id", auth_request_id.as_str())];
                pairs.extend(state_pair);
                Ok(Outcome::Redirect(with_query(url, &pairs)))
            }
            None => {
                let connector = state.catalog.connector(&record.account.connector);
                activate(&mut record.account, connector);
                Ok(Outcome::Connected)
            }
        }
    });
    match outcome {
        Err(r) => refusal_page(r),
        Ok(Outcome::Redirect(location)) => redirect(&location),
        Ok(Outcome::Connected) => pages::done(),
        Ok(Outcome::Denied) => pages::message(
            StatusCode::OK,
            "Access denied",
            "The authorization was denied; the account was not connected.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::with_query;

    #[test]
    fn appends_query_pairs() {
        assert_eq!(
            with_query(
                "kitbench://verify",
                &[("auth_request_id", "a b"), ("state", "s")]
            ),
            "kitbench://verify?auth_request_id=a+b&state=s"
        );
        assert_eq!(
            with_query("https://x/cb?e=1#frag", &[("error", "access_denied")]),
            "https://x/cb?e=1&error=access_denied#frag"
        );
    }
}
