//! `ConnectedAccountService`: create, update, delete and get (list and search are in
//! [`super::account_lists`]).

pub(crate) use super::account_lists::{list, search};

use super::{find_account, now};
use crate::catalog::Connector;
use crate::http::{json, ApiError, ApiRequest, ApiResult};
use crate::state::{AccountRecord, AppState};
use crate::validate::Checks;
use agentkit_wire::connected_accounts::{
    AccountInput, AccountRef, AuthorizationDetails, ConnectedAccount, ConnectedAccountResponse,
    CreateConnectedAccountRequest, GoogleDwdAuth, OauthToken, StaticAuth,
    UpdateConnectedAccountRequest,
};
use agentkit_wire::{ConnectorStatus, ConnectorType, Empty, JsonObject};
use serde_json::Value;

/// OAuth tokens the Sandbox mints live this long, as most providers' access tokens do.
const OAUTH_TOKEN_TTL: chrono::Duration = chrono::Duration::hours(1);

fn check_ref(c: &mut Checks, r: &AccountRef) {
    c.account_scope(
        r.organization_id.as_deref(),
        r.user_id.as_deref(),
        r.connector.as_deref(),
        r.identifier.as_deref(),
    )
    .account_id("id", r.id.as_deref(), 32);
}

fn respond(account: ConnectedAccount) -> ApiResult {
    json(&ConnectedAccountResponse {
        connected_account: Some(account),
    })
}

/// `GET /api/v1/connected_accounts/auth`, `/details` and `/this`. All three answer the full
/// `ConnectedAccount` with its `authorization_details`: the real difference between `auth` and
/// `details` is not documented, and both share one response message.
pub(crate) fn get_by_ref(state: &AppState, req: &ApiRequest) -> ApiResult {
    let r: AccountRef = req.query()?;
    let mut c = Checks::new();
    check_ref(&mut c, &r);
    c.finish()?;
    let account = find_account(&state.store.read(), &r)?.account.clone();
    respond(account)
}

/// `GET /api/v1/connected_accounts/{id}`.
pub(crate) fn get_by_id(state: &AppState, req: &ApiRequest) -> ApiResult {
    let r = AccountRef::by_id(req.param(0));
    let mut c = Checks::new();
    check_ref(&mut c, &r);
    c.finish()?;
    let account = find_account(&state.store.read(), &r)?.account.clone();
    respond(account)
}

/// `POST /api/v1/connected_accounts`.
pub(crate) fn create(state: &AppState, req: &ApiRequest) -> ApiResult {
    let r: CreateConnectedAccountRequest = req.body()?;
    one_credential_kind(r.connected_account.as_ref())?;
    let mut c = Checks::new();
    c.account_scope(
        r.organization_id.as_deref(),
        r.user_id.as_deref(),
        r.connector.as_deref(),
        r.identifier.as_deref(),
    )
    .required("connector", r.connector.as_deref())
    .required("identifier", r.identifier.as_deref());
    if r.connected_account.is_none() {
        c.fail("connected_account", "value is required", "required");
    }
    c.finish()?;
    let connector_name = r.connector.as_deref().unwrap_or_default();
    let connector = state
        .catalog
        .connector(connector_name)
        .ok_or_else(|| ApiError::not_found(format!("connection {connector_name:?} not found")))?;
    let identifier = r.identifier.clone().unwrap_or_default();
    let input = r.connected_account.unwrap_or_default();
    let account = state.write(|store| {
        if store.account_by_key(&connector.slug, &identifier).is_some() {
            return Err(ApiError::already_exists(format!(
                "connected account for {identifier:?} on {:?} already exists",
                connector.slug
            )));
        }
        let record = new_record(store.next_seq(), connector, &identifier, input);
        let record = AccountRecord {
            organization_id: r.organization_id.clone().filter(|s| !s.is_empty()),
            user_id: r.user_id.clone().filter(|s| !s.is_empty()),
            ..record
        };
        let account = record.account.clone();
        store.insert_account(record);
        Ok(account)
    })?;
    respond(account)
}

/// `PUT /api/v1/connected_accounts`: replaces the credentials and API config it is given;
/// credentials make the account `ACTIVE`.
pub(crate) fn update(state: &AppState, req: &ApiRequest) -> ApiResult {
    let r: UpdateConnectedAccountRequest = req.body()?;
    one_credential_kind(r.connected_account.as_ref())?;
    let account_ref = AccountRef {
        organization_id: r.organization_id.clone(),
        user_id: r.user_id.clone(),
        connector: r.connector.clone(),
        identifier: r.identifier.clone(),
        id: r.id.clone(),
    };
    let mut c = Checks::new();
    check_ref(&mut c, &account_ref);
    if r.connected_account.is_none() {
        c.fail("connected_account", "value is required", "required");
    }
    c.finish()?;
    let input = r.connected_account.unwrap_or_default();
    let account = state.write(|store| {
        let id = find_account(store, &account_ref)?.account.id.clone();
        let record = store
            .account_mut(&id)
            .ok_or_else(|| ApiError::not_found("connected account not found"))?;
        let connector = state.catalog.connector(&record.account.connector);
        apply_input(&mut record.account, connector, input);
        record.account.updated_at = Some(now());
        Ok::<_, ApiError>(record.account.clone())
    })?;
    respond(account)
}

/// `POST /api/v1/connected_accounts:delete`.
pub(crate) fn delete(state: &AppState, req: &ApiRequest) -> ApiResult {
    let r: AccountRef = req.body()?;
    let mut c = Checks::new();
    check_ref(&mut c, &r);
    c.finish()?;
    state.write(|store| {
        let id = find_account(store, &r)?.account.id.clone();
        store.remove_account(&id);
        Ok::<_, ApiError>(())
    })?;
    json(&Empty {})
}

/// A new account on `connector` for `identifier`, `ACTIVE` when `input` carries credentials.
pub(crate) fn new_record(
    seq: u64,
    connector: &Connector,
    identifier: &str,
    input: AccountInput,
) -> AccountRecord {
    let mut account = ConnectedAccount {
        identifier: identifier.to_string(),
        provider: connector.slug.clone(),
        status: ConnectorStatus::PendingAuth,
        authorization_type: connector.connector_type(),
        updated_at: Some(now()),
        connector: connector.slug.clone(),
        id: crate::ids::account_id(),
        connection_id: connector.connection_id.clone(),
        ..ConnectedAccount::default()
    };
    apply_input(&mut account, Some(connector), input);
    AccountRecord {
        seq,
        account,
        organization_id: None,
        user_id: None,
    }
}

/// `AuthorizationDetails.details` is a oneof: protojson refuses a second member.
fn one_credential_kind(input: Option<&AccountInput>) -> Result<(), ApiError> {
    let Some(d) = input.and_then(|i| i.authorization_details.as_ref()) else {
        return Ok(());
    };
    let set = [
        d.oauth_token.is_some(),
        d.static_auth.is_some(),
        d.google_dwd.is_some(),
        d.trusted_idp.is_some(),
    ];
    if set.iter().filter(|s| **s).count() > 1 {
        return Err(ApiError::invalid(
            "invalid request body: oneof authorization_details.details is already set \
             (give one of oauth_token, static_auth, google_dwd, trusted_idp)",
        ));
    }
    Ok(())
}

fn has_credentials(d: &AuthorizationDetails) -> bool {
    d.oauth_token
        .as_ref()
        .is_some_and(|t| !t.access_token.is_empty())
        || d.static_auth
            .as_ref()
            .is_some_and(|s| !s.details.is_empty())
        || d.google_dwd.as_ref().is_some_and(|g| !g.subject.is_empty())
        || d.trusted_idp
            .as_ref()
            .is_some_and(|t| !t.db_user.is_empty())
}

fn apply_input(account: &mut ConnectedAccount, connector: Option<&Connector>, input: AccountInput) {
    if let Some(config) = input.api_config {
        account.api_config = Some(config);
    }
    let Some(details) = input.authorization_details else {
        return;
    };
    let active = has_credentials(&details);
    account.authorization_details = Some(details);
    if active {
        account.status = ConnectorStatus::Active;
        account.token_expires_at = connector
            .filter(|c| c.uses_oauth_token())
            .map(|_| now() + OAUTH_TOKEN_TTL);
    }
}

/// Completes an authorization: the account becomes `ACTIVE` with synthetic credentials of its
/// connection's kind (an OAuth token pair, a service-account grant, or a static key).
pub(crate) fn activate(account: &mut ConnectedAccount, connector: Option<&Connector>) {
    let slug = account.provider.clone();
    let scopes = vec![format!("{slug}.read"), format!("{slug}.write")];
    let n = now();
    let details = match account.authorization_type {
        ConnectorType::ApiKey | ConnectorType::BearerToken | ConnectorType::Basic => {
            let mut map = JsonObject::new();
            let secret = |p: &str| Value::String(format!("{p}_{}", crate::ids::alnum(32)));
            match account.authorization_type {
                ConnectorType::ApiKey => map.insert("api_key".into(), secret("sbx_key")),
                ConnectorType::BearerToken => map.insert("token".into(), secret("sbx_bt")),
                _ => {
                    map.insert("username".into(), Value::String(account.identifier.clone()));
                    map.insert("password".into(), secret("sbx_pw"))
                }
            };
            AuthorizationDetails {
                static_auth: Some(StaticAuth { details: map }),
                ..AuthorizationDetails::default()
            }
        }
        ConnectorType::GoogleDwd => AuthorizationDetails {
            google_dwd: Some(GoogleDwdAuth {
                subject: account.identifier.clone(),
                access_token: format!("sbx_at_{}", crate::ids::alnum(32)),
                scopes,
                token_expires_at: Some(n + OAUTH_TOKEN_TTL),
            }),
            ..AuthorizationDetails::default()
        },
        _ => AuthorizationDetails {
            oauth_token: Some(OauthToken {
                access_token: format!("sbx_at_{}", crate::ids::alnum(32)),
                refresh_token: format!("sbx_rt_{}", crate::ids::alnum(40)),
                scopes,
                domain: String::new(),
            }),
            ..AuthorizationDetails::default()
        },
    };
    let expiring = connector.is_some_and(|c| c.uses_oauth_token())
        || account.authorization_type == ConnectorType::GoogleDwd;
    account.authorization_details = Some(details);
    account.token_expires_at = expiring.then(|| n + OAUTH_TOKEN_TTL);
    account.status = ConnectorStatus::Active;
    account.updated_at = Some(n);
}
