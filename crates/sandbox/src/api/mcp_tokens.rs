//! `CreateMcpSessionToken`: short-lived bearer tokens for a config's virtual MCP server or a
//! connection's MCP server. Scalekit signs them RS256; the Sandbox signs HS256 with a key made
//! per Sandbox, which keeps the same JWT shape and claims without key management.

use crate::http::{json, ApiError, ApiRequest, ApiResult};
use crate::state::AppState;
use crate::validate::Checks;
use agentkit_wire::mcp::{CreateMcpSessionTokenRequest, CreateMcpSessionTokenResponse};
use agentkit_wire::ConnectorStatus;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde_json::json as j;
use sha2::Sha256;

const MIN_EXPIRY_SECS: u64 = 60;
const MAX_EXPIRY_SECS: u64 = 24 * 3600;
const DEFAULT_EXPIRY_SECS: u64 = 3600;

/// `POST /api/v1/mcp/configs/{mcp_config_id}/tokens`.
pub(crate) fn for_config(state: &AppState, req: &ApiRequest) -> ApiResult {
    let mut r: CreateMcpSessionTokenRequest = req.body()?;
    r.mcp_config_id = Some(req.param(0).to_string());
    issue(state, r)
}

/// `POST /api/v1/mcp/connections/{key_id}/tokens`.
pub(crate) fn for_connection(state: &AppState, req: &ApiRequest) -> ApiResult {
    let mut r: CreateMcpSessionTokenRequest = req.body()?;
    r.key_id = Some(req.param(0).to_string());
    issue(state, r)
}

fn issue(state: &AppState, r: CreateMcpSessionTokenRequest) -> ApiResult {
    Checks::new()
        .required("identifier", Some(&r.identifier))
        .len("identifier", Some(&r.identifier), 1, 255)
        .one_of(
            "access_level",
            r.access_level.as_deref(),
            &["", "FULL", "READ_ONLY"],
        )
        .finish()?;
    let config_id = r.mcp_config_id.as_deref().filter(|s| !s.is_empty());
    let key_id = r.key_id.as_deref().filter(|s| !s.is_empty());
    if config_id.is_some() == key_id.is_some() {
        return Err(ApiError::invalid(
            "exactly one of mcp_config_id and key_id must be set",
        ));
    }
    let expiry = r.expiry.map_or(DEFAULT_EXPIRY_SECS, |d| d.0.as_secs());
    let exact = r.expiry.is_none_or(|d| d.0.subsec_nanos() == 0);
    if !(MIN_EXPIRY_SECS..=MAX_EXPIRY_SECS).contains(&expiry) || !exact {
        return Err(ApiError::invalid(
            "expiry must be a whole number of seconds between 60s and 86400s",
        ));
    }
    let store = state.store.read();
    let (audience, target_claim, connections) = match (config_id, key_id) {
        (Some(id), _) => {
            let config = &store
                .mcp_configs
                .get(id)
                .ok_or_else(|| ApiError::not_found(format!("mcp config {id:?} not found")))?
                .config;
            let names: Vec<String> = config
                .connection_tool_mappings
                .iter()
                .map(|m| m.connection_name.clone())
                .collect();
            (
                config.mcp_server_url.clone(),
                ("mcp_cfg", id.to_string()),
                names,
            )
        }
        (None, Some(key)) => {
            // The MCP server URL uses the exact stored key_id, so the lookup is case-sensitive.
            let connector = state
                .catalog
                .connector(key)
                .filter(|c| c.slug == key)
                .ok_or_else(|| {
                    ApiError::not_found(format!("no active connection with key_id {key:?}"))
                })?;
            let url = format!("{}/mcp/v3/connections/{}", state.url, connector.slug);
            (
                url,
                ("conn_id", connector.connection_id.clone()),
                vec![connector.slug.clone()],
            )
        }
        (None, None) => return Err(ApiError::invalid("mcp_config_id or key_id is required")),
    };
    let account_ids: Vec<String> = connections
        .iter()
        .filter_map(|c| store.account_by_key(c, &r.identifier))
        .filter(|a| a.account.status == ConnectorStatus::Active)
        .map(|a| a.account.id.clone())
        .collect();
    drop(store);
    if account_ids.is_empty() {
        return Err(ApiError::invalid(format!(
            "identifier {:?} has no active connected account for this server",
            r.identifier
        )));
    }
    let now = chrono::Utc::now();
    let expires_at = now + chrono::Duration::seconds(i64::try_from(expiry).unwrap_or(3600));
    let access_level = r
        .access_level
        .clone()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "FULL".into());
    let mut claims = j!({
        "iss": state.url,
        "sub": r.identifier,
        "aud": audience,
        "ca_ids": account_ids,
        "access_level": access_level,
        "iat": now.timestamp(),
        "exp": expires_at.timestamp(),
        "jti": crate::ids::alnum(20),
    });
    claims[target_claim.0] = serde_json::Value::String(target_claim.1);
    json(&CreateMcpSessionTokenResponse {
        token: sign(&state.signing_key, &claims),
        expires_at: Some(expires_at),
    })
}

/// A compact JWS (`header.payload.signature`, base64url) signed with HMAC-SHA256.
fn sign(key: &[u8], claims: &serde_json::Value) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT","kid":"kitbench-sandbox"}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let signing_input = format!("{header}.{payload}");
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC accepts any key length");
    mac.update(signing_input.as_bytes());
    let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{signing_input}.{signature}")
}
