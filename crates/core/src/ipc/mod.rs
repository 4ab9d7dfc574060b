//! The IPC surface, declared once in `surface.rs`.
//!
//! From that table come: [`dispatch`] (the one entry point the desktop shell's invoke handler
//! calls), [`COMMANDS`] (and, in `src-tauri/build.rs`, a permission per command), typed event
//! constructors in [`event`], and `ui/src/bindings/ipc.ts` (written by
//! `cargo run -p kitbench-core --bin gen-bindings`). A command is one line in the table plus
//! the `Kitbench` method it calls. Tests call [`dispatch`] with the JSON the UI would send, over
//! a [`Context`] whose [`Host`] records what the backend emitted.

#[macro_use]
mod declare;
mod context;
mod notifier;
mod types;
mod typescript;

use std::path::Path;

use serde::Serialize;

pub use context::{Context, Emit, Host};
pub use notifier::Notifier;
pub use types::export_types;

use crate::accounts::{
    Account, AccountAuth, AccountFilter, AccountInput, AccountPage, AccountUpdate,
    BulkDeleteProgress, BulkResult,
};
use crate::authorizations::Authorization;
use crate::connection_test::ConnectionTest;
use crate::connections::{Connection, ConnectionPage};
use crate::environments::{CallbackMode, Environment, EnvironmentInput, Label};
use crate::error::{ErrorKind, FieldError, IpcError};
use crate::history::{
    BodyChunk, BodyPart, CopyStyle, ExportFormat, HistoryEntry, HistoryFilter, HistoryPage,
    HistoryReplay, HistoryRetention, HistoryRow,
};
use crate::links::LinkOutcome;
use crate::mcp::{
    InspectorCallInput, InspectorCallResult, InspectorConnectInput, InspectorContent,
    InspectorMessage, InspectorPromptResult, InspectorSession, McpConfigInput, McpConfigPage,
    McpConfigView, McpConnectionState, McpInstanceFilter, McpInstancePage, McpInstanceView,
    McpSnippet,
};
use crate::overview::{Breakdown, Overview, OverviewProgress};
use crate::sandbox_host::{SandboxKnobs, SandboxStatus};
use crate::secrets::SecretStatus;
use crate::tools::{
    Preset, PresetInput, ProxyAnswer, ProxyInput, ScopedToolPage, ToolInfo, ToolListFilter,
    ToolPage, ToolRunInput, ToolRunResult, ToolSearchHit,
};
use crate::Bootstrap;

include!("surface.rs");

// IpcError is the answer the shell serializes as is; boxing it here would only move the copy.
#[allow(clippy::result_large_err)]
fn parse_args<T: serde::de::DeserializeOwned>(
    command: &str,
    args: serde_json::Value,
) -> Result<T, IpcError> {
    // Tauri sends `{}` for a call without arguments; anything but an object is a caller bug.
    let args = match args {
        serde_json::Value::Null => serde_json::Value::Object(Default::default()),
        other => other,
    };
    serde_json::from_value(args).map_err(|e| IpcError {
        kind: ErrorKind::Internal,
        message: format!("The app called \"{command}\" with arguments it does not take: {e}"),
        fields: Vec::new(),
        detail: None,
    })
}

// IpcError is the answer the shell serializes as is; boxing it here would only move the copy.
#[allow(clippy::result_large_err)]
fn to_json<T: Serialize>(command: &str, out: &T) -> Result<serde_json::Value, IpcError> {
    serde_json::to_value(out).map_err(|e| IpcError {
        kind: ErrorKind::Internal,
        message: format!("\"{command}\" produced an answer that is not JSON: {e}"),
        fields: Vec::new(),
        detail: None,
    })
}

fn unknown_command(name: &str) -> IpcError {
    IpcError {
        kind: ErrorKind::Internal,
        message: format!("There is no command \"{name}\"."),
        fields: Vec::new(),
        detail: None,
    }
}

/// Writes every IPC type and the typed command module `ipc.ts` into `dir`.
pub fn export_bindings(dir: &Path) -> Result<(), ts_rs::ExportError> {
    let cfg = types::config(dir);
    export_types(&cfg)?;
    let mut exported = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if let Some(ty) = name.strip_suffix(".ts").filter(|t| *t != "ipc") {
            exported.insert(ty.to_string());
        }
    }
    let text = describe(&cfg).render(&exported);
    std::fs::write(dir.join("ipc.ts"), text).map_err(ts_rs::ExportError::from)
}
