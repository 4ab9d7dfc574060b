//! Rust client for the Scalekit AgentKit REST API (the grpc-gateway transcoding of the AgentKit
//! services; see the API reference).
//!
//! ```no_run
//! # async fn demo() -> agentkit::Result<()> {
//! use agentkit::wire::connected_accounts::ListConnectedAccountsRequest;
//! let client = agentkit::Client::new("https://acme.scalekit.dev", "skc_…", "secret")?;
//! let page = client
//!     .list_connected_accounts(&ListConnectedAccountsRequest::default())
//!     .await?;
//! println!("{} accounts", page.total_size);
//! # Ok(()) }
//! ```
//!
//! The client fetches a client-credentials token on first use and caches it (refreshing ahead
//! of expiry and once after a 401), retries 429/503 as the API's SDKs do, maps every failure to
//! one [`Error`] with an [`ErrorKind`], and reports each HTTP exchange, redacted, to an optional
//! [`Observer`].

mod accounts;
mod answer_error;
mod builder;
mod client;
mod connections;
mod env_url;
mod error;
mod mcp;
mod network;
mod observer;
mod path;
mod providers;
mod proxy;
mod retry;
mod token;
mod tools;
mod transport;

pub use agentkit_wire as wire;
/// The one redaction policy, shared with the Sandbox's journal and the app's history.
pub use agentkit_wire::redact;
pub use builder::ClientBuilder;
pub use client::Client;
pub use error::{Error, ErrorKind, NetworkCause, Result};
pub use observer::{Exchange, Observer};
pub use proxy::{ProxyBody, ProxyRequest, ProxyResponse};
pub use retry::RetryPolicy;
