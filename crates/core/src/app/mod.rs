//! [`Kitbench`]: the app's state and every command body, as plain async methods (the Tauri
//! commands in `src-tauri` only forward to these, so they are tested without a window).

mod accounts;
mod authorizations;
mod environments;
mod history;
mod mcp;
mod mcp_inspector;
mod playground;
mod sandbox;
mod validate;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use agentkit::Client;
use serde::Serialize;
use ts_rs::TS;

use crate::authorizations::AuthorizationState;
use crate::clients::ClientCache;
use crate::environments::{repo, Environment};
use crate::history::History;
use crate::sandbox_host::{SandboxHost, SandboxInfo};
use crate::secrets::{SecretStatus, SecretStore, Secrets};
use crate::settings::{self, WindowState};
use crate::store::Store;
use crate::{overview, Error, Result};

/// Where secrets go, chosen at start.
#[derive(Debug, Clone, Default)]
pub enum SecretsChoice {
    /// The OS keychain if one answers, else "unavailable" until the user opts into session-only.
    #[default]
    Detect,
    /// Memory only (portable mode, tests).
    SessionOnly,
    /// A given store (tests use a keychain under their own service name).
    Store(Arc<dyn SecretStore>),
}

/// How to open the app.
#[derive(Debug, Clone)]
pub struct KitbenchConfig {
    /// Holds `kitbench.db` and the Sandbox's data.
    pub data_dir: PathBuf,
    /// Where secrets go.
    pub secrets: SecretsChoice,
    /// Start the built-in Sandbox (off only in tests that do not need it).
    pub sandbox: bool,
    /// Append URLs the app would open in the browser to this file instead (tests, E2E);
    /// `KITBENCH_OPEN_URL_LOG` by default. See [`crate::opener`].
    pub open_url_log: Option<PathBuf>,
}

impl KitbenchConfig {
    /// The defaults for a data dir: detect the keychain, start the Sandbox.
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Self {
            data_dir: data_dir.into(),
            secrets: SecretsChoice::Detect,
            sandbox: true,
            open_url_log: crate::opener::log_from_env(),
        }
    }
}

/// `KITBENCH_DATA_DIR`, which overrides the platform's app-data dir (tests, portable use).
pub fn data_dir_override() -> Option<PathBuf> {
    std::env::var_os("KITBENCH_DATA_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// What the UI needs on start, in one call.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "Bootstrap.ts")]
pub struct Bootstrap {
    /// App version.
    pub version: String,
    /// Where the database lives.
    pub data_dir: String,
    /// Every environment.
    pub environments: Vec<Environment>,
    /// The active environment.
    pub active_env_id: Option<String>,
    /// The section to open (`overview` when unset).
    pub last_section: Option<String>,
    /// Where secrets are kept; a banner unless the keychain.
    pub secrets: SecretStatus,
    /// The built-in Sandbox, when it runs.
    pub sandbox: Option<SandboxInfo>,
    /// Why the Sandbox is not running, if it failed to start.
    pub sandbox_error: Option<String>,
}

/// The app.
#[derive(Debug)]
pub struct Kitbench {
    store: Store,
    secrets: Secrets,
    clients: ClientCache,
    sandbox: Option<SandboxHost>,
    sandbox_error: Option<String>,
    data_dir: PathBuf,
    breakdowns: overview::BreakdownCache,
    authorizations: AuthorizationState,
    open_url_log: Option<PathBuf>,
    schemas: crate::tools::SchemaCache,
    runs: crate::tools::RunRegistry,
    history: History,
    inspector: crate::mcp::inspector::Inspector,
}

impl Kitbench {
    /// Opens the store (running migrations), sets up secrets, starts the Sandbox and makes it
    /// the active environment on first run. A Sandbox that fails to start is reported in
    /// [`Bootstrap::sandbox_error`], not as an error: the rest of the app still works.
    pub async fn open(config: KitbenchConfig) -> Result<Self> {
        let store = Store::open(&config.data_dir).await?;
        let history = History::start(store.pool().clone()).await?;
        let secrets = match config.secrets {
            SecretsChoice::Detect => Secrets::detect().await,
            SecretsChoice::SessionOnly => Secrets::session_only(),
            SecretsChoice::Store(s) => Secrets::new(s),
        };
        let (sandbox, sandbox_error) = if config.sandbox {
            match SandboxHost::start(&store, &secrets, &config.data_dir).await {
                Ok(host) => (Some(host), None),
                Err(e) => {
                    tracing::error!("the built-in Sandbox did not start: {e}");
                    (None, Some(e.to_string()))
                }
            }
        } else {
            (None, None)
        };
        let app = Self {
            store,
            secrets,
            clients: ClientCache::recording(history.sink().clone()),
            sandbox,
            sandbox_error,
            data_dir: config.data_dir,
            breakdowns: overview::BreakdownCache::default(),
            authorizations: AuthorizationState::default(),
            open_url_log: config.open_url_log,
            schemas: Default::default(),
            runs: Default::default(),
            history,
            inspector: Default::default(),
        };
        app.repair_active().await?;
        app.prewarm_sandbox_client().await;
        Ok(app)
    }

    /// Builds the Sandbox's client now, from the secret in hand: the first overview then skips
    /// a keychain round trip and the client's TLS set-up (about 90 ms on a debug build).
    async fn prewarm_sandbox_client(&self) {
        let Some(host) = &self.sandbox else { return };
        let seen = self.clients.generation();
        let (Ok(env), Some(secret)) = (
            repo::get(self.store.pool(), host.env_id()).await,
            host.client_secret().await,
        ) else {
            return;
        };
        if let Err(e) = self.clients.get_or_build(&env, &secret, seen) {
            tracing::warn!("Sandbox client not prepared: {e}");
        }
    }

    /// Stops the Sandbox (saving its data) and closes the database.
    pub async fn shutdown(&self) {
        self.breakdowns.clear();
        self.clients.clear();
        if let Some(s) = &self.sandbox {
            s.shutdown().await;
        }
        if let Err(e) = self.history.flush().await {
            tracing::warn!("history not flushed at shutdown: {e}");
        }
        self.store.close().await;
    }

    /// The database.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The secret store.
    pub fn secrets(&self) -> &Secrets {
        &self.secrets
    }

    /// The data dir.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The active environment falls back to the Sandbox (then the first one) when unset or gone.
    async fn repair_active(&self) -> Result<()> {
        let pool = self.store.pool();
        if let Some(id) = settings::active_env(pool).await? {
            if repo::find(pool, &id).await?.is_some() {
                return Ok(());
            }
        }
        let fallback = match &self.sandbox {
            Some(s) => Some(s.env_id().to_string()),
            None => repo::list(pool).await?.first().map(|e| e.id.clone()),
        };
        settings::set_active_env(pool, fallback.as_deref()).await
    }

    /// Everything the UI shows first.
    pub async fn bootstrap(&self) -> Result<Bootstrap> {
        let pool = self.store.pool();
        Ok(Bootstrap {
            version: env!("CARGO_PKG_VERSION").to_string(),
            data_dir: self.data_dir.display().to_string(),
            environments: repo::list(pool).await?,
            active_env_id: settings::active_env(pool).await?,
            last_section: settings::last_section(pool).await?,
            secrets: self.secrets.status(),
            sandbox: self.sandbox.as_ref().map(SandboxHost::info),
            sandbox_error: self.sandbox_error.clone(),
        })
    }

    /// Where secrets are kept.
    pub fn secret_status(&self) -> SecretStatus {
        self.secrets.status()
    }

    /// The user chose to keep secrets in memory for this session.
    pub fn use_session_secrets(&self) -> SecretStatus {
        self.secrets.use_session()
    }

    /// Remembers the section the UI shows.
    pub async fn set_last_section(&self, section: &str) -> Result<()> {
        if section.is_empty() || section.len() > 64 {
            return Err(Error::invalid("section", "Unknown section."));
        }
        settings::set_last_section(self.store.pool(), section).await
    }

    /// The saved window size, if any.
    pub async fn window_state(&self) -> Result<Option<WindowState>> {
        settings::window(self.store.pool()).await
    }

    /// Saves the window size.
    pub async fn save_window_state(&self, state: &WindowState) -> Result<()> {
        if state.is_sane() {
            settings::set_window(self.store.pool(), state).await?;
        }
        Ok(())
    }

    /// A client for an environment (cached; reads the secret from the keychain when building).
    pub async fn client(&self, env_id: &str) -> Result<Client> {
        // Every edit or delete of an environment drops its client, so a cached one is current:
        // no database read on the path of every call.
        if let Some(c) = self.clients.by_id(env_id) {
            return Ok(c);
        }
        let seen = self.clients.generation();
        let env = repo::get(self.store.pool(), env_id).await?;
        let secret = self
            .secrets
            .get(&env.id)
            .await?
            .ok_or_else(|| Error::SecretMissing(env.name.clone()))?;
        self.clients.get_or_build(&env, &secret, seen)
    }

    /// Live counts of an environment (totals only: a few calls whatever its size).
    pub async fn overview(&self, env_id: &str) -> Result<overview::Overview> {
        let client = self.client(env_id).await?;
        overview::fetch(env_id, &client).await
    }

    /// The connected accounts by status: the cached breakdown now (`None` if there is none
    /// yet), and, when `refresh` is set or nothing complete is cached, a background walk of every
    /// page that reports through `on_progress` (throttled, then once at the end). One walk runs
    /// per environment at a time: a call during a walk starts nothing and its `on_progress` is
    /// not called.
    pub async fn overview_breakdown(
        &self,
        env_id: &str,
        refresh: bool,
        on_progress: impl Fn(overview::OverviewProgress) + Send + Sync + 'static,
    ) -> Result<Option<overview::Breakdown>> {
        if !self.breakdowns.needs_walk(env_id, refresh) {
            return Ok(self.breakdowns.get(env_id));
        }
        let client = self.client(env_id).await?;
        Ok(self.breakdowns.start(env_id, refresh, client, on_progress))
    }
}
