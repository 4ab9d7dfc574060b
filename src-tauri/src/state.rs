//! The managed state: a [`Kitbench`] opened once, in the background, while the page loads.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use kitbench_core::{IpcError, Kitbench, KitbenchConfig, SecretsChoice};
use tauri::{AppHandle, Manager};
use tokio::sync::OnceCell;

/// Holds the app once it is open; commands wait for it.
pub struct AppState {
    config: Mutex<Option<KitbenchConfig>>,
    app: OnceCell<Result<Arc<Kitbench>, IpcError>>,
}

impl AppState {
    /// State that will open `config` on first use.
    pub fn new(config: KitbenchConfig) -> Self {
        Self {
            config: Mutex::new(Some(config)),
            app: OnceCell::new(),
        }
    }

    /// The open app (opening it if nobody has yet); every caller gets the same result.
    pub async fn get(&self) -> Result<Arc<Kitbench>, IpcError> {
        self.app
            .get_or_init(|| async {
                let config = self.config.lock().unwrap_or_else(|p| p.into_inner()).take();
                let config = config.expect("the config is taken only once, inside get_or_init");
                Kitbench::open(config).await.map(Arc::new).map_err(|e| {
                    log::error!("Kitbench could not open its data: {e}");
                    IpcError::from(e)
                })
            })
            .await
            .clone()
    }

    /// The app if it has finished opening.
    pub fn ready(&self) -> Option<Arc<Kitbench>> {
        self.app.get().and_then(|r| r.as_ref().ok()).cloned()
    }
}

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
        let state = handle.state::<AppState>();
        if state.get().await.is_ok() {
            crate::perf::mark("init_done");
            crate::links::register(&handle);
        }
    });
}

/// How long closing may take before the process ends anyway: a closed window must never
/// leave a process behind (the single-instance lock would swallow the next launch).
const SHUTDOWN_LIMIT: Duration = Duration::from_secs(8);

/// Stops the Sandbox and closes the database on exit.
pub async fn shutdown(handle: &AppHandle) {
    if let Some(app) = handle.try_state::<AppState>().and_then(|s| s.ready()) {
        if tokio::time::timeout(SHUTDOWN_LIMIT, app.shutdown())
            .await
            .is_err()
        {
            log::warn!("shutdown took over {SHUTDOWN_LIMIT:?}; exiting without waiting further");
        }
    }
}
