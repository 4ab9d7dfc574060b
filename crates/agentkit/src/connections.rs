//! ConnectionService.ListAppConnections: the AgentKit connections of the environment.

use crate::accounts::next_token;
use crate::client::{Client, Rpc};
use crate::error::Result;
use crate::wire::connections::{
    ListAppConnectionsRequest, ListAppConnectionsResponse, ListConnection,
};

/// The largest page ListAppConnections accepts.
const MAX_CONNECTION_PAGE: u32 = 30;

impl Client {
    /// `GET /api/v1/connections/app`: one page of connections. A connection's `key_id` is the
    /// name every other request calls `connector`.
    pub async fn list_app_connections(
        &self,
        req: &ListAppConnectionsRequest,
    ) -> Result<ListAppConnectionsResponse> {
        self.rpc(Rpc::get("/api/v1/connections/app").query(req))
            .await
    }

    /// Every connection, walking all pages (30 per page).
    pub async fn list_all_app_connections(&self) -> Result<Vec<ListConnection>> {
        let mut req = ListAppConnectionsRequest {
            page_size: Some(MAX_CONNECTION_PAGE),
            ..Default::default()
        };
        let mut all = Vec::new();
        loop {
            let page = self.list_app_connections(&req).await?;
            all.extend(page.connections);
            match next_token(req.page_token.as_deref(), page.next_page_token)? {
                Some(token) => req.page_token = Some(token),
                None => return Ok(all),
            }
        }
    }
}
