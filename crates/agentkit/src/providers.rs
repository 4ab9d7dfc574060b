//! ProviderService: the connector catalog and custom providers.

use crate::client::{required, Client, Rpc};
use crate::error::Result;
use crate::path::segment;
use crate::wire::providers::{
    CustomProviderInput, ListProvidersRequest, ListProvidersResponse, Provider, ProviderResponse,
};

impl Client {
    /// `GET /api/v1/providers`: catalog (`DEFAULT`), custom (`CUSTOM`) or `ALL` providers.
    pub async fn list_providers(
        &self,
        req: &ListProvidersRequest,
    ) -> Result<ListProvidersResponse> {
        self.rpc(Rpc::get("/api/v1/providers").query(req)).await
    }

    /// `POST /api/v1/custom-providers` with the bare provider as the body.
    pub async fn create_custom_provider(&self, p: &CustomProviderInput) -> Result<Provider> {
        let answer: ProviderResponse = self
            .rpc(Rpc::post("/api/v1/custom-providers").json(p)?)
            .await?;
        required(answer.provider, "provider")
    }

    /// `PUT /api/v1/custom-providers/{identifier}`: replaces metadata and auth patterns.
    pub async fn update_custom_provider(
        &self,
        identifier: &str,
        p: &CustomProviderInput,
    ) -> Result<Provider> {
        let path = format!("/api/v1/custom-providers/{}", segment(identifier));
        let answer: ProviderResponse = self.rpc(Rpc::put(path).json(p)?).await?;
        required(answer.provider, "provider")
    }

    /// `DELETE /api/v1/custom-providers/{identifier}`.
    pub async fn delete_custom_provider(&self, identifier: &str) -> Result<()> {
        let path = format!("/api/v1/custom-providers/{}", segment(identifier));
        self.rpc_empty(Rpc::delete(path)).await
    }
}
