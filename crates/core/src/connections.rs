//! The environment's AgentKit connections (`ListAppConnections`), as the UI lists them.
//!
//! A search shorter than 3 characters is refused with a field error on `query` rather than
//! filtered on this side: the API pages on the server (30 per page), so a client-side filter
//! could only filter the page in hand, and its `total_size` and page tokens would describe a
//! different list than the one shown. The UI searches once 3 characters are typed.

use agentkit::wire::connections::{ListAppConnectionsRequest, ListConnection};
use agentkit::Client;
use serde::Serialize;
use ts_rs::TS;

use crate::{Error, Result};

/// The largest page `ListAppConnections` accepts.
pub const PAGE_SIZE: u32 = 30;
/// The API's bounds on `query`.
const QUERY_LEN: std::ops::RangeInclusive<usize> = 3..=100;

/// One AgentKit connection of an environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "Connection.ts")]
pub struct Connection {
    /// `conn_…`
    pub id: String,
    /// The connection name (`key_id`): what accounts, tools and links call `connector`.
    pub name: String,
    /// The provider key (`gmail`, `slack`, …).
    pub provider: String,
    /// The connection's type as the API names it (`OAUTH`, `API_KEY`, `BEARER`, `BASIC`, …).
    pub auth_type: String,
    /// The connection's status as the API names it (`COMPLETED`, `DRAFT`, …).
    pub status: String,
    /// Whether the connection is switched on.
    pub enabled: bool,
    /// The connection's MCP server, when it has one.
    pub mcp_server_url: Option<String>,
    /// RFC 3339.
    pub created_at: Option<String>,
    /// Who the connection's accounts belong to (`USER`, …), when the API says.
    pub auth_mode: Option<String>,
}

/// One page of connections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "ConnectionPage.ts")]
pub struct ConnectionPage {
    /// At most 30.
    pub connections: Vec<Connection>,
    /// Every connection that matches, over all pages.
    pub total_size: u32,
    /// Pass back for the next page; absent on the last one.
    pub next_page_token: Option<String>,
}

impl From<ListConnection> for Connection {
    fn from(c: ListConnection) -> Self {
        // App connections name their provider in `provider_key`; the `provider` enum is the
        // SSO one and reads "unspecified" for them.
        let provider = match c.provider_key.is_empty() {
            true => c.provider.as_str().to_string(),
            false => c.provider_key,
        };
        let auth_mode = match c.auth_mode.number() {
            Some(0) => None,
            _ => Some(c.auth_mode.as_str().to_string()),
        };
        Self {
            id: c.id,
            name: c.key_id,
            provider,
            auth_type: c.kind.as_str().to_string(),
            status: c.status.as_str().to_string(),
            enabled: c.enabled,
            mcp_server_url: Some(c.mcp_server_url).filter(|u| !u.is_empty()),
            created_at: c.created_at.map(|t| rfc3339(&t)),
            auth_mode,
        }
    }
}

/// RFC 3339 in UTC to the second, as every timestamp crosses IPC.
pub(crate) fn rfc3339(t: &agentkit::wire::Timestamp) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The search as the API takes it: blank is no search; 1–2 or over 100 characters is refused.
pub fn checked_query(query: Option<&str>) -> Result<Option<String>> {
    let Some(q) = query.map(str::trim).filter(|q| !q.is_empty()) else {
        return Ok(None);
    };
    if !QUERY_LEN.contains(&q.chars().count()) {
        return Err(Error::invalid(
            "query",
            "Type at least 3 characters to search connections (at most 100).",
        ));
    }
    Ok(Some(q.to_string()))
}

/// One page of the environment's connections matching `query`.
pub async fn list(
    client: &Client,
    query: Option<&str>,
    page_token: Option<&str>,
) -> Result<ConnectionPage> {
    let req = ListAppConnectionsRequest {
        page_size: Some(PAGE_SIZE),
        page_token: page_token.filter(|t| !t.is_empty()).map(str::to_string),
        query: checked_query(query)?,
        ..Default::default()
    };
    let page = client.list_app_connections(&req).await?;
    Ok(ConnectionPage {
        connections: page.connections.into_iter().map(Connection::from).collect(),
        total_size: page.total_size,
        next_page_token: Some(page.next_page_token).filter(|t| !t.is_empty()),
    })
}

/// The connection named `name` (its `key_id`). The API has no lookup by name, so this searches
/// for the name (when it is long enough to be a search) and follows pages until the exact name
/// turns up.
pub async fn get(client: &Client, name: &str) -> Result<Connection> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid("name", "Give a connection name."));
    }
    let mut req = ListAppConnectionsRequest {
        page_size: Some(PAGE_SIZE),
        query: Some(name.to_string()).filter(|n| QUERY_LEN.contains(&n.chars().count())),
        ..Default::default()
    };
    loop {
        let page = client.list_app_connections(&req).await?;
        if let Some(found) = page.connections.into_iter().find(|c| c.key_id == name) {
            return Ok(found.into());
        }
        // A server that hands back the token it was given would loop forever.
        if page.next_page_token.is_empty() || req.page_token.as_ref() == Some(&page.next_page_token)
        {
            return Err(Error::NotFound(format!(
                "There is no connection named \"{name}\"."
            )));
        }
        req.page_token = Some(page.next_page_token);
    }
}

#[cfg(test)]
mod tests {
    use super::checked_query;

    #[test]
    fn short_searches_are_refused_and_blank_is_none() {
        assert_eq!(checked_query(None).unwrap(), None);
        assert_eq!(checked_query(Some("  ")).unwrap(), None);
        assert_eq!(
            checked_query(Some(" gma ")).unwrap().as_deref(),
            Some("gma")
        );
        for bad in ["g", "gm", &"x".repeat(101)] {
            let err = checked_query(Some(bad)).unwrap_err();
            assert!(
                matches!(&err, crate::Error::Invalid(f) if f[0].field == "query"),
                "{err:?}"
            );
        }
    }
}
