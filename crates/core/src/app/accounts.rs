//! Connections and connected accounts: the commands behind the Connections and Accounts screens.

use agentkit::wire::connected_accounts::{
    AccountRef, CreateConnectedAccountRequest, UpdateConnectedAccountRequest,
};
use agentkit::Client;

use super::Kitbench;
use crate::accounts::{
    Account, AccountAuth, AccountFilter, AccountInput, AccountPage, AccountUpdate,
    BulkDeleteProgress, BulkResult,
};
use crate::connections::{self, Connection, ConnectionPage};
use crate::environments::{repo, Label};
use crate::{Error, Result};

/// An account id as the API allows it (`ca_…`, at most 32 characters), else a field error on
/// `account_id`: a typo is caught here, not as a 400 from the server.
fn checked_id(id: &str) -> Result<&str> {
    let id = id.trim();
    if id.starts_with("ca_") && id.len() <= 32 {
        return Ok(id);
    }
    Err(Error::invalid(
        "account_id",
        "An account id looks like ca_… (at most 32 characters).",
    ))
}

impl Kitbench {
    /// One page (30) of the environment's connections; `query` (3–100 characters, else a field
    /// error on `query`) matches the name or provider on the server.
    pub async fn list_connections(
        &self,
        env_id: &str,
        query: Option<&str>,
        page_token: Option<&str>,
    ) -> Result<ConnectionPage> {
        let query = connections::checked_query(query)?;
        let client = self.client(env_id).await?;
        connections::list(&client, query.as_deref(), page_token).await
    }

    /// The connection named `name` (its `key_id`).
    pub async fn get_connection(&self, env_id: &str, name: &str) -> Result<Connection> {
        let client = self.client(env_id).await?;
        connections::get(&client, name).await
    }

    /// One page (99, the API's most) of accounts matching `filter`. One call: the list never
    /// walks further pages; `total_size` says how many match.
    pub async fn list_accounts(
        &self,
        env_id: &str,
        filter: &AccountFilter,
        page_token: Option<&str>,
    ) -> Result<AccountPage> {
        let req = filter.to_request(page_token)?;
        let page = self
            .client(env_id)
            .await?
            .list_connected_accounts(&req)
            .await?;
        Ok(AccountPage {
            accounts: page
                .connected_accounts
                .into_iter()
                .map(Into::into)
                .collect(),
            total_size: page.total_size,
            next_page_token: Some(page.next_page_token).filter(|t| !t.is_empty()),
        })
    }

    /// One account in full (`GetConnectedAccountDetails`), without credentials.
    pub async fn get_account(&self, env_id: &str, account_id: &str) -> Result<Account> {
        let id = checked_id(account_id)?;
        let client = self.client(env_id).await?;
        details(&client, id).await
    }

    /// The account's credentials (`GetConnectedAccountAuth`), for the user who asked to see
    /// them. Not logged, not stored, not cached.
    pub async fn get_account_auth(&self, env_id: &str, account_id: &str) -> Result<AccountAuth> {
        let id = checked_id(account_id)?;
        let client = self.client(env_id).await?;
        let account = client.get_connected_account(&AccountRef::by_id(id)).await?;
        Ok(AccountAuth::from(&account))
    }

    /// Creates an account: OAuth connections give a `PENDING_AUTH` account to authorize next;
    /// API key, bearer and basic connections an `ACTIVE` one with the given credentials. The
    /// form is checked first (and the credentials against the connection's type); the create
    /// itself is sent once, never retried.
    pub async fn create_account(&self, env_id: &str, input: &AccountInput) -> Result<Account> {
        let (connection, identifier, wire) = input.checked()?;
        let client = self.client(env_id).await?;
        check_connection(&client, &connection, input).await?;
        let created = client
            .create_connected_account(&CreateConnectedAccountRequest {
                connector: Some(connection),
                identifier: Some(identifier),
                connected_account: Some(wire),
                ..Default::default()
            })
            .await?;
        Ok(Account::from(&created))
    }

    /// The account of the input's identifier on its connection, created when missing (as
    /// [`Kitbench::create_account`]); when it exists and the input carries credentials, they
    /// replace the stored ones.
    pub async fn get_or_create_account(
        &self,
        env_id: &str,
        input: &AccountInput,
    ) -> Result<Account> {
        let (connection, identifier, wire) = input.checked()?;
        let client = self.client(env_id).await?;
        check_connection(&client, &connection, input).await?;
        let account = client
            .get_or_create_connected_account(&connection, &identifier, Some(wire))
            .await?;
        Ok(Account::from(&account))
    }

    /// Replaces an account's credentials (of the kind it takes) and/or API config.
    pub async fn update_account(
        &self,
        env_id: &str,
        account_id: &str,
        update: &AccountUpdate,
    ) -> Result<Account> {
        let id = checked_id(account_id)?;
        let wire = update.checked()?;
        let client = self.client(env_id).await?;
        if let Some(credentials) = &update.credentials {
            let current = details(&client, id).await?;
            credentials.check_kind(&current.row.auth_type, "This account")?;
        }
        let updated = client
            .update_connected_account(&UpdateConnectedAccountRequest {
                id: Some(id.to_string()),
                connected_account: Some(wire),
                ..Default::default()
            })
            .await?;
        Ok(Account::from(&updated))
    }

    /// Deletes an account (sent once, never retried). In an environment labelled production,
    /// `confirm_identifier` must be the account's identifier, else a field error on
    /// `confirm_identifier` and nothing is deleted.
    pub async fn delete_account(
        &self,
        env_id: &str,
        account_id: &str,
        confirm_identifier: Option<&str>,
    ) -> Result<()> {
        let id = checked_id(account_id)?;
        let env = repo::get(self.store.pool(), env_id).await?;
        let client = self.client(env_id).await?;
        if env.label == Label::Production {
            let account = details(&client, id).await?;
            if confirm_identifier.map(str::trim) != Some(account.row.identifier.as_str()) {
                return Err(Error::invalid(
                    "confirm_identifier",
                    format!(
                        "This is a production environment: type the account's identifier \
                         ({}) to delete it.",
                        account.row.identifier
                    ),
                ));
            }
        }
        Ok(client
            .delete_connected_account(&AccountRef::by_id(id))
            .await?)
    }

    /// Deletes `account_ids` one at a time (each sent once, never retried), calling
    /// `on_progress` after each, and answers one result per id in order: a failure is that
    /// row's error, the others go on. The UI has the user confirm the count beforehand.
    pub async fn delete_accounts(
        &self,
        env_id: &str,
        account_ids: &[String],
        on_progress: impl Fn(BulkDeleteProgress),
    ) -> Result<Vec<BulkResult>> {
        let client = self.client(env_id).await?;
        let total = u32::try_from(account_ids.len()).unwrap_or(u32::MAX);
        let mut results = Vec::with_capacity(account_ids.len());
        for (done, id) in (1..).zip(account_ids) {
            let outcome = match checked_id(id) {
                Ok(id) => client
                    .delete_connected_account(&AccountRef::by_id(id))
                    .await
                    .map_err(Error::from),
                Err(e) => Err(e),
            };
            results.push(BulkResult::of(id, outcome));
            on_progress(BulkDeleteProgress {
                env_id: env_id.to_string(),
                done,
                total,
            });
        }
        Ok(results)
    }
}

async fn details(client: &Client, id: &str) -> Result<Account> {
    let account = client
        .get_connected_account_details(&AccountRef::by_id(id))
        .await?;
    Ok(Account::from(&account))
}

/// The connection must exist and take the kind of credentials the form carries.
async fn check_connection(client: &Client, name: &str, input: &AccountInput) -> Result<()> {
    let connection = match connections::get(client, name).await {
        Ok(c) => c,
        Err(Error::NotFound(_)) => {
            return Err(Error::invalid(
                "connection",
                format!("There is no connection named \"{name}\"."),
            ))
        }
        Err(e) => return Err(e),
    };
    let whose = format!("The connection \"{name}\"");
    input.credentials.check_kind(&connection.auth_type, &whose)
}
