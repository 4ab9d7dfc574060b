//! The main window: restore its size at start, remember it when it changes.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use std::path::Path;

use kitbench_core::settings::{self, WindowState};
use tauri::{AppHandle, LogicalSize, Manager, Window, WindowEvent};

use kitbench_core::ipc::Context;

const MAIN: &str = "main";

/// Resizes arrive in bursts while dragging: only the last one of each burst is saved.
static RESIZE_GENERATION: AtomicU64 = AtomicU64::new(0);
const SAVE_AFTER: Duration = Duration::from_millis(500);

/// Brings the window forward (a second launch was started).
pub fn focus(app: &AppHandle) {
    if let Some(w) = app.get_webview_window(MAIN) {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
}

/// Applies the saved size (read straight from the database, a few ms) and shows the window
/// before the app finishes opening: the web view paints while the data loads. The window
/// starts hidden so it never jumps from the default size to the saved one.
pub fn restore_and_show(app: &AppHandle, data_dir: &Path) {
    let Some(w) = app.get_webview_window(MAIN) else {
        return;
    };
    if let Some(s) = tauri::async_runtime::block_on(settings::peek_window(data_dir)) {
        let _ = w.set_size(LogicalSize::new(s.width, s.height));
        let _ = w.center();
        if s.maximized {
            let _ = w.maximize();
        }
    }
    if let Err(e) = w.show() {
        log::error!("cannot show the window: {e}");
    }
}

/// Window events: saves the size shortly after the last resize.
pub fn on_event(window: &Window, event: &WindowEvent) {
    if window.label() != MAIN || !matches!(event, WindowEvent::Resized(_)) {
        return;
    }
    let generation = RESIZE_GENERATION.fetch_add(1, Ordering::SeqCst) + 1;
    let window = window.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(SAVE_AFTER).await;
        if RESIZE_GENERATION.load(Ordering::SeqCst) != generation
            || !window.is_visible().unwrap_or(false)
        {
            return;
        }
        let Some(kit) = window.state::<std::sync::Arc<Context>>().ready() else {
            return;
        };
        let (Ok(size), Ok(scale)) = (window.inner_size(), window.scale_factor()) else {
            return;
        };
        let logical = size.to_logical::<f64>(scale);
        let state = WindowState {
            width: logical.width,
            height: logical.height,
            maximized: window.is_maximized().unwrap_or(false),
        };
        if let Err(e) = kit.save_window_state(&state).await {
            log::warn!("window size not saved: {e}");
        }
    });
}
