//! MCP instances as the UI lists them: the URL only ever masked.

use agentkit::wire::mcp::{ListMcpInstancesRequest, McpInstance};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::connections::rfc3339;
use crate::tools::model::text;

/// Instances per page (the API's most).
pub const INSTANCE_PAGE_SIZE: u32 = 30;

/// One instance. Its URL is a credential: `url_masked` is all a list or get carries
/// (`reveal_mcp_instance_url` gives the URL itself, on request).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "McpInstanceView.ts")]
pub struct McpInstanceView {
    /// Assigned by the server.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The user the instance serves.
    pub user_identifier: String,
    /// The config it is made from (empty if the config is gone).
    pub config_name: String,
    /// The config's id.
    pub config_id: String,
    /// The config's connections, by name.
    pub connections: Vec<String>,
    /// The URL with its credential masked.
    pub url_masked: String,
    /// RFC 3339.
    pub last_used_at: Option<String>,
    /// RFC 3339.
    pub updated_at: Option<String>,
}

impl From<&McpInstance> for McpInstanceView {
    fn from(i: &McpInstance) -> Self {
        let config = i.config.as_ref();
        Self {
            id: i.id.clone(),
            name: i.name.clone(),
            user_identifier: i.user_identifier.clone(),
            config_name: config.map(|c| c.name.clone()).unwrap_or_default(),
            config_id: config.map(|c| c.id.clone()).unwrap_or_default(),
            connections: config
                .map(|c| {
                    c.connection_tool_mappings
                        .iter()
                        .map(|m| m.connection_name.clone())
                        .collect()
                })
                .unwrap_or_default(),
            url_masked: super::mask_url(&i.url),
            last_used_at: i.last_used_at.as_ref().map(rfc3339),
            updated_at: i.updated_at.as_ref().map(rfc3339),
        }
    }
}

/// One page of instances.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "McpInstancePage.ts")]
pub struct McpInstancePage {
    /// At most 30.
    pub instances: Vec<McpInstanceView>,
    /// Every instance that matches, over all pages.
    pub total_size: u32,
    /// Pass back for the next page; absent on the last one.
    pub next_page_token: Option<String>,
}

/// What the instance list is filtered by (exact matches, applied by the server; `search`
/// matches part of the name or identifier).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export_to = "McpInstanceFilter.ts")]
pub struct McpInstanceFilter {
    /// The user's identifier.
    pub user_identifier: Option<String>,
    /// The config's name.
    pub config_name: Option<String>,
    /// The instance's name.
    pub name: Option<String>,
    /// The instance's id.
    pub id: Option<String>,
    /// Part of the name or identifier.
    pub search: Option<String>,
}

impl McpInstanceFilter {
    /// The list request for one page.
    pub fn to_request(&self, page_token: Option<&str>) -> ListMcpInstancesRequest {
        let filter = agentkit::wire::mcp::McpInstanceFilter {
            id: text(self.id.as_deref()),
            name: text(self.name.as_deref()),
            config_name: text(self.config_name.as_deref()),
            user_identifier: text(self.user_identifier.as_deref()),
        };
        ListMcpInstancesRequest {
            filter: Some(filter),
            search: text(self.search.as_deref()),
            page_size: Some(INSTANCE_PAGE_SIZE),
            page_token: text(page_token),
        }
    }
}
