//! The authorization commands: start, list, cancel, reopen, the callback mode, and the
//! handling of a returning link (from the desktop or the loopback callback).

use std::sync::{Arc, Weak};

use agentkit::wire::connected_accounts::{AccountRef, MagicLinkRequest};

use super::Kitbench;
use crate::authorizations::loopback::{Handler, Reply};
use crate::authorizations::repo::{self, NewAuthorization};
use crate::authorizations::AuthorizationStatus as Status;
use crate::authorizations::{complete, state_token, Authorization, AuthorizationState};
use crate::environments::{self, CallbackMode, Environment};
use crate::ipc::Notifier;
use crate::links::{self, LinkOutcome, LinkOutcomeKind};
use crate::{Error, Result};

/// The expiry assumed until the API answers with its own (and if it gives none).
const DEFAULT_LIFETIME: chrono::Duration = chrono::Duration::minutes(10);

fn stamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl Kitbench {
    /// What the app keeps for authorizations besides the database.
    pub(crate) fn authorizations(&self) -> &AuthorizationState {
        &self.authorizations
    }

    /// Creates a magic link for `account_id`, records the authorization pending and opens the
    /// link in the browser. The answer carries the link (it is kept in memory only).
    pub async fn start_authorization(
        self: &Arc<Self>,
        env_id: &str,
        account_id: &str,
        notifier: &Notifier,
    ) -> Result<Authorization> {
        let env = environments::repo::get(self.store.pool(), env_id).await?;
        let client = self.client(env_id).await?;
        // Connection and identifier come from the API, not the UI: verify must use the
        // identifier the link was created for.
        let account = client
            .get_connected_account(&AccountRef::by_id(account_id))
            .await?;
        let state = state_token::new_state();
        let id = repo::new_id();
        let new = NewAuthorization {
            env_id: env.id.clone(),
            account_id: account.id.clone(),
            connection: account.connector.clone(),
            identifier: account.identifier.clone(),
            state_hash: state_token::hash(&state),
            callback_mode: env.callback_mode,
            expires_at: stamp(chrono::Utc::now() + DEFAULT_LIFETIME),
        };
        repo::insert(self.store.pool(), &id, &new).await?;
        match self.issue(&env, &id, &account.id, state, notifier).await {
            Ok(auth) => Ok(auth),
            Err(e) => {
                // No link exists for this row: it would only ever be an unusable pending one.
                repo::delete(self.store.pool(), &id).await?;
                self.authorizations
                    .loopback
                    .release_if_idle(self.store.pool())
                    .await?;
                Err(e)
            }
        }
    }

    /// Asks the API for the link of a pending row (created or reissued with `state`'s hash),
    /// keeps it in memory, opens it and reports the row.
    async fn issue(
        self: &Arc<Self>,
        env: &Environment,
        id: &str,
        account_id: &str,
        state: String,
        notifier: &Notifier,
    ) -> Result<Authorization> {
        let pool = self.store.pool();
        let verify_url = match env.callback_mode {
            CallbackMode::DeepLink => links::VERIFY_URL.to_string(),
            CallbackMode::Loopback => {
                let handler = loopback_handler(Arc::downgrade(self), notifier.clone());
                self.authorizations.loopback.ensure(pool, handler).await?
            }
        };
        let answer = self
            .client(&env.id)
            .await?
            .magic_link(&MagicLinkRequest {
                id: Some(account_id.to_string()),
                state: Some(state),
                user_verify_url: Some(verify_url),
                ..MagicLinkRequest::default()
            })
            .await?;
        let expiry = answer
            .expiry
            .unwrap_or_else(|| chrono::Utc::now() + DEFAULT_LIFETIME);
        let mut auth = repo::set_expiry(pool, id, &stamp(expiry)).await?;
        self.authorizations.links.put(id, &answer.link);
        self.open_link(&answer.link, notifier);
        auth.link = Some(answer.link);
        notifier.updated(&auth);
        Ok(auth)
    }

    /// Opens a magic link; a browser that does not start is not an error (the UI shows the
    /// link to copy). The link itself is never logged.
    fn open_link(&self, link: &str, notifier: &Notifier) {
        if let Err(e) = notifier.open_url(self.open_url_log.as_deref(), link) {
            tracing::warn!("the authorization link could not be opened: {e}");
        }
    }

    /// Pending authorizations first, then recent ones, newest first (at most 200). Pending
    /// ones whose time ran out are marked expired first.
    pub async fn list_authorizations(&self, env_id: Option<&str>) -> Result<Vec<Authorization>> {
        let pool = self.store.pool();
        repo::sweep_expired(pool).await?;
        let mut all = repo::list(pool, env_id).await?;
        for auth in &mut all {
            if auth.status == Status::Pending {
                auth.link = self.authorizations.links.get(&auth.id);
            }
        }
        Ok(all)
    }

    /// Cancels a pending authorization; one that has ended is a conflict.
    pub async fn cancel_authorization(
        &self,
        id: &str,
        notifier: &Notifier,
    ) -> Result<Authorization> {
        let pool = self.store.pool();
        // `claim` makes cancelling race-free against a link arriving at the same moment.
        if !repo::claim(pool, id).await? {
            let row = repo::get(pool, id).await?;
            return Err(Error::Conflict(format!(
                "This authorization has already ended ({}).",
                row.auth.status.as_str()
            )));
        }
        self.authorizations.links.forget(id);
        let auth = repo::finish(pool, id, Status::Cancelled, None).await?;
        self.authorizations.loopback.release_if_idle(pool).await?;
        notifier.updated(&auth);
        Ok(auth)
    }

    /// Opens an authorization's link again: the same link while it is pending, unexpired and
    /// still in memory; otherwise a fresh link (new state, new expiry) for the same account,
    /// which makes the authorization pending again. A verified one is a conflict.
    pub async fn reopen_authorization(
        self: &Arc<Self>,
        id: &str,
        notifier: &Notifier,
    ) -> Result<Authorization> {
        let pool = self.store.pool();
        repo::sweep_expired(pool).await?;
        let row = repo::get(pool, id).await?;
        if row.auth.status == Status::Verified {
            return Err(Error::Conflict(
                "This account was already authorized with this link.".into(),
            ));
        }
        let env = environments::repo::get(pool, &row.auth.env_id).await?;
        let pending = row.auth.status == Status::Pending && !row.used;
        if let Some(link) = self.authorizations.links.get(id).filter(|_| pending) {
            if row.auth.callback_mode == CallbackMode::Loopback {
                let handler = loopback_handler(Arc::downgrade(self), notifier.clone());
                self.authorizations.loopback.ensure(pool, handler).await?;
            }
            self.open_link(&link, notifier);
            let mut auth = row.auth;
            auth.link = Some(link);
            return Ok(auth);
        }
        if row.used && row.auth.status == Status::Pending {
            return Err(Error::Conflict(
                "A link for this authorization is being verified right now.".into(),
            ));
        }
        let state = state_token::new_state();
        let expires_at = stamp(chrono::Utc::now() + DEFAULT_LIFETIME);
        let hash = state_token::hash(&state);
        repo::reissue(pool, id, &hash, env.callback_mode, &expires_at).await?;
        match self
            .issue(&env, id, &row.auth.account_id, state, notifier)
            .await
        {
            Ok(auth) => Ok(auth),
            Err(e) => {
                let auth = repo::finish(pool, id, Status::Failed, Some(&e.to_string())).await?;
                self.authorizations.loopback.release_if_idle(pool).await?;
                notifier.updated(&auth);
                Err(e)
            }
        }
    }

    /// Sets how an environment's authorization links come back (new authorizations only).
    pub async fn set_callback_mode(&self, env_id: &str, mode: CallbackMode) -> Result<Environment> {
        let pool = self.store.pool();
        environments::repo::set_callback_mode(pool, env_id, mode).await?;
        environments::repo::get(pool, env_id).await
    }

    /// Handles a returning `kitbench://` link: parse (a malformed one is rejected with no
    /// call), match its state, verify; reports the authorization and answers the outcome.
    pub async fn handle_link(&self, raw: &str, notifier: &Notifier) -> LinkOutcome {
        let parsed = links::parse(raw);
        self.finish_link(parsed, notifier).await
    }

    async fn finish_link(
        &self,
        parsed: std::result::Result<links::Link, links::LinkError>,
        notifier: &Notifier,
    ) -> LinkOutcome {
        let link = match parsed {
            Ok(link) => link,
            Err(e) => {
                tracing::info!("link rejected: {e}");
                return LinkOutcome::rejected(e.to_string());
            }
        };
        let outcome = match complete(self, &link).await {
            Ok(outcome) => outcome,
            Err(e) => {
                tracing::error!("a link could not be completed: {e}");
                LinkOutcome {
                    kind: LinkOutcomeKind::Failed,
                    message: format!("The link could not be completed: {e}"),
                    authorization: None,
                }
            }
        };
        if let Err(e) = self
            .authorizations
            .loopback
            .release_if_idle(self.store.pool())
            .await
        {
            tracing::warn!("loopback callback not released: {e}");
        }
        if let Some(auth) = &outcome.authorization {
            notifier.updated(auth);
        }
        tracing::info!("link handled: {:?}", outcome.kind);
        outcome
    }
}

/// What the loopback listener runs for a request: the same path as a `kitbench://` link, then
/// the outcome goes to the UI like one. It holds the app weakly: the app owns the listener.
fn loopback_handler(kit: Weak<Kitbench>, notifier: Notifier) -> Handler {
    Arc::new(move |query: Option<String>| {
        let kit = kit.clone();
        let notifier = notifier.clone();
        Box::pin(async move {
            let Some(kit) = kit.upgrade() else {
                return Reply {
                    accepted: false,
                    message: "Kitbench is closing; start the authorization again.".into(),
                };
            };
            tracing::info!(
                "link received: loopback {}",
                crate::authorizations::loopback::PATH
            );
            let parsed = links::from_query(query.as_deref());
            let outcome = kit.finish_link(parsed, &notifier).await;
            let reply = match outcome.kind {
                LinkOutcomeKind::Verified | LinkOutcomeKind::Denied => Reply {
                    accepted: true,
                    message: "Kitbench received the authorization; you can close this tab.".into(),
                },
                LinkOutcomeKind::Rejected | LinkOutcomeKind::Failed => Reply {
                    accepted: false,
                    message: outcome.message.clone(),
                },
            };
            notifier.outcome(outcome);
            reply
        })
    })
}
