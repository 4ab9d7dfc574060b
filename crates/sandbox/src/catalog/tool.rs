//! Tools of the catalog: their definition, their wire form and their compiled schemas.

use crate::error::{Error, Result};
use agentkit_wire::tools::Tool;
use agentkit_wire::JsonObject;
use serde::Deserialize;
use serde_json::Value;

/// One tool, with its JSON Schemas compiled once at load so requests never recompile them.
pub struct ToolEntry {
    /// `<slug>_<action>`, unique across the catalog.
    pub name: String,
    /// The lower-case connector slug.
    pub provider: String,
    pub description: String,
    /// JSON Schema of `params` (an object schema).
    pub input_schema: Value,
    /// JSON Schema of the `data` the tool answers with.
    pub output_schema: Value,
    /// MCP-style hints (`title`, `read_only_hint`, …), snake_case.
    pub annotations: Option<Value>,
    pub tags: Vec<String>,
    /// `tool_…`, stable across runs.
    pub id: String,
    pub(crate) wire: Tool,
    input: jsonschema::Validator,
    output: jsonschema::Validator,
}

impl ToolEntry {
    /// The tool as `ListTools` returns it.
    pub fn wire(&self) -> &Tool {
        &self.wire
    }

    /// Whether the tool only reads (`annotations.read_only_hint`).
    pub fn read_only(&self) -> bool {
        self.annotations
            .as_ref()
            .and_then(|a| a.get("read_only_hint"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    /// Validates `params` against the input schema: one `(JSON pointer, message, keyword)` per
    /// error, empty when valid.
    pub fn check_input(&self, params: &Value) -> Vec<(String, String, String)> {
        if self.input.is_valid(params) {
            return Vec::new();
        }
        errors(&self.input, params)
    }

    /// Validates data against the output schema, as [`ToolEntry::check_input`] does.
    pub fn check_output(&self, data: &Value) -> Vec<(String, String, String)> {
        if self.output.is_valid(data) {
            return Vec::new();
        }
        errors(&self.output, data)
    }
}

fn errors(validator: &jsonschema::Validator, value: &Value) -> Vec<(String, String, String)> {
    validator
        .iter_errors(value)
        .map(|e| {
            let mut path = e.instance_path().as_str().to_string();
            if let jsonschema::error::ValidationErrorKind::Required { property } = e.kind() {
                if let Some(name) = property.as_str() {
                    path = format!("{path}/{name}");
                }
            }
            (path, e.to_string(), e.kind().keyword().to_string())
        })
        .collect()
}

#[derive(Deserialize)]
struct RawTool {
    name: String,
    provider: String,
    #[serde(default)]
    description: String,
    input_schema: Value,
    output_schema: Value,
    #[serde(default)]
    annotations: Option<Value>,
    #[serde(default)]
    tags: Vec<String>,
}

fn compile(file: &str, tool: &str, which: &str, schema: &Value) -> Result<jsonschema::Validator> {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(schema)
        .map_err(|e| Error::Catalog(format!("{file}: {tool}: {which} does not compile: {e}")))
}

/// When every catalog entry was last changed, as `Tool.updated_at` reports it.
fn catalog_time() -> agentkit_wire::Timestamp {
    chrono::DateTime::parse_from_rfc3339("2026-01-15T09:00:00Z")
        .map(|t| t.to_utc())
        .unwrap_or_default()
}

pub(super) fn parse_tool_file(file: &str, text: &str) -> Result<Vec<ToolEntry>> {
    let raw: Vec<RawTool> =
        serde_json::from_str(text).map_err(|e| Error::Catalog(format!("{file}: {e}")))?;
    raw.into_iter()
        .map(|t| {
            if t.input_schema.get("type").and_then(Value::as_str) != Some("object") {
                return Err(Error::Catalog(format!(
                    "{file}: {}: input_schema must be an object schema",
                    t.name
                )));
            }
            let input = compile(file, &t.name, "input_schema", &t.input_schema)?;
            let output = compile(file, &t.name, "output_schema", &t.output_schema)?;
            let provider = t.provider.to_ascii_lowercase();
            let id = format!(
                "tool_{}",
                crate::ids::stable_number(&format!("t:{}", t.name))
            );
            let mut definition = JsonObject::new();
            definition.insert("name".into(), Value::String(t.name.clone()));
            definition.insert("description".into(), Value::String(t.description.clone()));
            definition.insert("input_schema".into(), t.input_schema.clone());
            definition.insert("output_schema".into(), t.output_schema.clone());
            if let Some(a) = &t.annotations {
                definition.insert("annotations".into(), a.clone());
            }
            let wire = Tool {
                id: id.clone(),
                provider: provider.clone(),
                definition,
                metadata: None,
                tags: t.tags.clone(),
                is_default: Some(true),
                updated_at: Some(catalog_time()),
            };
            Ok(ToolEntry {
                name: t.name,
                provider,
                description: t.description,
                input_schema: t.input_schema,
                output_schema: t.output_schema,
                annotations: t.annotations,
                tags: t.tags,
                id,
                wire,
                input,
                output,
            })
        })
        .collect()
}
