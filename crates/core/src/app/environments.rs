//! Environment commands: list, create, edit, delete, duplicate, switch, test, import, export.

use std::path::Path;

use super::Kitbench;
use crate::connection_test::{self, ConnectionTest};
use crate::environments::repo::{self, NewEnvironment};
use crate::environments::{validate, Environment, EnvironmentInput, Label};
use crate::error::FieldError;
use crate::{dotenv, export, settings, Error, Result};

impl Kitbench {
    /// Every environment, the Sandbox first.
    pub async fn list_environments(&self) -> Result<Vec<Environment>> {
        repo::list(self.store.pool()).await
    }

    /// Creates an environment; the secret goes to the secret store, never the database.
    pub async fn create_environment(&self, input: &EnvironmentInput) -> Result<Environment> {
        let new = self.checked(input, None, true).await?;
        let secret = input.secret().unwrap_or_default().to_string();
        let id = repo::new_id();
        let env = repo::insert(self.store.pool(), &id, &new).await?;
        // The row is only kept if its secret could be stored: no half-made environments.
        if let Err(e) = self.secrets.set(&id, &secret).await {
            repo::delete(self.store.pool(), &id).await?;
            return Err(e);
        }
        // With nothing active (no Sandbox, first environment), the new one becomes active.
        if settings::active_env(self.store.pool()).await?.is_none() {
            settings::set_active_env(self.store.pool(), Some(&id)).await?;
        }
        tracing::info!(env_id = %id, "environment created");
        Ok(env)
    }

    /// Edits an environment; a blank secret keeps the stored one.
    pub async fn update_environment(
        &self,
        id: &str,
        input: &EnvironmentInput,
    ) -> Result<Environment> {
        let current = repo::get(self.store.pool(), id).await?;
        if current.is_sandbox {
            return Err(Error::invalid(
                "name",
                "The built-in Sandbox is managed by Kitbench and cannot be edited.",
            ));
        }
        // A blank secret keeps the stored one, which must not silently follow a new URL.
        let new = match (
            self.checked(input, Some(id), false).await,
            validate::stored_secret_allowed(input, &current.env_url),
        ) {
            (Ok(new), Ok(())) => new,
            (Ok(_), Err(field)) => return Err(Error::Invalid(vec![field])),
            (Err(Error::Invalid(mut fields)), Err(field)) => {
                fields.push(field);
                return Err(Error::Invalid(fields));
            }
            (Err(e), _) => return Err(e),
        };
        if let Some(secret) = input.secret() {
            self.secrets.set(id, secret).await?;
        }
        let env = repo::update(self.store.pool(), id, &new).await?;
        self.clients.invalidate(id);
        self.breakdowns.forget(id);
        Ok(env)
    }

    /// Deletes an environment and its keychain entry. The active environment moves to the
    /// Sandbox (or the first remaining one).
    pub async fn delete_environment(&self, id: &str) -> Result<()> {
        let env = repo::get(self.store.pool(), id).await?;
        if env.is_sandbox {
            return Err(Error::invalid(
                "id",
                "The built-in Sandbox cannot be deleted. Reset its data in the Sandbox panel.",
            ));
        }
        self.secrets.delete(id).await?;
        repo::delete(self.store.pool(), id).await?;
        self.clients.invalidate(id);
        self.breakdowns.forget(id);
        if settings::active_env(self.store.pool()).await?.as_deref() == Some(id) {
            settings::set_active_env(self.store.pool(), None).await?;
            self.repair_active().await?;
        }
        tracing::info!(env_id = %id, "environment deleted");
        Ok(())
    }

    /// Copies an environment (and its secret) under the name "… copy".
    pub async fn duplicate_environment(&self, id: &str) -> Result<Environment> {
        let pool = self.store.pool();
        let env = repo::get(pool, id).await?;
        if env.is_sandbox {
            return Err(Error::invalid(
                "id",
                "The built-in Sandbox cannot be duplicated: its address changes on every launch.",
            ));
        }
        let new = NewEnvironment {
            name: repo::copy_name(pool, &env.name).await?,
            env_url: env.env_url.clone(),
            client_id: env.client_id.clone(),
            label: env.label,
            is_sandbox: false,
        };
        let copy_id = repo::new_id();
        let copy = repo::insert(pool, &copy_id, &new).await?;
        if let Some(secret) = self.secrets.get(id).await? {
            if let Err(e) = self.secrets.set(&copy_id, &secret).await {
                repo::delete(pool, &copy_id).await?;
                return Err(e);
            }
        }
        Ok(copy)
    }

    /// Makes an environment the active one and stamps its last use.
    pub async fn set_active_environment(&self, id: &str) -> Result<Environment> {
        let pool = self.store.pool();
        repo::get(pool, id).await?;
        repo::touch(pool, id).await?;
        settings::set_active_env(pool, Some(id)).await?;
        repo::get(pool, id).await
    }

    /// Tests a saved environment with its stored secret.
    pub async fn test_environment(&self, id: &str) -> Result<ConnectionTest> {
        let env = repo::get(self.store.pool(), id).await?;
        let secret = self
            .secrets
            .get(id)
            .await?
            .ok_or_else(|| Error::SecretMissing(env.name.clone()))?;
        Ok(connection_test::run(&env.env_url, &env.client_id, &secret).await)
    }

    /// Tests what the form holds before saving; a blank secret uses the one stored for
    /// `existing_id`, but only when the form still points at the URL it was stored with
    /// (otherwise a validation error on `client_secret` asks for it again).
    pub async fn test_environment_input(
        &self,
        input: &EnvironmentInput,
        existing_id: Option<&str>,
    ) -> Result<ConnectionTest> {
        let secret = match (input.secret(), existing_id) {
            (Some(s), _) => s.to_string(),
            (None, Some(id)) => {
                let env = repo::get(self.store.pool(), id).await?;
                validate::stored_secret_allowed(input, &env.env_url)
                    .map_err(|field| Error::Invalid(vec![field]))?;
                self.secrets.get(id).await?.unwrap_or_default()
            }
            (None, None) => String::new(),
        };
        Ok(connection_test::run(input.env_url.trim(), input.client_id.trim(), &secret).await)
    }

    /// Creates an environment from a `.env` file's text. The name defaults to the URL's host.
    pub async fn import_dotenv(
        &self,
        text: &str,
        name: Option<&str>,
        label: Label,
    ) -> Result<Environment> {
        let creds = dotenv::credentials(text)?;
        let name = match name.map(str::trim).filter(|n| !n.is_empty()) {
            Some(n) => n.to_string(),
            None => {
                let host = url::Url::parse(&creds.env_url)
                    .ok()
                    .and_then(|u| u.host_str().map(str::to_string))
                    .unwrap_or_else(|| "Imported".into());
                match repo::name_taken(self.store.pool(), &host, None).await? {
                    true => repo::copy_name(self.store.pool(), &host).await?,
                    false => host,
                }
            }
        };
        let input = EnvironmentInput {
            name,
            env_url: creds.env_url,
            client_id: creds.client_id,
            client_secret: Some(creds.client_secret),
            label,
        };
        self.create_environment(&input).await
    }

    /// Every environment except the Sandbox as JSON, without secrets.
    pub async fn export_environments(&self) -> Result<String> {
        export::to_json(&repo::list(self.store.pool()).await?)
    }

    /// Writes [`Kitbench::export_environments`] to `path`.
    pub async fn export_environments_to(&self, path: &Path) -> Result<()> {
        let json = self.export_environments().await?;
        tokio::fs::write(path, json)
            .await
            .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))
    }

    /// Validates the form and checks the name is free; returns the row to write.
    pub(super) async fn checked(
        &self,
        input: &EnvironmentInput,
        id: Option<&str>,
        secret_required: bool,
    ) -> Result<NewEnvironment> {
        let mut errors = validate::input(input, secret_required)
            .err()
            .unwrap_or_default();
        let name = input.name.trim().to_string();
        if !name.is_empty() && repo::name_taken(self.store.pool(), &name, id).await? {
            errors.push(FieldError::new(
                "name",
                format!("An environment named \"{name}\" already exists."),
            ));
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        Ok(NewEnvironment {
            name,
            env_url: validate::env_url(&input.env_url).map_err(|m| Error::invalid("env_url", m))?,
            client_id: input.client_id.trim().to_string(),
            label: input.label,
            is_sandbox: false,
        })
    }
}
