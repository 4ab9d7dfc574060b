//! ConnectedAccountService: accounts, magic links and user verification.

use crate::client::{required, Client, Rpc};
use crate::error::{Error, ErrorKind, Result};
use crate::wire::connected_accounts::{
    AccountInput, AccountRef, ConnectedAccount, ConnectedAccountForList, ConnectedAccountResponse,
    CreateConnectedAccountRequest, ListConnectedAccountsRequest, ListConnectedAccountsResponse,
    MagicLinkRequest, MagicLinkResponse, SearchConnectedAccountsRequest,
    SearchConnectedAccountsResponse, UpdateConnectedAccountRequest, VerifyUserRequest,
    VerifyUserResponse,
};

/// The largest page ListConnectedAccounts accepts (`page_size < 100`).
const MAX_ACCOUNT_PAGE: u32 = 99;

impl Client {
    /// `GET /api/v1/connected_accounts`: one page of accounts (without credentials).
    pub async fn list_connected_accounts(
        &self,
        req: &ListConnectedAccountsRequest,
    ) -> Result<ListConnectedAccountsResponse> {
        self.rpc(Rpc::get("/api/v1/connected_accounts").query(req))
            .await
    }

    /// Every account matching `req`, following `next_page_token` from `req.page_token` on.
    /// Pages of 99 unless `req.page_size` says otherwise.
    pub async fn list_all_connected_accounts(
        &self,
        req: &ListConnectedAccountsRequest,
    ) -> Result<Vec<ConnectedAccountForList>> {
        let mut page_req = req.clone();
        page_req.page_size = Some(req.page_size.unwrap_or(MAX_ACCOUNT_PAGE));
        let mut all = Vec::new();
        loop {
            let page = self.list_connected_accounts(&page_req).await?;
            all.extend(page.connected_accounts);
            match next_token(page_req.page_token.as_deref(), page.next_page_token)? {
                Some(token) => page_req.page_token = Some(token),
                None => return Ok(all),
            }
        }
    }

    /// `GET /api/v1/connected_accounts:search`: accounts whose identifier, connector or
    /// provider matches `query` (at least 3 characters).
    pub async fn search_connected_accounts(
        &self,
        req: &SearchConnectedAccountsRequest,
    ) -> Result<SearchConnectedAccountsResponse> {
        self.rpc(Rpc::get("/api/v1/connected_accounts:search").query(req))
            .await
    }

    /// `GET /api/v1/connected_accounts/auth`: the account with its authorization details.
    pub async fn get_connected_account(&self, r: &AccountRef) -> Result<ConnectedAccount> {
        let answer: ConnectedAccountResponse = self
            .rpc(Rpc::get("/api/v1/connected_accounts/auth").query(r))
            .await?;
        required(answer.connected_account, "connected_account")
    }

    /// `GET /api/v1/connected_accounts/details`.
    pub async fn get_connected_account_details(&self, r: &AccountRef) -> Result<ConnectedAccount> {
        let answer: ConnectedAccountResponse = self
            .rpc(Rpc::get("/api/v1/connected_accounts/details").query(r))
            .await?;
        required(answer.connected_account, "connected_account")
    }

    /// The account of `identifier` on the connection `connector`, created when missing — the
    /// SDKs' `get_or_create_connected_account`: GetConnectedAccountAuth, on 404 create (with
    /// `input`, or an empty `connected_account`); when the account exists and `input` carries
    /// authorization details, update it with them. A create that loses a race (409) reads the
    /// winner's account.
    pub async fn get_or_create_connected_account(
        &self,
        connector: &str,
        identifier: &str,
        input: Option<AccountInput>,
    ) -> Result<ConnectedAccount> {
        let account_ref = AccountRef::by_identifier(connector, identifier);
        match self.get_connected_account(&account_ref).await {
            Ok(existing) => {
                let Some(input) = input.filter(|i| i.authorization_details.is_some()) else {
                    return Ok(existing);
                };
                self.update_connected_account(&UpdateConnectedAccountRequest {
                    connector: Some(connector.to_string()),
                    identifier: Some(identifier.to_string()),
                    connected_account: Some(input),
                    ..Default::default()
                })
                .await
            }
            Err(e) if e.kind() == ErrorKind::NotFound => {
                let created = self
                    .create_connected_account(&CreateConnectedAccountRequest {
                        connector: Some(connector.to_string()),
                        identifier: Some(identifier.to_string()),
                        connected_account: Some(input.unwrap_or_default()),
                        ..Default::default()
                    })
                    .await;
                match created {
                    Err(e) if e.kind() == ErrorKind::Conflict => {
                        self.get_connected_account(&account_ref).await
                    }
                    other => other,
                }
            }
            Err(e) => Err(e),
        }
    }

    /// `POST /api/v1/connected_accounts`. Sent once, never retried (not even on 503): a create
    /// whose answer was lost may have happened, and a second one would fail or duplicate it.
    pub async fn create_connected_account(
        &self,
        req: &CreateConnectedAccountRequest,
    ) -> Result<ConnectedAccount> {
        let answer: ConnectedAccountResponse = self
            .rpc(
                Rpc::post("/api/v1/connected_accounts")
                    .json(req)?
                    .never_retry(),
            )
            .await?;
        required(answer.connected_account, "connected_account")
    }

    /// `PUT /api/v1/connected_accounts`: replaces the credentials and API config.
    pub async fn update_connected_account(
        &self,
        req: &UpdateConnectedAccountRequest,
    ) -> Result<ConnectedAccount> {
        let answer: ConnectedAccountResponse = self
            .rpc(Rpc::put("/api/v1/connected_accounts").json(req)?)
            .await?;
        required(answer.connected_account, "connected_account")
    }

    /// `POST /api/v1/connected_accounts:delete`. Sent once, never retried: a delete that
    /// happened but whose answer was lost would come back as "not found" on a retry.
    pub async fn delete_connected_account(&self, r: &AccountRef) -> Result<()> {
        self.rpc_empty(
            Rpc::post("/api/v1/connected_accounts:delete")
                .json(r)?
                .never_retry(),
        )
        .await
    }

    /// `POST /api/v1/connected_accounts/magic_link`: a time-limited authorization link.
    pub async fn magic_link(&self, req: &MagicLinkRequest) -> Result<MagicLinkResponse> {
        self.rpc(Rpc::post("/api/v1/connected_accounts/magic_link").json(req)?)
            .await
    }

    /// `POST /api/v1/connected_accounts/user/verify`: completes a magic-link flow for the user
    /// the app knows is signed in (never take `identifier` from the redirect URL).
    pub async fn verify_user(
        &self,
        auth_request_id: &str,
        identifier: &str,
    ) -> Result<VerifyUserResponse> {
        let req = VerifyUserRequest {
            auth_request_id: auth_request_id.to_string(),
            identifier: identifier.to_string(),
        };
        self.rpc(Rpc::post("/api/v1/connected_accounts/user/verify").json(&req)?)
            .await
    }
}

/// The token of the next page, `None` on the last page; a server that hands back the token it
/// was given would loop forever, so that is an error.
pub(crate) fn next_token(current: Option<&str>, next: String) -> Result<Option<String>> {
    if next.is_empty() {
        return Ok(None);
    }
    if current == Some(next.as_str()) {
        return Err(Error::decode(
            "the server returned the same page token again; stopping to avoid a loop",
            next.as_bytes(),
        ));
    }
    Ok(Some(next))
}

#[cfg(test)]
mod tests {
    use super::next_token;

    #[test]
    fn page_walks_end_and_never_loop() {
        assert_eq!(next_token(None, String::new()).unwrap(), None);
        assert_eq!(
            next_token(None, "p2".into()).unwrap().as_deref(),
            Some("p2")
        );
        assert!(next_token(Some("p2"), "p2".into()).is_err());
    }
}
