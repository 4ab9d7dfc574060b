//! The OAuth client-credentials token endpoint and the bearer check of `/api`, `/proxy` and
//! `/_sandbox`.

use super::ApiError;
use crate::state::AppState;
use agentkit_wire::token::{OAuthError, TokenResponse};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine as _;

/// Checks `Authorization: Bearer <token>` against the issued, unexpired tokens.
pub(crate) fn require_bearer(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Err(ApiError::unauthenticated("Token empty"));
    };
    let text = value.to_str().unwrap_or_default();
    let token = match text.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => token.trim(),
        _ => return Err(ApiError::unauthenticated("Token empty")),
    };
    if token.is_empty() {
        return Err(ApiError::unauthenticated("Token empty"));
    }
    if !state.tokens.valid(token) {
        return Err(ApiError::unauthenticated("Token invalid or expired"));
    }
    Ok(())
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    let body = OAuthError {
        error: error.to_string(),
        error_description: description.to_string(),
    };
    let mut response = (status, Json(body)).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    response
}

/// Client credentials from HTTP Basic auth (RFC 6749 §2.3.1: both parts form-url-encoded).
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let text = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = text.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let decoded = String::from_utf8(decoded).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    let unescape = |s: &str| {
        url::form_urlencoded::parse(format!("v={s}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    Some((unescape(id), unescape(secret)))
}

/// `POST /oauth/token` with `grant_type=client_credentials` and the client's id and secret in
/// the form or in HTTP Basic auth.
pub(crate) async fn oauth_token(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().collect();
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    };
    match field("grant_type") {
        None => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "grant_type is required",
            )
        }
        Some("client_credentials") => {}
        Some(_) => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "only the client_credentials grant is supported",
            )
        }
    }
    let basic = basic_credentials(&headers);
    let (id, secret) = match (&basic, field("client_id"), field("client_secret")) {
        (Some((id, secret)), _, _) => (id.as_str(), secret.as_str()),
        (None, Some(id), Some(secret)) => (id, secret),
        _ => {
            return oauth_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "client authentication failed: client_id and client_secret are required",
            )
        }
    };
    let good = crate::ids::same_secret(id, &state.client_id)
        && crate::ids::same_secret(secret, &state.client_secret);
    if !good {
        let mut response = oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "client authentication failed: unknown client or wrong secret",
        );
        if basic.is_some() {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Basic realm=\"kitbench-sandbox\""),
            );
        }
        return response;
    }
    let ttl = state.faults.token_expiry().unwrap_or(state.token_ttl);
    let token = TokenResponse {
        access_token: state.tokens.issue(id, ttl),
        token_type: "Bearer".into(),
        expires_in: ttl.as_secs(),
        scope: "openid".into(),
    };
    let mut response = (StatusCode::OK, Json(token)).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    response
}
