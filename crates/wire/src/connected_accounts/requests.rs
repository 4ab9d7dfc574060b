//! Request and response messages of `ConnectedAccountService`.

use crate::{JsonObject, Timestamp};
use serde::{Deserialize, Serialize};

use super::{AuthorizationDetails, ConnectedAccount, ConnectedAccountForList};

/// `GET /api/v1/connected_accounts` (query).
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListConnectedAccountsRequest {
    #[serde(alias = "organizationId")]
    pub organization_id: Option<String>,
    #[serde(alias = "userId")]
    pub user_id: Option<String>,
    pub connector: Option<String>,
    pub identifier: Option<String>,
    pub provider: Option<String>,
    #[serde(alias = "pageSize")]
    pub page_size: Option<u32>,
    #[serde(alias = "pageToken")]
    pub page_token: Option<String>,
    pub query: Option<String>,
    #[serde(alias = "connectionNames", skip_serializing_if = "Vec::is_empty")]
    pub connection_names: Vec<String>,
    #[serde(alias = "isOrgWideCredential")]
    pub is_org_wide_credential: Option<bool>,
}

/// The page of accounts `ListConnectedAccounts` answers with.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListConnectedAccountsResponse {
    #[serde(alias = "connectedAccounts")]
    #[serde_with(skip_apply)]
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub connected_accounts: Vec<ConnectedAccountForList>,
    #[serde(alias = "totalSize")]
    pub total_size: u32,
    #[serde(alias = "nextPageToken")]
    pub next_page_token: String,
    #[serde(alias = "prevPageToken")]
    pub prev_page_token: String,
}

impl crate::Page for ListConnectedAccountsResponse {
    fn next_page_token(&self) -> &str {
        &self.next_page_token
    }
}

/// `GET /api/v1/connected_accounts:search` (query).
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchConnectedAccountsRequest {
    pub query: String,
    #[serde(alias = "pageSize")]
    pub page_size: Option<u32>,
    #[serde(alias = "pageToken")]
    pub page_token: Option<String>,
    #[serde(alias = "connectionId")]
    pub connection_id: Option<String>,
}

/// `SearchConnectedAccountsResponse` has exactly the fields of the list answer.
pub type SearchConnectedAccountsResponse = ListConnectedAccountsResponse;

/// Which account a request is about: an `id`, or `connector` + `identifier` (with optional
/// organization/user scoping). Shared by get, delete, update and magic-link requests.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRef {
    #[serde(alias = "organizationId")]
    pub organization_id: Option<String>,
    #[serde(alias = "userId")]
    pub user_id: Option<String>,
    pub connector: Option<String>,
    pub identifier: Option<String>,
    pub id: Option<String>,
}

impl AccountRef {
    /// The account with this `ca_…` id.
    pub fn by_id(id: impl Into<String>) -> Self {
        Self {
            id: Some(id.into()),
            ..Self::default()
        }
    }

    /// The account of `identifier` on the connection named `connector`.
    pub fn by_identifier(connector: impl Into<String>, identifier: impl Into<String>) -> Self {
        Self {
            connector: Some(connector.into()),
            identifier: Some(identifier.into()),
            ..Self::default()
        }
    }
}

/// `GET /api/v1/connected_accounts/auth` and `/details`: `GetConnectedAccountByIdentifierRequest`
/// is exactly an [`AccountRef`] in the query string.
pub type GetConnectedAccountRequest = AccountRef;

/// `DELETE` is `POST /api/v1/connected_accounts:delete` with an [`AccountRef`] body.
pub type DeleteConnectedAccountRequest = AccountRef;

/// `{connected_account}`: the answer of get, create and update.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConnectedAccountResponse {
    #[serde(alias = "connectedAccount")]
    pub connected_account: Option<ConnectedAccount>,
}

/// The credentials and API config given when creating or updating an account
/// (`CreateConnectedAccount` / `UpdateConnectedAccount`).
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AccountInput {
    #[serde(alias = "authorizationDetails")]
    pub authorization_details: Option<AuthorizationDetails>,
    #[serde(alias = "apiConfig")]
    #[serde_with(skip_apply)]
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub api_config: Option<JsonObject>,
}

/// `POST /api/v1/connected_accounts`.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateConnectedAccountRequest {
    #[serde(alias = "organizationId")]
    pub organization_id: Option<String>,
    #[serde(alias = "userId")]
    pub user_id: Option<String>,
    pub connector: Option<String>,
    pub identifier: Option<String>,
    #[serde(alias = "connectedAccount")]
    pub connected_account: Option<AccountInput>,
}

/// `ScopeSelection`: which OAuth scopes to ask for on the next authorization.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScopeSelection {
    pub scopes: Vec<String>,
    #[serde(alias = "optionalScopes")]
    pub optional_scopes: Vec<String>,
}

/// `PUT /api/v1/connected_accounts`.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateConnectedAccountRequest {
    #[serde(alias = "organizationId")]
    pub organization_id: Option<String>,
    #[serde(alias = "userId")]
    pub user_id: Option<String>,
    pub connector: Option<String>,
    pub identifier: Option<String>,
    pub id: Option<String>,
    #[serde(alias = "connectedAccount")]
    pub connected_account: Option<AccountInput>,
    #[serde(alias = "scopeSelection")]
    pub scope_selection: Option<ScopeSelection>,
}

/// `POST /api/v1/connected_accounts/magic_link`.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MagicLinkRequest {
    #[serde(alias = "organizationId")]
    pub organization_id: Option<String>,
    #[serde(alias = "userId")]
    pub user_id: Option<String>,
    pub connector: Option<String>,
    pub identifier: Option<String>,
    pub id: Option<String>,
    /// Echoed back on the redirect to `user_verify_url`; the app checks it (≤512 chars).
    pub state: Option<String>,
    /// Where the browser goes after consent, with `auth_request_id` and `state`.
    #[serde(alias = "userVerifyUrl")]
    pub user_verify_url: Option<String>,
}

/// `{link, expiry}`.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MagicLinkResponse {
    pub link: String,
    pub expiry: Option<Timestamp>,
}

/// `POST /api/v1/connected_accounts/user/verify`.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyUserRequest {
    #[serde(alias = "authRequestId")]
    pub auth_request_id: String,
    pub identifier: String,
}

/// `{post_user_verify_redirect_url}`.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyUserResponse {
    #[serde(alias = "postUserVerifyRedirectUrl")]
    pub post_user_verify_redirect_url: String,
}
