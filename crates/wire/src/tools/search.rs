use crate::ToolReadinessState;
use serde::{Deserialize, Serialize};

/// `POST /api/v1/tools:search`: semantic search over the tool catalog.
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchToolsRequest {
    pub query: String,
    pub identifier: Option<String>,
    /// Results to return: default 10, at most 50.
    #[serde(alias = "topK")]
    pub top_k: Option<u32>,
}

/// `{tools: [SearchedTool]}`.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchToolsResponse {
    pub tools: Vec<SearchedTool>,
}

/// One search hit, with whether the identifier can run it.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchedTool {
    pub name: String,
    pub provider: String,
    pub description: String,
    pub score: f64,
    pub connections: Vec<ConnectionReadiness>,
}

/// `ConnectionReadiness`.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionReadiness {
    #[serde(alias = "connectionName")]
    pub connection_name: String,
    #[serde(alias = "connectedAccountId")]
    pub connected_account_id: String,
    #[serde(alias = "readinessState")]
    pub readiness_state: ToolReadinessState,
}
