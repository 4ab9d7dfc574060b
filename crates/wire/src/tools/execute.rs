use crate::JsonObject;
use serde::{Deserialize, Serialize};

/// `POST /api/v1/execute_tool`. The account is `connected_account_id`, or `identifier` +
/// `connector` (the connection name). Arguments go in `params` (not `tool_input`, which the
/// docs' quickstart sends and the gateway silently drops).
#[serde_with::apply(
    _ => #[serde(default, deserialize_with = "crate::de::lenient")],
    Option => #[serde(skip_serializing_if = "Option::is_none")],
)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExecuteToolRequest {
    #[serde(alias = "toolName")]
    pub tool_name: String,
    pub identifier: Option<String>,
    #[serde_with(skip_apply)]
    #[serde(default, deserialize_with = "crate::de::nullable")]
    pub params: Option<JsonObject>,
    #[serde(alias = "connectedAccountId")]
    pub connected_account_id: Option<String>,
    pub connector: Option<String>,
    #[serde(alias = "organizationId")]
    pub organization_id: Option<String>,
    #[serde(alias = "userId")]
    pub user_id: Option<String>,
    #[serde(alias = "agentRunId")]
    pub agent_run_id: Option<String>,
}

/// `{data, execution_id}`.
#[serde_with::apply(_ => #[serde(default, deserialize_with = "crate::de::lenient")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExecuteToolResponse {
    #[serde_with(skip_apply)]
    #[serde(default, deserialize_with = "crate::de::object")]
    pub data: JsonObject,
    #[serde(alias = "executionId")]
    pub execution_id: String,
}
