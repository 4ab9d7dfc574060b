//! Shared set-up: a Kitbench over a temp data dir.
#![allow(dead_code)]

pub mod accounts;
pub mod auth;
pub mod history;
pub mod ipc;
pub mod mcp;

use std::sync::Arc;

use kitbench_core::environments::{EnvironmentInput, Label};
use kitbench_core::secrets::MemoryStore;
use kitbench_core::{Kitbench, KitbenchConfig, SecretsChoice};
use tempfile::TempDir;

/// An app over a fresh temp dir, secrets in memory (the keychain has its own tests).
pub async fn app(sandbox: bool) -> (Kitbench, TempDir, Arc<MemoryStore>) {
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemoryStore::default());
    let app = reopen(&dir, sandbox, secrets.clone()).await;
    (app, dir, secrets)
}

/// Opens the app again on the same dir and secret store (a restart).
pub async fn reopen(dir: &TempDir, sandbox: bool, secrets: Arc<MemoryStore>) -> Kitbench {
    let config = KitbenchConfig {
        data_dir: dir.path().to_path_buf(),
        secrets: SecretsChoice::Store(secrets),
        sandbox,
        // Tests read the links the app "opens" from here (see `opened_urls`).
        open_url_log: Some(opened_log(dir)),
    };
    Kitbench::open(config).await.unwrap()
}

/// Where the app writes the URLs it would open in a browser.
pub fn opened_log(dir: &TempDir) -> std::path::PathBuf {
    dir.path().join("opened-urls.log")
}

/// The URLs the app has opened so far, oldest first.
pub fn opened_urls(dir: &TempDir) -> Vec<String> {
    std::fs::read_to_string(opened_log(dir))
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect()
}

/// A form for an environment at `url`.
pub fn input(name: &str, url: &str, client_id: &str, secret: &str) -> EnvironmentInput {
    EnvironmentInput {
        name: name.into(),
        env_url: url.into(),
        client_id: client_id.into(),
        client_secret: Some(secret.into()),
        label: Label::Staging,
    }
}

/// Every byte the database keeps on disk (main file, WAL and shared memory).
pub fn database_bytes(dir: &TempDir) -> Vec<u8> {
    let mut all = Vec::new();
    for name in ["kitbench.db", "kitbench.db-wal", "kitbench.db-shm"] {
        if let Ok(bytes) = std::fs::read(dir.path().join(name)) {
            all.extend(bytes);
        }
    }
    all
}

/// Whether `needle` occurs in `hay`.
pub fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}
