//! Environments: a Scalekit environment URL plus client credentials, with a label.
//!
//! The model and its IPC input live in [`model`], the SQLite repository in [`repo`], input
//! checks in [`validate`]. The client secret is never part of a row: see [`crate::secrets`].

mod callback_mode;
mod model;
pub mod repo;
pub mod validate;

pub use callback_mode::CallbackMode;
pub use model::{Environment, EnvironmentInput, Label};
