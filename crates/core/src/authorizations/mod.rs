//! Authorizations: a magic link for a connected account, sent to the browser, that comes back
//! as a `kitbench://auth/verify` link (or to the loopback callback) and is verified here.
//!
//! The rules: the `state` is 256 random bits and only its SHA-256 is stored; the link itself is
//! a credential and stays in memory ([`LinkMemory`]); a returning link must carry the state of
//! a pending, unexpired, unused authorization before verify is called, and using it marks the
//! authorization used whatever the outcome ([`complete`]).

mod complete;
pub mod loopback;
mod memory;
mod model;
pub mod repo;
pub mod state_token;

pub use complete::complete;
pub use loopback::Loopback;
pub use memory::LinkMemory;
pub use model::{Authorization, AuthorizationStatus};

/// What the app keeps for authorizations besides the database.
#[derive(Debug, Default)]
pub struct AuthorizationState {
    /// Links of pending authorizations, in memory only.
    pub links: LinkMemory,
    /// The loopback callback listener.
    pub loopback: Loopback,
}
