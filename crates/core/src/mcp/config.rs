//! MCP configs as the UI edits them, and the checks the API makes, made before sending.

use agentkit::wire::mcp::{McpConfig, McpConfigConnectionToolMapping};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, FieldError, Result};

/// The API's limit on mappings per config (`max_items=25`).
pub const MAX_MAPPINGS: usize = 25;
/// Configs per page (the API's most).
pub const CONFIG_PAGE_SIZE: u32 = 30;

/// The tools of one connection a config exposes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "McpMappingView.ts")]
pub struct McpMappingView {
    /// The connection name (`key_id`).
    pub connection_name: String,
    /// Filled in by the server.
    pub connection_id: String,
    /// The provider key (`gmail`, …).
    pub provider: String,
    /// Tool names; empty exposes every tool of the connection.
    pub tools: Vec<String>,
}

/// An MCP config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "McpConfigView.ts")]
pub struct McpConfigView {
    /// Assigned by the server.
    pub id: String,
    /// `^[a-z0-9_-]+$`, 1–100 characters; fixed once created.
    pub name: String,
    /// Free text.
    pub description: String,
    /// Connection → tools.
    pub mappings: Vec<McpMappingView>,
    /// The config's own MCP server URL (needs a session token; not a credential by itself).
    pub mcp_server_url: String,
}

impl From<&McpConfig> for McpConfigView {
    fn from(c: &McpConfig) -> Self {
        Self {
            id: c.id.clone(),
            name: c.name.clone(),
            description: c.description.clone(),
            mappings: c
                .connection_tool_mappings
                .iter()
                .map(|m| McpMappingView {
                    connection_name: m.connection_name.clone(),
                    connection_id: m.connection_id.clone(),
                    provider: m.provider.clone(),
                    tools: m.tools.clone(),
                })
                .collect(),
            mcp_server_url: c.mcp_server_url.clone(),
        }
    }
}

/// One page of configs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "McpConfigPage.ts")]
pub struct McpConfigPage {
    /// At most 30.
    pub configs: Vec<McpConfigView>,
    /// Every config that matches, over all pages.
    pub total_size: u32,
    /// Pass back for the next page; absent on the last one.
    pub next_page_token: Option<String>,
}

/// One mapping of the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export_to = "McpMappingInput.ts")]
pub struct McpMappingInput {
    /// The connection name.
    pub connection_name: String,
    /// Tool names of that connection; empty exposes all of them.
    pub tools: Vec<String>,
}

/// The config form. Field errors name fields as the API does (`name`,
/// `connection_tool_mappings[1].tools[0]`), so the API's own violations land in the same place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export_to = "McpConfigInput.ts")]
pub struct McpConfigInput {
    /// Ignored by updates (the API cannot rename a config), but must then be the config's name.
    pub name: String,
    /// Free text.
    pub description: String,
    /// Connection → tools, at most 25.
    pub mappings: Vec<McpMappingInput>,
}

fn mapping_field(i: usize, rest: &str) -> String {
    format!("connection_tool_mappings[{i}].{rest}")
}

/// The API's name rule: 1–100 of `a-z 0-9 _ -`.
pub fn check_name(name: &str, fields: &mut Vec<FieldError>) {
    if name.is_empty() {
        fields.push(FieldError::new("name", "Give the config a name."));
    } else if name.chars().count() > 100 {
        fields.push(FieldError::new(
            "name",
            "A name has at most 100 characters.",
        ));
    } else if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
    {
        fields.push(FieldError::new(
            "name",
            "Use lowercase letters, digits, _ and - only (the API's rule).",
        ));
    }
}

impl McpConfigInput {
    /// Every problem the API would report, as field errors; the mappings in wire form when
    /// there is none. The server then checks what only it knows (connections, tools).
    pub fn checked_mappings(&self) -> Result<Vec<McpConfigConnectionToolMapping>> {
        let mut fields = Vec::new();
        self.check_mappings(&mut fields);
        if !fields.is_empty() {
            return Err(Error::Invalid(fields));
        }
        Ok(self.wire_mappings())
    }

    /// The whole form's problems (name included), empty when it can be sent.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut fields = Vec::new();
        check_name(self.name.trim(), &mut fields);
        self.check_mappings(&mut fields);
        fields
    }

    fn check_mappings(&self, fields: &mut Vec<FieldError>) {
        if self.mappings.len() > MAX_MAPPINGS {
            fields.push(FieldError::new(
                "connection_tool_mappings",
                format!("A config maps at most {MAX_MAPPINGS} connections."),
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for (i, m) in self.mappings.iter().enumerate() {
            let name = m.connection_name.trim();
            if name.is_empty() {
                fields.push(FieldError::new(
                    &mapping_field(i, "connection_name"),
                    "Choose a connection.",
                ));
            } else if !seen.insert(name) {
                fields.push(FieldError::new(
                    &mapping_field(i, "connection_name"),
                    format!("{name} is mapped twice; put its tools in one mapping."),
                ));
            }
            let mut tools = std::collections::HashSet::new();
            for (j, t) in m.tools.iter().enumerate() {
                let field = mapping_field(i, &format!("tools[{j}]"));
                if t.trim().is_empty() {
                    fields.push(FieldError::new(&field, "A tool name cannot be blank."));
                } else if !tools.insert(t.trim()) {
                    fields.push(FieldError::new(&field, format!("{t} is listed twice.")));
                }
            }
        }
    }

    fn wire_mappings(&self) -> Vec<McpConfigConnectionToolMapping> {
        self.mappings
            .iter()
            .map(|m| McpConfigConnectionToolMapping {
                connection_name: m.connection_name.trim().to_string(),
                tools: m.tools.iter().map(|t| t.trim().to_string()).collect(),
                ..Default::default()
            })
            .collect()
    }

    /// The create body, after every check.
    pub fn to_create(&self) -> Result<McpConfig> {
        let fields = self.problems();
        if !fields.is_empty() {
            return Err(Error::Invalid(fields));
        }
        Ok(McpConfig {
            name: self.name.trim().to_string(),
            description: self.description.clone(),
            connection_tool_mappings: self.wire_mappings(),
            ..Default::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, mappings: &[(&str, &[&str])]) -> McpConfigInput {
        McpConfigInput {
            name: name.into(),
            description: String::new(),
            mappings: mappings
                .iter()
                .map(|(c, t)| McpMappingInput {
                    connection_name: c.to_string(),
                    tools: t.iter().map(|s| s.to_string()).collect(),
                })
                .collect(),
        }
    }

    fn fields(i: &McpConfigInput) -> Vec<String> {
        i.problems().into_iter().map(|f| f.field).collect()
    }

    #[test]
    fn names_follow_the_api_pattern() {
        assert!(fields(&input("inbox-tools_2", &[])).is_empty());
        assert_eq!(fields(&input("", &[])), ["name"]);
        assert_eq!(fields(&input("Inbox", &[])), ["name"]);
        assert_eq!(fields(&input("in box", &[])), ["name"]);
        assert_eq!(fields(&input(&"a".repeat(101), &[])), ["name"]);
        assert!(fields(&input(&"a".repeat(100), &[])).is_empty());
    }

    #[test]
    fn mappings_are_named_like_the_api_names_them() {
        let bad = input(
            "ok",
            &[("gmail", &["a", ""]), ("", &[]), ("gmail", &["b", "b"])],
        );
        assert_eq!(
            fields(&bad),
            [
                "connection_tool_mappings[0].tools[1]",
                "connection_tool_mappings[1].connection_name",
                "connection_tool_mappings[2].connection_name",
                "connection_tool_mappings[2].tools[1]",
            ]
        );
        let many: Vec<(String, Vec<&str>)> = (0..26).map(|i| (format!("c{i}"), vec![])).collect();
        let refs: Vec<(&str, &[&str])> = many.iter().map(|(c, t)| (c.as_str(), &t[..])).collect();
        assert_eq!(fields(&input("ok", &refs)), ["connection_tool_mappings"]);
    }

    #[test]
    fn the_create_body_is_trimmed() {
        let ok = input("ok", &[(" gmail ", &[" gmail_send_mail "])]);
        let wire = ok.to_create().unwrap();
        assert_eq!(wire.connection_tool_mappings[0].connection_name, "gmail");
        assert_eq!(wire.connection_tool_mappings[0].tools, ["gmail_send_mail"]);
        assert!(wire.id.is_empty());
    }
}
