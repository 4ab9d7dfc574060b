//! Magic links (`GetMagicLinkForConnectedAccount`) and `VerifyConnectedAccountUser`.

use super::accounts::{activate, new_record};
use super::{find_account, now};
use crate::http::{json, ApiError, ApiRequest, ApiResult};
use crate::state::{AccountRecord, AppState, AuthLink, Shared, Store};
use crate::validate::{Checks, Pattern};
use agentkit_wire::connected_accounts::{
    AccountInput, AccountRef, MagicLinkRequest, MagicLinkResponse, VerifyUserRequest,
    VerifyUserResponse,
};
use agentkit_wire::{Code, Timestamp};
use std::time::Duration;

/// Expired links are kept this long so that opening one says "expired", not "unknown".
const KEEP_EXPIRED: chrono::Duration = chrono::Duration::hours(24);

/// What a new magic link is for.
pub(crate) struct LinkSpec {
    pub account: AccountRef,
    pub state: Option<String>,
    pub user_verify_url: Option<String>,
    pub ttl: Duration,
}

/// An issued link: its URL, its expiry and the account it authorizes.
pub(crate) struct IssuedLink {
    pub link: String,
    pub expiry: Timestamp,
    pub account_id: String,
}

/// Creates a magic link; a missing account (named by connector + identifier) is created in
/// `PENDING_AUTH` first, as the real service does for `get_authorization_link`.
pub(crate) fn issue_link(
    shared: &Shared,
    store: &mut Store,
    spec: LinkSpec,
) -> Result<IssuedLink, ApiError> {
    let r = &spec.account;
    let account_id = match r.id.as_deref().filter(|s| !s.is_empty()) {
        Some(_) => find_account(store, r)?.account.id.clone(),
        None => {
            let connector_name = r.connector.as_deref().filter(|s| !s.is_empty());
            let identifier = r.identifier.as_deref().filter(|s| !s.is_empty());
            let (Some(connector_name), Some(identifier)) = (connector_name, identifier) else {
                return Err(ApiError::invalid(
                    "either id, or connector and identifier, must be given",
                ));
            };
            let connector = shared.catalog.connector(connector_name).ok_or_else(|| {
                ApiError::not_found(format!("connection {connector_name:?} not found"))
            })?;
            match store.account_by_key(&connector.slug, identifier) {
                Some(existing) => existing.account.id.clone(),
                None => {
                    let record = new_record(
                        store.next_seq(),
                        connector,
                        identifier,
                        AccountInput::default(),
                    );
                    let record = AccountRecord {
                        organization_id: r.organization_id.clone().filter(|s| !s.is_empty()),
                        user_id: r.user_id.clone().filter(|s| !s.is_empty()),
                        ..record
                    };
                    let id = record.account.id.clone();
                    store.insert_account(record);
                    id
                }
            }
        }
    };
    let account = &store
        .account(&account_id)
        .ok_or_else(|| ApiError::not_found("connected account not found"))?
        .account;
    let n = now();
    let expiry = n + chrono::Duration::from_std(spec.ttl).unwrap_or(chrono::Duration::minutes(10));
    let token = crate::ids::alnum(40);
    let link = AuthLink {
        account_id: account_id.clone(),
        identifier: account.identifier.clone(),
        connector: account.connector.clone(),
        state: spec.state.filter(|s| !s.is_empty()),
        user_verify_url: spec.user_verify_url.filter(|s| !s.is_empty()),
        expires_at: expiry,
        used: false,
    };
    store
        .auth_links
        .retain(|_, l| l.expires_at + KEEP_EXPIRED > n);
    store.auth_links.insert(token.clone(), link);
    Ok(IssuedLink {
        link: format!("{}/magic/{token}", shared.url),
        expiry,
        account_id,
    })
}

/// `POST /api/v1/connected_accounts/magic_link`.
pub(crate) fn magic_link(state: &AppState, req: &ApiRequest) -> ApiResult {
    let r: MagicLinkRequest = req.body()?;
    Checks::new()
        .account_scope(
            r.organization_id.as_deref(),
            r.user_id.as_deref(),
            r.connector.as_deref(),
            r.identifier.as_deref(),
        )
        .account_id("id", r.id.as_deref(), 32)
        .max_len("state", r.state.as_deref(), 512)
        .max_len("user_verify_url", r.user_verify_url.as_deref(), 2048)
        .pattern(
            "user_verify_url",
            r.user_verify_url.as_deref(),
            Pattern::VerifyUrl,
        )
        .finish()?;
    let spec = LinkSpec {
        account: AccountRef {
            organization_id: r.organization_id,
            user_id: r.user_id,
            connector: r.connector,
            identifier: r.identifier,
            id: r.id,
        },
        state: r.state,
        user_verify_url: r.user_verify_url,
        ttl: state.link_ttl(),
    };
    let issued = state.write(|store| issue_link(state, store, spec))?;
    json(&MagicLinkResponse {
        link: issued.link,
        expiry: Some(issued.expiry),
    })
}

/// `POST /api/v1/connected_accounts/user/verify`: completes a consent that redirected to
/// `user_verify_url`. A wrong identifier is refused and the request stays pending, so the
/// right user can still verify it; success consumes it.
pub(crate) fn verify(state: &AppState, req: &ApiRequest) -> ApiResult {
    let r: VerifyUserRequest = req.body()?;
    Checks::new()
        .required("auth_request_id", Some(&r.auth_request_id))
        .len("auth_request_id", Some(&r.auth_request_id), 1, 1000)
        .required("identifier", Some(&r.identifier))
        .len("identifier", Some(&r.identifier), 1, 200)
        .finish()?;
    state.write(|store| {
        let not_found = || {
            ApiError::new(
                Code::NotFound,
                "NOT_FOUND",
                "no pending user verification for this auth_request_id",
            )
        };
        let pending = store
            .verifications
            .get(&r.auth_request_id)
            .cloned()
            .ok_or_else(not_found)?;
        if pending.expires_at <= now() {
            store.verifications.remove(&r.auth_request_id);
            return Err(not_found());
        }
        if pending.identifier != r.identifier {
            return Err(ApiError::permission_denied(
                "identifier does not match the user this authorization was started for",
            ));
        }
        store.verifications.remove(&r.auth_request_id);
        let record = store
            .account_mut(&pending.account_id)
            .ok_or_else(not_found)?;
        let connector = state.catalog.connector(&record.account.connector);
        activate(&mut record.account, connector);
        Ok(())
    })?;
    json(&VerifyUserResponse {
        post_user_verify_redirect_url: format!("{}/magic/done", state.url),
    })
}
