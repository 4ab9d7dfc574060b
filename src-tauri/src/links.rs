//! `kitbench://` deep links: registered with the desktop at runtime on Linux, handed to core,
//! which parses and completes them and sends the outcome to the UI (or keeps it until the UI
//! asks). Anyone can hand the app a URL, so only the scheme is checked here; core checks the rest.

use std::sync::Arc;

use kitbench_core::ipc::Context;
use tauri::{App, AppHandle, Manager};
use tauri_plugin_deep_link::DeepLinkExt;

/// How long after start-up the scheme is registered.
#[cfg(target_os = "linux")]
const REGISTER_AFTER: std::time::Duration = std::time::Duration::from_secs(3);

/// Subscribes to links that arrive while running, and delivers the one that started the app.
pub fn setup(app: &App) -> tauri::Result<()> {
    let handle = app.handle().clone();
    app.deep_link().on_open_url(move |event| {
        for url in event.urls() {
            deliver(&handle, url.as_str());
        }
    });
    if let Ok(Some(urls)) = app.deep_link().get_current() {
        for url in urls {
            deliver(app.handle(), url.as_str());
        }
    }
    Ok(())
}

fn deliver(app: &AppHandle, url: &str) {
    if !url.starts_with("kitbench:") {
        return;
    }
    // Links may carry one-time codes: log the scheme only.
    log::info!("deep link received");
    crate::window::focus(app);
    let cx = app.state::<Arc<Context>>().inner().clone();
    let url = url.to_string();
    // Core handles the link in a tokio task: deliver it from inside Tauri's runtime (this
    // callback may run on the event loop's thread, outside any runtime).
    tauri::async_runtime::spawn(async move { cx.deliver_link(&url) });
}

/// Registers the `kitbench` scheme with the desktop (a .desktop handler + xdg-mime on Linux).
/// It starts several processes (xdg-mime is a shell script), so it waits until start-up is
/// over and runs off the main thread: on two cores it would otherwise delay the first paint.
pub fn register(app: &AppHandle) {
    #[cfg(target_os = "linux")]
    {
        let app = app.clone();
        std::thread::spawn(move || {
            std::thread::sleep(REGISTER_AFTER);
            if let Err(e) = app.deep_link().register_all() {
                log::warn!("kitbench:// links not registered with the desktop: {e}");
            }
        });
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}
