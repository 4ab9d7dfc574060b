//! The managed state: core's IPC [`Context`], which opens the app in the background while the
//! page loads.

use std::sync::Arc;
use std::time::Duration;

use kitbench_core::ipc::Context;
use kitbench_core::{KitbenchConfig, SecretsChoice};
use tauri::{AppHandle, Manager};

/// The data dir (`KITBENCH_DATA_DIR` or the platform's app-data dir) and secret storage
/// (`KITBENCH_SECRETS=session` keeps secrets in memory, for portable use).
pub fn config(app: &AppHandle) -> tauri::Result<KitbenchConfig> {
    let data_dir = match kitbench_core::data_dir_override() {
        Some(dir) => dir,
        None => app.path().app_data_dir()?,
    };
    let mut config = KitbenchConfig::new(data_dir);
    if std::env::var("KITBENCH_SECRETS").as_deref() == Ok("session") {
        config.secrets = SecretsChoice::SessionOnly;
    }
    log::info!("data dir: {}", config.data_dir.display());
    Ok(config)
}

/// Opens the app in the background (the page's first command waits for it).
pub fn spawn_init(handle: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let cx = handle.state::<Arc<Context>>().inner().clone();
        if cx.kit().await.is_ok() {
            kitbench_core::perf::mark("init_done");
            crate::links::register(&handle);
        }
    });
}

/// How long closing may take before the process ends anyway: a closed window must never
/// leave a process behind (the single-instance lock would swallow the next launch).
const SHUTDOWN_LIMIT: Duration = Duration::from_secs(8);

/// Stops the Sandbox and closes the database on exit.
pub async fn shutdown(handle: &AppHandle) {
    let Some(cx) = handle.try_state::<Arc<Context>>() else {
        return;
    };
    if let Some(app) = cx.ready() {
        if tokio::time::timeout(SHUTDOWN_LIMIT, app.shutdown())
            .await
            .is_err()
        {
            log::warn!("shutdown took over {SHUTDOWN_LIMIT:?}; exiting without waiting further");
        }
    }
}
