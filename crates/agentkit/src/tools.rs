//! ToolService: listing, searching and executing tools. These calls use the tool timeout.

use crate::client::{Client, Rpc};
use crate::error::Result;
use crate::wire::tools::{
    ExecuteToolRequest, ExecuteToolResponse, ListAvailableToolsRequest, ListAvailableToolsResponse,
    ListScopedToolsRequest, ListScopedToolsResponse, ListToolsRequest, ListToolsResponse,
    SearchToolsRequest, SearchToolsResponse,
};

impl Client {
    /// `GET /api/v1/tools`: the tool catalog, filtered.
    pub async fn list_tools(&self, req: &ListToolsRequest) -> Result<ListToolsResponse> {
        self.rpc(Rpc::get("/api/v1/tools").query(req).tool()).await
    }

    /// `GET /api/v1/tools/scoped`: the tools an identifier's accounts can run, each with the
    /// account that would run it.
    pub async fn list_scoped_tools(
        &self,
        req: &ListScopedToolsRequest,
    ) -> Result<ListScopedToolsResponse> {
        self.rpc(Rpc::get("/api/v1/tools/scoped").query(req).tool())
            .await
    }

    /// `GET /api/v1/tools/available`: tools of the providers an identifier has accounts on.
    pub async fn list_available_tools(
        &self,
        req: &ListAvailableToolsRequest,
    ) -> Result<ListAvailableToolsResponse> {
        self.rpc(Rpc::get("/api/v1/tools/available").query(req).tool())
            .await
    }

    /// `POST /api/v1/tools:search`: semantic search; a lookup, so 429 is retried.
    pub async fn search_tools(&self, req: &SearchToolsRequest) -> Result<SearchToolsResponse> {
        let rpc = Rpc::post("/api/v1/tools:search").json(req)?.lookup().tool();
        self.rpc(rpc).await
    }

    /// `POST /api/v1/execute_tool`: runs a tool for an account. Never retried (the provider
    /// may already have acted); provider failures come back as [`Error::Tool`](crate::Error).
    pub async fn execute_tool(&self, req: &ExecuteToolRequest) -> Result<ExecuteToolResponse> {
        let rpc = Rpc::post("/api/v1/execute_tool")
            .json(req)?
            .never_retry()
            .tool();
        self.rpc(rpc).await
    }
}
