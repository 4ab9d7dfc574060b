//! The playground's tools and proxy: the IPC types of the tool catalog, tool runs, proxied
//! calls and presets, and the checks made before anything is sent. The calls themselves are
//! `Kitbench` methods (`app/playground.rs`).

pub mod model;
pub mod presets;
pub mod proxy;
pub mod run;
pub mod runs;
pub mod schema;

pub use model::{ScopedToolPage, ScopedToolRow, ToolInfo, ToolListFilter, ToolPage, ToolSearchHit};
pub use presets::{Preset, PresetInput};
pub use proxy::{KeyValue, ProxyAnswer, ProxyBodyInput, ProxyInput};
pub use run::{RunOutcome, RunTarget, ToolRunInput, ToolRunResult};
pub use runs::RunRegistry;
pub use schema::SchemaCache;
