//! The environment form's checks, asked for by the UI as the user types.

use super::Kitbench;
use crate::environments::{repo, validate, EnvironmentInput};
use crate::{Error, FieldError, Result};

impl Kitbench {
    /// What saving `input` would refuse, one entry per field; empty when it can be saved.
    /// `existing_id` is the environment being edited (its stored secret may stay, but only
    /// for the URL it was stored with).
    pub async fn validate_environment_input(
        &self,
        input: &EnvironmentInput,
        existing_id: Option<&str>,
    ) -> Result<Vec<FieldError>> {
        let mut fields = match self
            .checked(input, existing_id, existing_id.is_none())
            .await
        {
            Ok(_) => Vec::new(),
            Err(Error::Invalid(fields)) => fields,
            Err(other) => return Err(other),
        };
        if let Some(id) = existing_id {
            let stored = repo::get(self.store.pool(), id).await?;
            if let Err(field) = validate::stored_secret_allowed(input, &stored.env_url) {
                fields.push(field);
            }
        }
        Ok(fields)
    }
}
