//! MCP configs, instances, their auth state and client snippets: the commands behind the MCP
//! configs and instances screens (the inspector's are in `mcp_inspector.rs`).

use std::sync::Arc;

use agentkit::wire::mcp::{
    EnsureMcpInstanceRequest, ListMcpConfigsRequest, UpdateMcpConfigRequest,
    UpdateMcpInstanceRequest,
};

use super::Kitbench;
use crate::authorizations::Authorization;
use crate::environments::{repo, Label};
use crate::ipc::Notifier;
use crate::mcp::api_fields::with_field_errors;
use crate::mcp::config::CONFIG_PAGE_SIZE;
use crate::mcp::{
    snippets, McpConfigInput, McpConfigPage, McpConfigView, McpConnectionState, McpInstanceFilter,
    McpInstancePage, McpInstanceView, McpSnippet,
};
use crate::tools::model::text;
use crate::{Error, Result};

pub(super) fn required<'a>(value: &'a str, field: &str, what: &str) -> Result<&'a str> {
    let v = value.trim();
    if v.is_empty() {
        Err(Error::invalid(field, format!("Give the {what}.")))
    } else {
        Ok(v)
    }
}

impl Kitbench {
    /// One page (30) of MCP configs; `search` matches the name or description on the server.
    pub async fn list_mcp_configs(
        &self,
        env_id: &str,
        search: Option<&str>,
        page_token: Option<&str>,
    ) -> Result<McpConfigPage> {
        let req = ListMcpConfigsRequest {
            filter: None,
            search: text(search),
            page_size: Some(CONFIG_PAGE_SIZE),
            page_token: text(page_token),
        };
        let page = self.client(env_id).await?.list_mcp_configs(&req).await?;
        Ok(McpConfigPage {
            configs: page.configs.iter().map(McpConfigView::from).collect(),
            total_size: page.total_size,
            next_page_token: text(Some(&page.next_page_token)),
        })
    }

    /// One config by id.
    pub async fn get_mcp_config(&self, env_id: &str, config_id: &str) -> Result<McpConfigView> {
        let id = required(config_id, "config_id", "config's id")?;
        let config = self.client(env_id).await?.get_mcp_config(id).await?;
        Ok(McpConfigView::from(&config))
    }

    /// Creates a config: checked as the API checks it first; the API's own violations (an
    /// unknown connection's tools, …) come back as field errors too. Sent once.
    pub async fn create_mcp_config(
        &self,
        env_id: &str,
        input: &McpConfigInput,
    ) -> Result<McpConfigView> {
        let body = input.to_create()?;
        let client = self.client(env_id).await?;
        let created = client
            .create_mcp_config(&body)
            .await
            .map_err(with_field_errors)?;
        Ok(McpConfigView::from(&created))
    }

    /// Replaces a config's description and mappings (its name cannot change: a different name
    /// in the form is a field error).
    pub async fn update_mcp_config(
        &self,
        env_id: &str,
        config_id: &str,
        input: &McpConfigInput,
    ) -> Result<McpConfigView> {
        let id = required(config_id, "config_id", "config's id")?;
        let mappings = input.checked_mappings()?;
        let client = self.client(env_id).await?;
        let current = client.get_mcp_config(id).await?;
        if !input.name.trim().is_empty() && input.name.trim() != current.name {
            return Err(Error::invalid(
                "name",
                format!(
                    "A config cannot be renamed (it is {:?}); create a new one instead.",
                    current.name
                ),
            ));
        }
        let req = UpdateMcpConfigRequest {
            description: input.description.clone(),
            connection_tool_mappings: mappings,
        };
        let updated = client
            .update_mcp_config(id, &req)
            .await
            .map_err(with_field_errors)?;
        Ok(McpConfigView::from(&updated))
    }

    /// Deletes a config (the API deletes its instances with it).
    pub async fn delete_mcp_config(&self, env_id: &str, config_id: &str) -> Result<()> {
        let id = required(config_id, "config_id", "config's id")?;
        Ok(self.client(env_id).await?.delete_mcp_config(id).await?)
    }

    /// One page (30) of instances, filtered by the server.
    pub async fn list_mcp_instances(
        &self,
        env_id: &str,
        filter: &McpInstanceFilter,
        page_token: Option<&str>,
    ) -> Result<McpInstancePage> {
        let req = filter.to_request(page_token);
        let page = self.client(env_id).await?.list_mcp_instances(&req).await?;
        Ok(McpInstancePage {
            instances: page.instances.iter().map(McpInstanceView::from).collect(),
            total_size: page.total_size,
            next_page_token: text(Some(&page.next_page_token)),
        })
    }

    /// One instance, URL masked.
    pub async fn get_mcp_instance(
        &self,
        env_id: &str,
        instance_id: &str,
    ) -> Result<McpInstanceView> {
        let id = required(instance_id, "instance_id", "instance's id")?;
        let instance = self.client(env_id).await?.get_mcp_instance(id).await?;
        Ok(McpInstanceView::from(&instance))
    }

    /// The instance of `config_name` for `user_identifier`, created on first call (the API's
    /// ensure is idempotent per config and user).
    pub async fn ensure_mcp_instance(
        &self,
        env_id: &str,
        config_name: &str,
        user_identifier: &str,
        name: Option<&str>,
    ) -> Result<McpInstanceView> {
        let mut fields = Vec::new();
        if config_name.trim().is_empty() {
            fields.push(crate::FieldError::new("config_name", "Choose a config."));
        }
        let identifier = user_identifier.trim();
        if identifier.is_empty() || identifier.chars().count() > 255 {
            fields.push(crate::FieldError::new(
                "user_identifier",
                "Give the user's identifier (1 to 255 characters).",
            ));
        }
        if !fields.is_empty() {
            return Err(Error::Invalid(fields));
        }
        let req = EnsureMcpInstanceRequest {
            name: text(name).unwrap_or_default(),
            config_name: config_name.trim().to_string(),
            user_identifier: identifier.to_string(),
        };
        let client = self.client(env_id).await?;
        let instance = client
            .ensure_mcp_instance(&req)
            .await
            .map_err(with_field_errors)?;
        Ok(McpInstanceView::from(&instance))
    }

    /// Renames an instance and/or moves it to another config (null leaves either as it is).
    pub async fn update_mcp_instance(
        &self,
        env_id: &str,
        instance_id: &str,
        name: Option<&str>,
        config_name: Option<&str>,
    ) -> Result<McpInstanceView> {
        let id = required(instance_id, "instance_id", "instance's id")?;
        let req = UpdateMcpInstanceRequest {
            name: text(name).unwrap_or_default(),
            config_name: text(config_name).unwrap_or_default(),
        };
        if req.name.is_empty() && req.config_name.is_empty() {
            return Err(Error::invalid(
                "name",
                "Give a new name or choose another config.",
            ));
        }
        let client = self.client(env_id).await?;
        let updated = client
            .update_mcp_instance(id, &req)
            .await
            .map_err(with_field_errors)?;
        Ok(McpInstanceView::from(&updated))
    }

    /// Deletes an instance (its URL stops working); in a production environment
    /// `confirm_identifier` must be its user's identifier.
    pub async fn delete_mcp_instance(
        &self,
        env_id: &str,
        instance_id: &str,
        confirm_identifier: Option<&str>,
    ) -> Result<()> {
        let id = required(instance_id, "instance_id", "instance's id")?;
        let env = repo::get(self.store.pool(), env_id).await?;
        let client = self.client(env_id).await?;
        if env.label == Label::Production {
            let instance = client.get_mcp_instance(id).await?;
            if confirm_identifier.map(str::trim) != Some(instance.user_identifier.as_str()) {
                return Err(Error::invalid(
                    "confirm_identifier",
                    format!(
                        "This is a production environment: type the instance's user identifier \
                         ({}) to delete it.",
                        instance.user_identifier
                    ),
                ));
            }
        }
        Ok(client.delete_mcp_instance(id).await?)
    }

    /// The instance's URL itself, for the user who asked to see or copy it. Not logged, not
    /// stored.
    pub async fn reveal_mcp_instance_url(&self, env_id: &str, instance_id: &str) -> Result<String> {
        let id = required(instance_id, "instance_id", "instance's id")?;
        Ok(self.client(env_id).await?.get_mcp_instance(id).await?.url)
    }

    /// Where each connection of the instance stands for its user; with `include_links`, fresh
    /// magic links for those not active (the API creates missing accounts then).
    pub async fn mcp_instance_auth_state(
        &self,
        env_id: &str,
        instance_id: &str,
        include_links: bool,
    ) -> Result<Vec<McpConnectionState>> {
        let id = required(instance_id, "instance_id", "instance's id")?;
        let state = self
            .client(env_id)
            .await?
            .get_mcp_instance_auth_state(id, include_links)
            .await?;
        Ok(state
            .connections
            .iter()
            .map(McpConnectionState::from)
            .collect())
    }

    /// "Authorize" on one connection of an instance: the accounts' deep-link flow for the
    /// instance user's account on it, created first when there is none.
    pub async fn authorize_mcp_connection(
        self: &Arc<Self>,
        env_id: &str,
        instance_id: &str,
        connection_name: &str,
        notifier: &Notifier,
    ) -> Result<Authorization> {
        let id = required(instance_id, "instance_id", "instance's id")?;
        let connection = required(connection_name, "connection_name", "connection")?;
        let client = self.client(env_id).await?;
        let state = client.get_mcp_instance_auth_state(id, false).await?;
        let entry = state
            .connections
            .iter()
            .find(|c| c.connection_name == connection)
            .ok_or_else(|| {
                Error::NotFound(format!(
                    "The instance's config has no connection named {connection:?}."
                ))
            })?;
        let account_id = if entry.connected_account_id.is_empty() {
            let instance = client.get_mcp_instance(id).await?;
            client
                .get_or_create_connected_account(connection, &instance.user_identifier, None)
                .await?
                .id
        } else {
            entry.connected_account_id.clone()
        };
        self.start_authorization(env_id, &account_id, notifier)
            .await
    }

    /// "Add to a client" snippets for an instance; the URL in them is masked unless `reveal`.
    pub async fn mcp_client_snippets(
        &self,
        env_id: &str,
        instance_id: &str,
        reveal: bool,
    ) -> Result<Vec<McpSnippet>> {
        let id = required(instance_id, "instance_id", "instance's id")?;
        let instance = self.client(env_id).await?.get_mcp_instance(id).await?;
        let url = if reveal {
            instance.url.clone()
        } else {
            crate::mcp::mask_url(&instance.url)
        };
        Ok(snippets::snippets(&instance.name, &url))
    }
}
