//! The environment form's checks, asked for by the UI as the user types.

use super::Kitbench;
use crate::environments::EnvironmentInput;
use crate::{Error, FieldError, Result};

impl Kitbench {
    /// What saving `input` would refuse, one entry per field; empty when it can be saved.
    /// `existing_id` is the environment being edited (its stored secret may stay).
    pub async fn validate_environment_input(
        &self,
        input: &EnvironmentInput,
        existing_id: Option<&str>,
    ) -> Result<Vec<FieldError>> {
        match self
            .checked(input, existing_id, existing_id.is_none())
            .await
        {
            Ok(_) => Ok(Vec::new()),
            Err(Error::Invalid(fields)) => Ok(fields),
            Err(other) => Err(other),
        }
    }
}
