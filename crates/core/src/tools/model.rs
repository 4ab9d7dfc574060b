//! Tools as the UI shows them: the catalog page, scoped tools, search hits, one tool in full.

use agentkit::wire::tools::{ScopedTool, SearchedTool, Tool};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::{Error, Result};

/// Tools a page; the API's default (300) is more than a table needs at once.
pub const TOOL_PAGE_SIZE: u32 = 100;

/// The catalog's filters; each is applied by the server.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "ToolListFilter.ts")]
pub struct ToolListFilter {
    /// Provider slug (`gmail`).
    pub provider: Option<String>,
    /// Connection name (`key_id`): only the tools of that connection's provider.
    pub connection: Option<String>,
    /// Words that must all appear in the tool name (3–100 characters, the API's limits).
    pub name: Option<String>,
}

/// A non-blank, trimmed value.
pub(crate) fn text(v: Option<&str>) -> Option<String> {
    v.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

impl ToolListFilter {
    /// The filter as the API takes it; a name filter outside 3–100 characters is a field
    /// error on `name` (the server would refuse it with a 400).
    pub fn to_wire(&self) -> Result<agentkit::wire::tools::ToolFilter> {
        let name = text(self.name.as_deref());
        if let Some(n) = &name {
            let len = n.chars().count();
            if !(3..=100).contains(&len) {
                return Err(Error::invalid(
                    "name",
                    "Type at least 3 characters of the tool name (at most 100).",
                ));
            }
        }
        Ok(agentkit::wire::tools::ToolFilter {
            provider: text(self.provider.as_deref()),
            connector: text(self.connection.as_deref()),
            query: name,
            ..Default::default()
        })
    }
}

/// One tool: its definition unpacked.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "ToolInfo.ts")]
pub struct ToolInfo {
    /// `tool_…`.
    pub id: String,
    /// The name `execute_tool` takes.
    pub name: String,
    /// Provider slug.
    pub provider: String,
    /// What the tool does.
    pub description: String,
    /// JSON Schema of the tool's input (an object schema).
    pub input_schema: Value,
    /// JSON Schema of the result's `data`, when the catalog gives one.
    pub output_schema: Option<Value>,
    /// MCP-style hints (`title`, `read_only_hint`, `destructive_hint`, …).
    pub annotations: Option<Value>,
    /// Catalog tags.
    pub tags: Vec<String>,
}

impl From<&Tool> for ToolInfo {
    fn from(t: &Tool) -> Self {
        let field = |k: &str| t.definition.get(k).cloned().filter(|v| !v.is_null());
        ToolInfo {
            id: t.id.clone(),
            name: t.name().to_string(),
            provider: t.provider.clone(),
            description: t.description().to_string(),
            input_schema: field("input_schema")
                .unwrap_or_else(|| serde_json::json!({"type": "object"})),
            output_schema: field("output_schema"),
            annotations: field("annotations"),
            tags: t.tags.clone(),
        }
    }
}

/// One page of the catalog.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "ToolPage.ts")]
pub struct ToolPage {
    /// The tools of this page.
    pub tools: Vec<ToolInfo>,
    /// How many tools match in all.
    pub total_size: u32,
    /// The next page, if any.
    pub next_page_token: Option<String>,
}

/// A tool an identifier can run, with the account that would run it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "ScopedToolRow.ts")]
pub struct ScopedToolRow {
    /// The tool.
    pub tool: ToolInfo,
    /// The identifier asked for.
    pub identifier: String,
    /// The account `execute_tool` would use.
    pub connected_account_id: String,
}

impl ScopedToolRow {
    /// The row of a scoped tool; `None` when the answer left the tool out.
    pub fn of(s: &ScopedTool) -> Option<Self> {
        Some(ScopedToolRow {
            tool: ToolInfo::from(s.tool.as_ref()?),
            identifier: s.identifier.clone(),
            connected_account_id: s.connected_account_id.clone(),
        })
    }
}

/// One page of an identifier's tools.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "ScopedToolPage.ts")]
pub struct ScopedToolPage {
    /// The rows of this page.
    pub tools: Vec<ScopedToolRow>,
    /// How many in all.
    pub total_size: u32,
    /// The next page, if any.
    pub next_page_token: Option<String>,
}

/// A free-text search hit (`SearchTools`).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "ToolSearchHit.ts")]
pub struct ToolSearchHit {
    /// Tool name.
    pub name: String,
    /// Provider slug.
    pub provider: String,
    /// What the tool does.
    pub description: String,
    /// Relevance, higher is better.
    pub score: f64,
    /// The identifier's connections for the provider, as `connection (READINESS)`; empty when
    /// no identifier was given or it has none.
    pub connections: Vec<String>,
}

impl From<&SearchedTool> for ToolSearchHit {
    fn from(t: &SearchedTool) -> Self {
        ToolSearchHit {
            name: t.name.clone(),
            provider: t.provider.clone(),
            description: t.description.clone(),
            score: t.score,
            connections: t
                .connections
                .iter()
                .map(|c| format!("{} ({})", c.connection_name, c.readiness_state))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_name_filters_are_field_errors() {
        let f = ToolListFilter {
            name: Some(" gm ".into()),
            ..Default::default()
        };
        match f.to_wire().unwrap_err() {
            Error::Invalid(fields) => assert_eq!(fields[0].field, "name"),
            e => panic!("{e:?}"),
        }
        let ok = ToolListFilter {
            provider: Some("gmail".into()),
            connection: Some(" ".into()),
            name: Some("fetch".into()),
        }
        .to_wire()
        .unwrap();
        assert_eq!(ok.provider.as_deref(), Some("gmail"));
        assert_eq!(ok.connector, None);
        assert_eq!(ok.query.as_deref(), Some("fetch"));
    }
}
