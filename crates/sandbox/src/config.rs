//! How a Sandbox is started.

use crate::catalog::Catalog;
use crate::faults::Faults;
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Start-up settings of a Sandbox. `Default` gives an in-memory Sandbox on an ephemeral loopback
/// port with freshly generated credentials.
#[derive(Clone)]
pub struct SandboxConfig {
    /// Address to listen on (default 127.0.0.1).
    pub host: IpAddr,
    /// Port to listen on; 0 picks a free one.
    pub port: u16,
    /// The OAuth client id the token endpoint accepts (default: a generated `skc_…`).
    pub client_id: String,
    /// The OAuth client secret the token endpoint accepts (default: 40+ random characters).
    pub client_secret: String,
    /// `None` keeps the state in memory; `Some(path)` keeps it in a SQLite database there
    /// (seeded when new), loaded at start, with every change committed before the request
    /// that made it is answered. A JSON data file of earlier versions at `path`, or beside it
    /// with a `.json` extension, is converted once.
    pub data_file: Option<PathBuf>,
    /// Fault knobs in force from the start.
    pub faults: Faults,
    /// Lifetime of issued access tokens (Scalekit answers `expires_in: 86399`).
    pub token_ttl: Duration,
    /// Lifetime of magic links (`GetMagicLinkForConnectedAccount`'s `expiry`).
    pub magic_link_ttl: Duration,
    /// How many requests the journal keeps.
    pub journal_capacity: usize,
    /// How many bytes the journal holds at most (bodies over 64 KiB count as their first
    /// 64 KiB); the oldest entries go first (default 8 MiB).
    pub journal_max_bytes: usize,
    /// The catalog to serve; `None` serves the one built into the binary.
    pub catalog: Option<Arc<Catalog>>,
    /// A request head must arrive within this; also closes keep-alive connections idle
    /// between requests (default 20 s; see the `serve` module).
    pub header_read_timeout: Duration,
    /// A connection on which no byte moves either way for this long is closed (default
    /// 120 s, above the longest injected latency).
    pub idle_timeout: Duration,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            client_id: format!("skc_{}", crate::ids::digits(18)),
            client_secret: format!("test_{}", crate::ids::alnum(44)),
            data_file: None,
            faults: Faults::default(),
            token_ttl: Duration::from_secs(86_399),
            magic_link_ttl: Duration::from_secs(600),
            journal_capacity: 500,
            journal_max_bytes: 8 * 1024 * 1024,
            catalog: None,
            header_read_timeout: Duration::from_secs(20),
            idle_timeout: Duration::from_secs(120),
        }
    }
}

/// Debug output leaves the client secret out, so a logged config never leaks it.
impl std::fmt::Debug for SandboxConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("client_id", &self.client_id)
            .field("client_secret", &"****")
            .field("data_file", &self.data_file)
            .field("faults", &self.faults)
            .field("token_ttl", &self.token_ttl)
            .field("magic_link_ttl", &self.magic_link_ttl)
            .field("journal_capacity", &self.journal_capacity)
            .field("journal_max_bytes", &self.journal_max_bytes)
            .field("catalog", &self.catalog)
            .field("header_read_timeout", &self.header_read_timeout)
            .field("idle_timeout", &self.idle_timeout)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn debug_hides_the_secret() {
        let config = super::SandboxConfig::default();
        let text = format!("{config:?}");
        assert!(text.contains(&config.client_id) && !text.contains(&config.client_secret));
    }
}
