//! Which accounts a list shows: filters the API applies on the server.

use agentkit::wire::connected_accounts::ListConnectedAccountsRequest;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, FieldError, Result};

/// The largest page `ListConnectedAccounts` accepts (`page_size < 100`).
pub const PAGE_SIZE: u32 = 99;

/// Filters for the accounts list; null or blank means "any". All are applied by the server.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export_to = "AccountFilter.ts")]
pub struct AccountFilter {
    /// Exactly this connection name.
    pub connection: Option<String>,
    /// Exactly this identifier.
    pub identifier: Option<String>,
    /// Exactly this provider key.
    pub provider: Option<String>,
    /// Free text matched against identifier, connection and provider.
    pub query: Option<String>,
}

/// Trimmed, `None` when blank.
pub(crate) fn given(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

/// A connection name as the API allows it (`^[a-zA-Z0-9_: -]*$`, at most 400 characters).
pub(crate) fn connection_name_problem(name: &str) -> Option<&'static str> {
    if name.chars().count() > 400 {
        return Some("A connection name has at most 400 characters.");
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | ' ' | '-');
    (!name.chars().all(allowed))
        .then_some("A connection name has only letters, digits, spaces, '_', ':' and '-'.")
}

impl AccountFilter {
    /// The request for one page, after checking each filter against the API's limits (so a
    /// bad filter is a field error here instead of a 400 from the server).
    pub fn to_request(&self, page_token: Option<&str>) -> Result<ListConnectedAccountsRequest> {
        let connector = given(self.connection.as_deref());
        let identifier = given(self.identifier.as_deref());
        let provider = given(self.provider.as_deref());
        let query = given(self.query.as_deref());
        let page_token = given(page_token);
        let mut fields = Vec::new();
        if let Some(problem) = connector.as_deref().and_then(connection_name_problem) {
            fields.push(FieldError::new("connection", problem));
        }
        let too_long = [
            ("identifier", &identifier, 100),
            ("provider", &provider, 50),
            ("query", &query, 100),
            ("page_token", &page_token, 100),
        ];
        for (field, value, max) in too_long {
            if value.as_ref().is_some_and(|v| v.chars().count() > max) {
                fields.push(FieldError::new(field, format!("At most {max} characters.")));
            }
        }
        if !fields.is_empty() {
            return Err(Error::Invalid(fields));
        }
        Ok(ListConnectedAccountsRequest {
            connector,
            identifier,
            provider,
            query,
            page_size: Some(PAGE_SIZE),
            page_token,
            ..Default::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_filters_are_absent_and_bad_ones_are_field_errors() {
        let filter = AccountFilter {
            connection: Some("  ".into()),
            identifier: Some(" a@b.c ".into()),
            ..Default::default()
        };
        let req = filter.to_request(Some("")).unwrap();
        assert_eq!(req.connector, None);
        assert_eq!(req.identifier.as_deref(), Some("a@b.c"));
        assert_eq!(req.page_size, Some(99));
        assert_eq!(req.page_token, None);

        let bad = AccountFilter {
            connection: Some("gmail/x".into()),
            provider: Some("p".repeat(51)),
            ..Default::default()
        };
        let Err(Error::Invalid(fields)) = bad.to_request(None) else {
            panic!("expected field errors");
        };
        let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["connection", "provider"]);
    }
}
