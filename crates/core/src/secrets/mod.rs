//! Client secrets: the OS keychain (Secret Service on Linux) or, when there is none and the
//! user agrees, memory for this session only. Secrets never reach SQLite, logs or exports.

mod keychain;
mod memory;
mod vault;

pub use keychain::{probe, KeychainFailure, KeychainStore, SERVICE};
pub use memory::MemoryStore;
pub use vault::{SecretMode, SecretStatus, Secrets};

/// A place to keep one secret per account (the environment id). Calls may block (D-Bus):
/// async callers go through [`Secrets`], which runs them on the blocking pool.
pub trait SecretStore: Send + Sync + std::fmt::Debug {
    /// The secret of `account`, `None` when there is none.
    fn get(&self, account: &str) -> Result<Option<String>, String>;
    /// Stores (or replaces) the secret of `account`.
    fn set(&self, account: &str, secret: &str) -> Result<(), String>;
    /// Removes the secret of `account`; removing a missing one is not an error.
    fn delete(&self, account: &str) -> Result<(), String>;
}
