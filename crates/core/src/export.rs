//! Exports environments as JSON, without secrets.

use serde::Serialize;

use crate::environments::{Environment, Label};
use crate::Result;

/// Format version of the export file.
pub const FORMAT: u32 = 1;

#[derive(Serialize)]
struct ExportFile<'a> {
    kitbench_export: u32,
    exported_at: String,
    environments: Vec<ExportedEnvironment<'a>>,
}

/// Only what identifies an environment: never the client secret.
#[derive(Serialize)]
struct ExportedEnvironment<'a> {
    name: &'a str,
    env_url: &'a str,
    client_id: &'a str,
    label: Label,
    created_at: &'a str,
    last_used_at: Option<&'a str>,
}

/// A file name for an export made now: `kitbench-environments-YYYYMMDD-HHMMSS.json` (UTC).
pub fn file_name() -> String {
    format!(
        "kitbench-environments-{}.json",
        chrono::Utc::now().format("%Y%m%d-%H%M%S")
    )
}

/// Pretty JSON of `environments` minus the built-in Sandbox (its URL changes every launch).
pub fn to_json(environments: &[Environment]) -> Result<String> {
    let file = ExportFile {
        kitbench_export: FORMAT,
        exported_at: crate::environments::repo::now(),
        environments: environments
            .iter()
            .filter(|e| !e.is_sandbox)
            .map(|e| ExportedEnvironment {
                name: &e.name,
                env_url: &e.env_url,
                client_id: &e.client_id,
                label: e.label,
                created_at: &e.created_at,
                last_used_at: e.last_used_at.as_deref(),
            })
            .collect(),
    };
    Ok(serde_json::to_string_pretty(&file)?)
}
