//! Kitbench Sandbox: a local server that speaks the Scalekit AgentKit REST API.
//!
//! It serves the same verbs, paths, `:verb` suffixes, body mappings, query encoding, status codes
//! and error bodies as an AgentKit environment (see `shared/scalekit-api/REFERENCE.md`), backed by
//! an in-memory (optionally file-backed) state seeded from the connector and tool catalog. The
//! desktop app embeds it as its default environment and every test runs against it.
//!
//! ```no_run
//! # async fn demo() -> kitbench_sandbox::Result<()> {
//! let sandbox = kitbench_sandbox::start(kitbench_sandbox::SandboxConfig::default()).await?;
//! println!("{} {} {}", sandbox.url(), sandbox.client_id(), sandbox.client_secret());
//! sandbox.shutdown().await;
//! # Ok(()) }
//! ```

mod admin;
mod api;
pub mod catalog;
mod config;
mod error;
mod faults;
mod grpc;
mod http;
mod ids;
mod journal;
mod mcp;
mod pages;
mod serve;
mod server;
mod state;
mod synth;
mod tls;
mod validate;

pub use admin::{Admin, Counts, SeedReport, MAX_SEED_ACCOUNTS};
pub use config::SandboxConfig;
pub use error::{Error, Result};
pub use faults::{FaultRule, Faults, RateLimit};
pub use journal::{JournalEntry, JournalHeader, JournalPage};
pub use server::{start, RunningSandbox};
pub use synth::generate as generate_output;
