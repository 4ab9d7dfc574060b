//! `kitbench://` deep links: registered with the desktop at runtime on Linux, handed to core,
//! which parses and completes them and sends the outcome to the UI (or keeps it until the UI
//! asks). Anyone can hand the app a URL, so only the scheme is checked here; core checks the rest.
//!
//! Installed packages declare the scheme in their own desktop entry (packaging/, `make package`);
//! a development build has none, so it registers the scheme at run time. The bundler marks the
//! binary it puts in a .deb or .rpm (not the one in the target dir), which is how they differ.

use std::sync::Arc;

use kitbench_core::ipc::Context;
use tauri::{App, AppHandle, Manager};
use tauri_plugin_deep_link::DeepLinkExt;

/// The URL scheme the app handles (also `plugins.deep-link.desktop.schemes` in tauri.conf.json).
const SCHEME: &str = "kitbench";

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
    if url.split_once(':').map(|(scheme, _)| scheme) != Some(SCHEME) {
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
        use tauri::utils::{config::BundleType, platform::bundle_type};
        if let Some(kind @ (BundleType::Deb | BundleType::Rpm)) = bundle_type() {
            log::info!("{SCHEME}:// links: the {kind:?} package's desktop entry declares them");
            return;
        }
        let app = app.clone();
        std::thread::spawn(move || {
            std::thread::sleep(REGISTER_AFTER);
            match desktop::register(&app) {
                Ok(file) => log::info!("{SCHEME}:// links registered with the desktop ({file})"),
                Err(e) => log::warn!("{SCHEME}:// links not registered with the desktop: {e}"),
            }
        });
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}

/// Our own handler entry instead of tauri-plugin-deep-link's `register_all()`: that one writes
/// `Exec="/path/to/kitbench" %u`, which GIO (`gio open`, Firefox) runs but xdg-utils' generic
/// `xdg-open` (Chrome on desktops without their own opener) does not. xdg-open reads the Exec
/// line with the shell's `read first rest` (backslashes handled, quotes not), looks the first
/// word up with `which` and splits the rest on blanks: a quoted path is looked up quotes and
/// all, and it runs nothing. So the path is written bare whenever the Desktop Entry spec allows
/// (no reserved character), which both openers read the same way, and quoted per the spec only
/// when it must be (then only GIO can run it, and the log says so).
#[cfg(target_os = "linux")]
mod desktop;
