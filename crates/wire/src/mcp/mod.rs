//! `scalekit.v1.mcp`: MCP configs (tool sets across connections) and per-user MCP instances.

mod auth_state;
mod config;
mod instance;
mod session_token;

pub use auth_state::*;
pub use config::*;
pub use instance::*;
pub use session_token::*;
