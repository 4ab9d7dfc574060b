//! The bridge from Tauri's IPC to `kitbench_core::ipc`: one invoke handler for every declared
//! command, and a [`Host`] that turns core's events into Tauri events.

use std::path::PathBuf;
use std::sync::Arc;

use kitbench_core::ipc::{self, Context, Emit, Host};
use tauri::ipc::{Invoke, InvokeBody, InvokeError};
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tauri_plugin_opener::OpenerExt;

/// The Tauri side of [`Host`].
pub struct TauriHost<R: Runtime>(pub AppHandle<R>);

impl<R: Runtime> Host for TauriHost<R> {
    fn emit(&self, event: Emit) {
        if let Err(e) = self.0.emit(event.name, event.payload) {
            log::warn!("event {} not delivered to the UI: {e}", event.name);
        }
    }

    fn downloads_dir(&self) -> Option<PathBuf> {
        self.0.path().download_dir().ok()
    }

    fn open_url(&self, url: &str) -> std::io::Result<()> {
        self.0
            .opener()
            .open_url(url, None::<&str>)
            .map_err(std::io::Error::other)
    }
}

/// Answers every call of a declared command through [`ipc::dispatch`]. Tauri has already
/// checked the window's permission for the command (see build.rs); anything undeclared is left
/// to Tauri, which answers that the command does not exist.
pub fn handle<R: Runtime>(invoke: Invoke<R>) -> bool {
    let command = invoke.message.command();
    let Some(name) = ipc::COMMANDS.iter().copied().find(|c| *c == command) else {
        return false;
    };
    let args = match invoke.message.payload() {
        InvokeBody::Json(v) => v.clone(),
        InvokeBody::Raw(_) => {
            invoke.resolver.reject("Commands take JSON arguments.");
            return true;
        }
    };
    let cx: Arc<Context> = invoke
        .message
        .webview()
        .state::<Arc<Context>>()
        .inner()
        .clone();
    invoke.resolver.respond_async(async move {
        ipc::dispatch(&cx, name, args)
            .await
            .map_err(InvokeError::from)
    });
    true
}
