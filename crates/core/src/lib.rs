//! Kitbench's app logic, with no Tauri dependency: the SQLite store, environments and their
//! secrets, the built-in Sandbox, the overview counts, connections and connected accounts,
//! settings, `.env` import and export, the tool and proxy playground.
//!
//! [`Kitbench`] holds the state; every command the desktop shell exposes is an async method on
//! it. Types that cross into the UI derive `ts_rs::TS`; [`ipc::export_bindings`] writes them.

pub mod accounts;
mod app;
pub mod authorizations;
pub mod clients;
pub mod connection_test;
pub mod connections;
pub mod dotenv;
pub mod environments;
mod error;
mod error_detail;
pub mod export;
pub mod history;
pub mod ipc;
pub mod links;
pub mod mcp;
pub mod opener;
pub mod overview;
pub mod perf;
pub mod run_tag;
pub mod sandbox_host;
pub mod secrets;
pub mod settings;
pub mod store;
pub mod tools;

pub use app::{data_dir_override, Bootstrap, Kitbench, KitbenchConfig, SecretsChoice};
pub use error::{Error, ErrorDetail, ErrorKind, FieldError, IpcError, NetworkCause, Result};
