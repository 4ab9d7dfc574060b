//! The built-in Sandbox: started in-process on a loopback ephemeral port at launch, with an
//! environment named "Sandbox" whose credentials are generated once and kept like any secret.
//! Its fault knobs, as the Sandbox panel shows them, are in [`knobs`].

mod knobs;

pub use knobs::{SandboxKnobs, SandboxStatus};

use std::path::{Path, PathBuf};

use kitbench_sandbox::{Admin, RunningSandbox, SandboxConfig};
use rand::distr::{Alphanumeric, SampleString};
use serde::Serialize;
use tokio::sync::Mutex;
use ts_rs::TS;

use crate::environments::repo::{self, NewEnvironment};
use crate::environments::Label;
use crate::secrets::{SecretMode, Secrets};
use crate::store::Store;
use crate::{Error, Result};

/// The Sandbox environment's name.
pub const SANDBOX_NAME: &str = "Sandbox";

/// Where the Sandbox keeps its data, inside the data dir (a SQLite database; the Sandbox
/// imports the `state.json` of earlier versions beside it once).
pub fn data_file(data_dir: &Path) -> PathBuf {
    data_dir.join("sandbox").join("state.db")
}

/// The Sandbox as the UI sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "SandboxInfo.ts")]
pub struct SandboxInfo {
    /// The environment that points at it.
    pub env_id: String,
    /// `http://127.0.0.1:<port>`.
    pub url: String,
    /// Its data file.
    pub data_file: String,
    /// The PEM of the certificate its port answers TLS with (the SDKs' gRPC needs it).
    pub ca_file: String,
}

/// The running Sandbox and its environment.
pub struct SandboxHost {
    info: SandboxInfo,
    admin: Admin,
    running: Mutex<Option<RunningSandbox>>,
}

impl std::fmt::Debug for SandboxHost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxHost")
            .field("info", &self.info)
            .finish_non_exhaustive()
    }
}

impl SandboxHost {
    /// Starts the Sandbox and creates or updates its environment.
    pub async fn start(store: &Store, secrets: &Secrets, data_dir: &Path) -> Result<Self> {
        let pool = store.pool();
        let existing = repo::find_sandbox(pool).await?;
        let (env_id, client_id) = match &existing {
            Some(env) => (env.id.clone(), env.client_id.clone()),
            None => (
                repo::new_id(),
                format!("skc_sandbox_{}", random(16).to_lowercase()),
            ),
        };
        let secret = match secrets.get(&env_id).await {
            Ok(Some(s)) => s,
            // No secret (first run, or it is gone from the keychain): the Sandbox accepts
            // whatever it is started with, so a new one is as good as the old.
            Ok(None) | Err(_) => {
                let fresh = random(48);
                match secrets.mode() {
                    SecretMode::Keychain => secrets.set(&env_id, &fresh).await?,
                    SecretMode::Session | SecretMode::Unavailable => {
                        secrets.set_session(&env_id, &fresh)?
                    }
                }
                fresh
            }
        };
        let file = data_file(data_dir);
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
        }
        let config = SandboxConfig {
            client_id: client_id.clone(),
            client_secret: secret,
            data_file: Some(file.clone()),
            ..SandboxConfig::default()
        };
        let running = kitbench_sandbox::start(config)
            .await
            .map_err(|e| Error::Sandbox(e.to_string()))?;
        let url = running.url().to_string();
        match existing {
            Some(_) => repo::set_url(pool, &env_id, &url).await?,
            None => {
                let name = match repo::name_taken(pool, SANDBOX_NAME, None).await? {
                    true => repo::copy_name(pool, SANDBOX_NAME).await?,
                    false => SANDBOX_NAME.to_string(),
                };
                let new = NewEnvironment {
                    name,
                    env_url: url.clone(),
                    client_id,
                    label: Label::Sandbox,
                    is_sandbox: true,
                };
                repo::insert(pool, &env_id, &new).await?;
            }
        }
        tracing::info!(%url, "built-in Sandbox started");
        Ok(Self {
            info: SandboxInfo {
                env_id,
                url,
                data_file: file.display().to_string(),
                ca_file: running.ca_file().display().to_string(),
            },
            admin: running.admin(),
            running: Mutex::new(Some(running)),
        })
    }

    /// Its environment's id.
    pub fn env_id(&self) -> &str {
        &self.info.env_id
    }

    /// Its URL.
    pub fn url(&self) -> &str {
        &self.info.url
    }

    /// What the UI shows.
    pub fn info(&self) -> SandboxInfo {
        self.info.clone()
    }

    /// The admin handle (faults, reset, counts).
    pub fn admin(&self) -> &Admin {
        &self.admin
    }

    /// The secret it accepts (while it runs), to build its client without a keychain trip.
    pub async fn client_secret(&self) -> Option<String> {
        self.running
            .lock()
            .await
            .as_ref()
            .map(|r| r.client_secret().to_string())
    }

    /// Stops it gracefully (its data is saved); later calls do nothing.
    pub async fn shutdown(&self) {
        if let Some(running) = self.running.lock().await.take() {
            running.shutdown().await;
        }
    }
}

fn random(len: usize) -> String {
    Alphanumeric.sample_string(&mut rand::rng(), len)
}
