//! The API's own field violations as form field errors: a 400 whose `ErrorInfo` carries
//! `validation_error_info.field_violations` becomes [`Error::Invalid`], one [`FieldError`] per
//! violation, named as the API names the field (`name`, `connection_tool_mappings[0].tools[1]`).
//! The MCP forms use the wire's field names on purpose, so these land next to the same fields
//! as the checks made before sending.

use crate::{Error, FieldError};

/// `e` as field errors when the API named the fields at fault, else `e` unchanged (with its
/// detail: status, error code, …).
pub fn with_field_errors(e: agentkit::Error) -> Error {
    let fields: Vec<FieldError> = e
        .status()
        .map(|s| {
            s.details
                .iter()
                .filter_map(|d| d.validation_error_info.as_ref())
                .flat_map(|v| &v.field_violations)
                .map(|v| {
                    let message = if v.description.is_empty() {
                        format!("{} is not valid ({})", v.field, v.constraint)
                    } else {
                        v.description.clone()
                    };
                    FieldError::new(&v.field, message)
                })
                .collect()
        })
        .unwrap_or_default();
    if fields.is_empty() {
        Error::AgentKit(e)
    } else {
        Error::Invalid(fields)
    }
}
