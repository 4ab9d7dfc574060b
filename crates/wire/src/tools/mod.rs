//! `scalekit.v1.tools`: JSON-Schema described actions executed for a user.

mod execute;
mod requests;
mod search;
mod tool;

pub use execute::{ExecuteToolRequest, ExecuteToolResponse};
pub use requests::*;
pub use search::{ConnectionReadiness, SearchToolsRequest, SearchToolsResponse, SearchedTool};
pub use tool::{ScopedTool, Tool};
