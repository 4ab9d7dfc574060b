//! The connector and tool catalog the Sandbox serves: one connection per connector of
//! `catalog/connectors.json`, and the tools of `catalog/tools/*.json`, embedded at build time.

mod connector;
mod tool;

pub use connector::Connector;
pub use tool::ToolEntry;

use crate::error::{Error, Result};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

include!(concat!(env!("OUT_DIR"), "/catalog_tools.rs"));

const CONNECTORS_JSON: &str = include_str!("../../catalog/connectors.json");

/// Connectors and tools, loaded and compiled once; immutable afterwards.
pub struct Catalog {
    connectors: Vec<Connector>,
    by_slug: HashMap<String, usize>,
    tools: Vec<ToolEntry>,
    by_name: HashMap<String, usize>,
    by_provider: HashMap<String, Vec<usize>>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("connectors", &self.connectors.len())
            .field("tools", &self.tools.len())
            .finish()
    }
}

impl Catalog {
    /// The catalog built into this binary (`catalog/connectors.json` and
    /// `catalog/tools/*.json`). Compiled on first use, then shared.
    pub fn embedded() -> Result<Arc<Catalog>> {
        static EMBEDDED: OnceLock<std::result::Result<Arc<Catalog>, String>> = OnceLock::new();
        EMBEDDED
            .get_or_init(|| {
                Catalog::from_json(CONNECTORS_JSON, TOOL_FILES)
                    .map(Arc::new)
                    .map_err(|e| e.to_string())
            })
            .clone()
            .map_err(Error::Catalog)
    }

    /// The `(file name, contents)` tool files built into this binary.
    pub fn embedded_tool_files() -> &'static [(&'static str, &'static str)] {
        TOOL_FILES
    }

    /// Builds a catalog from a `connectors.json` document and tool files (each a JSON array of
    /// tools). Fails on malformed JSON, schemas that do not compile, input schemas that are not
    /// object schemas, tools of unknown providers and duplicate tool names.
    pub fn from_json(connectors_json: &str, tool_files: &[(&str, &str)]) -> Result<Catalog> {
        let connectors = connector::parse_connectors(connectors_json)?;
        let by_slug = connectors
            .iter()
            .enumerate()
            .map(|(i, c)| (c.slug.to_ascii_lowercase(), i))
            .collect::<HashMap<_, _>>();
        let mut tools = Vec::new();
        for (file, text) in tool_files {
            for tool in tool::parse_tool_file(file, text)? {
                if !by_slug.contains_key(&tool.provider) {
                    return Err(Error::Catalog(format!(
                        "{file}: tool {} names unknown provider {:?}",
                        tool.name, tool.provider
                    )));
                }
                tools.push(tool);
            }
        }
        tools.sort_by(|a, b| (&a.provider, &a.name).cmp(&(&b.provider, &b.name)));
        let mut by_name = HashMap::new();
        let mut by_provider: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, t) in tools.iter().enumerate() {
            if by_name.insert(t.name.clone(), i).is_some() {
                return Err(Error::Catalog(format!("duplicate tool name {}", t.name)));
            }
            by_provider.entry(t.provider.clone()).or_default().push(i);
        }
        Ok(Catalog {
            connectors,
            by_slug,
            tools,
            by_name,
            by_provider,
        })
    }

    /// Every connector, sorted by slug.
    pub fn connectors(&self) -> &[Connector] {
        &self.connectors
    }

    /// The connector with this slug (compared case-insensitively).
    pub fn connector(&self, slug: &str) -> Option<&Connector> {
        let idx = match self.by_slug.get(slug) {
            Some(i) => Some(i),
            None => self.by_slug.get(&slug.to_ascii_lowercase()),
        };
        idx.map(|i| &self.connectors[*i])
    }

    /// The connector whose connection has this `conn_…` id.
    pub fn connector_by_connection_id(&self, id: &str) -> Option<&Connector> {
        self.connectors.iter().find(|c| c.connection_id == id)
    }

    /// Every tool, sorted by provider then name.
    pub fn tools(&self) -> &[ToolEntry] {
        &self.tools
    }

    /// The tool with this exact name.
    pub fn tool(&self, name: &str) -> Option<&ToolEntry> {
        self.by_name.get(name).map(|i| &self.tools[*i])
    }

    /// The tools of one provider (compared case-insensitively), sorted by name.
    pub fn provider_tools<'a>(&'a self, provider: &str) -> impl Iterator<Item = &'a ToolEntry> {
        let list = self
            .by_provider
            .get(&provider.to_ascii_lowercase())
            .map(Vec::as_slice)
            .unwrap_or_default();
        list.iter().map(|i| &self.tools[*i])
    }
}
