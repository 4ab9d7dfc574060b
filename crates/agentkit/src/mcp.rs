//! McpService: MCP configs, per-user instances, their auth state and session tokens.

use crate::client::{required, Client, Rpc};
use crate::error::{Error, Result};
use crate::path::segment;
use crate::wire::mcp::{
    CreateMcpSessionTokenRequest, CreateMcpSessionTokenResponse, EnsureMcpInstanceRequest,
    GetMcpInstanceAuthStateResponse, ListMcpConfigsRequest, ListMcpConfigsResponse,
    ListMcpConnectedAccountsRequest, ListMcpConnectedAccountsResponse, ListMcpInstancesRequest,
    ListMcpInstancesResponse, McpConfig, McpConfigResponse, McpInstance, McpInstanceResponse,
    UpdateMcpConfigRequest, UpdateMcpInstanceRequest,
};

fn config_path(config_id: &str) -> String {
    format!("/api/v1/mcp/configs/{}", segment(config_id))
}

fn instance_path(instance_id: &str) -> String {
    format!("/api/v1/mcp/instances/{}", segment(instance_id))
}

/// A non-empty optional string.
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|v| !v.is_empty())
}

impl Client {
    /// `GET /api/v1/mcp/configs`.
    pub async fn list_mcp_configs(
        &self,
        req: &ListMcpConfigsRequest,
    ) -> Result<ListMcpConfigsResponse> {
        self.rpc(Rpc::get("/api/v1/mcp/configs").query(req)).await
    }

    /// `GET /api/v1/mcp/configs/{config_id}`.
    pub async fn get_mcp_config(&self, config_id: &str) -> Result<McpConfig> {
        let answer: McpConfigResponse = self.rpc(Rpc::get(config_path(config_id))).await?;
        required(answer.config, "config")
    }

    /// `POST /api/v1/mcp/configs` with the bare config as the body (`id` and `mcp_server_url`
    /// are assigned by the server).
    pub async fn create_mcp_config(&self, config: &McpConfig) -> Result<McpConfig> {
        let answer: McpConfigResponse = self
            .rpc(Rpc::post("/api/v1/mcp/configs").json(config)?)
            .await?;
        required(answer.config, "config")
    }

    /// `PUT /api/v1/mcp/configs/{config_id}`: description and tool mappings.
    pub async fn update_mcp_config(
        &self,
        config_id: &str,
        req: &UpdateMcpConfigRequest,
    ) -> Result<McpConfig> {
        let answer: McpConfigResponse = self
            .rpc(Rpc::put(config_path(config_id)).json(req)?)
            .await?;
        required(answer.config, "config")
    }

    /// `DELETE /api/v1/mcp/configs/{config_id}`.
    pub async fn delete_mcp_config(&self, config_id: &str) -> Result<()> {
        self.rpc_empty(Rpc::delete(config_path(config_id))).await
    }

    /// `POST /api/v1/mcp/instances`: the user's instance of a config, created on first call.
    pub async fn ensure_mcp_instance(&self, req: &EnsureMcpInstanceRequest) -> Result<McpInstance> {
        let answer: McpInstanceResponse = self
            .rpc(Rpc::post("/api/v1/mcp/instances").json(req)?)
            .await?;
        required(answer.instance, "instance")
    }

    /// `GET /api/v1/mcp/instances`.
    pub async fn list_mcp_instances(
        &self,
        req: &ListMcpInstancesRequest,
    ) -> Result<ListMcpInstancesResponse> {
        self.rpc(Rpc::get("/api/v1/mcp/instances").query(req)).await
    }

    /// `GET /api/v1/mcp/instances/{instance_id}`. The instance `url` is a credential.
    pub async fn get_mcp_instance(&self, instance_id: &str) -> Result<McpInstance> {
        let answer: McpInstanceResponse = self.rpc(Rpc::get(instance_path(instance_id))).await?;
        required(answer.instance, "instance")
    }

    /// `PATCH /api/v1/mcp/instances/{instance_id}`.
    pub async fn update_mcp_instance(
        &self,
        instance_id: &str,
        req: &UpdateMcpInstanceRequest,
    ) -> Result<McpInstance> {
        let rpc = Rpc::patch(instance_path(instance_id)).json(req)?;
        let answer: McpInstanceResponse = self.rpc(rpc).await?;
        required(answer.instance, "instance")
    }

    /// `DELETE /api/v1/mcp/instances/{instance_id}`.
    pub async fn delete_mcp_instance(&self, instance_id: &str) -> Result<()> {
        self.rpc_empty(Rpc::delete(instance_path(instance_id)))
            .await
    }

    /// `POST /api/v1/mcp/instances/{instance_id}:get_auth_state?include_auth_links=…` (no
    /// body): where each connection of the instance stands for its user.
    pub async fn get_mcp_instance_auth_state(
        &self,
        instance_id: &str,
        include_auth_links: bool,
    ) -> Result<GetMcpInstanceAuthStateResponse> {
        #[derive(serde::Serialize)]
        struct Query {
            include_auth_links: bool,
        }
        let path = format!("{}:get_auth_state", instance_path(instance_id));
        let rpc = Rpc::post(path)
            .query(&Query { include_auth_links })
            .lookup();
        self.rpc(rpc).await
    }

    /// `POST /api/v1/mcp/configs/{config_id}/connected_accounts`. With `include_auth_link`
    /// the server creates missing accounts, so only the plain lookup retries a 429.
    pub async fn list_mcp_connected_accounts(
        &self,
        config_id: &str,
        req: &ListMcpConnectedAccountsRequest,
    ) -> Result<ListMcpConnectedAccountsResponse> {
        let path = format!("{}/connected_accounts", config_path(config_id));
        let mut rpc = Rpc::post(path).json(req)?;
        if !req.include_auth_link {
            rpc = rpc.lookup();
        }
        self.rpc(rpc).await
    }

    /// `POST /api/v1/mcp/configs/{mcp_config_id}/tokens` when `mcp_config_id` is set, or
    /// `POST /api/v1/mcp/connections/{key_id}/tokens` when `key_id` is; exactly one of them
    /// must be given ([`Error::InvalidRequest`] otherwise, before anything is sent).
    pub async fn create_mcp_session_token(
        &self,
        req: &CreateMcpSessionTokenRequest,
    ) -> Result<CreateMcpSessionTokenResponse> {
        let rpc = match (given(&req.mcp_config_id), given(&req.key_id)) {
            (Some(config_id), None) => {
                let path = format!("{}/tokens", config_path(config_id));
                Rpc::post(path).json_without(req, &["mcp_config_id", "key_id"])?
            }
            (None, Some(key_id)) => {
                let path = format!("/api/v1/mcp/connections/{}/tokens", segment(key_id));
                Rpc::post(path).json_without(req, &["mcp_config_id", "key_id"])?
            }
            (Some(_), Some(_)) => {
                return Err(Error::InvalidRequest(
                    "Give either mcp_config_id or key_id (a connection name), not both".into(),
                ))
            }
            (None, None) => {
                return Err(Error::InvalidRequest(
                    "Give mcp_config_id or key_id (a connection name) to mint a session token"
                        .into(),
                ))
            }
        };
        self.rpc(rpc).await
    }
}
