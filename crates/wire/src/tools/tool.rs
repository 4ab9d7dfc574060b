use crate::{JsonObject, Timestamp};
use serde::{Deserialize, Serialize};

/// `Tool`. Its `definition` Struct holds `name`, `description`, `input_schema` (JSON Schema) and
/// optionally `output_schema` and `annotations`; those keys are snake_case on every transport
/// because Struct contents are not renamed by the gateway.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tool {
    pub id: String,
    pub provider: String,
    #[serde_with(skip_apply)]
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub definition: JsonObject,
    #[serde_with(skip_apply)]
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub metadata: Option<JsonObject>,
    pub tags: Vec<String>,
    #[serde(alias = "isDefault")]
    pub is_default: Option<bool>,
    #[serde(alias = "updatedAt")]
    pub updated_at: Option<Timestamp>,
}

impl Tool {
    /// `definition.name`: the name `execute_tool` takes.
    pub fn name(&self) -> &str {
        self.definition
            .get("name")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
    }

    /// `definition.description`.
    pub fn description(&self) -> &str {
        self.definition
            .get("description")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
    }

    /// `definition.input_schema`, the JSON Schema of the tool's `params`.
    pub fn input_schema(&self) -> Option<&serde_json::Value> {
        self.definition.get("input_schema")
    }
}

/// `ScopedTool`: a tool together with the account that would run it for an identifier.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScopedTool {
    pub tool: Option<Tool>,
    pub identifier: String,
    #[serde(alias = "connectedAccountId")]
    pub connected_account_id: String,
}
