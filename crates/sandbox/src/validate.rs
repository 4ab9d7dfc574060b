//! Request validation in the style of protovalidate (`buf.validate`): each failed constraint is
//! one field violation with the rule id as `constraint`, and all of them are reported at once.

use crate::http::ApiError;
use agentkit_wire::FieldViolation;

/// The `pattern` rules that occur in the AgentKit protos, checked without a regex engine.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Pattern {
    /// `^[a-zA-Z0-9_: -]*$`: connection names.
    Connector,
    /// `^[a-z0-9_-]+$`: MCP config names.
    McpName,
    /// `^[a-zA-Z0-9_-]*$`: the MCP config name filter.
    NameFilter,
    /// `^[a-zA-Z0-9_:-]*$`: provider identifiers.
    ProviderIdentifier,
    /// `^[a-zA-Z0-9 ]*[a-zA-Z0-9][a-zA-Z0-9 ]*$`: provider display names.
    DisplayName,
    /// `^https://`.
    Https,
    /// `^(https://.*)?$`.
    OptionalHttps,
    /// The real rule is `^$|^https?://`. The desktop app receives the consent redirect through
    /// a `kitbench://` deep link, which that rule rejects, so the Sandbox accepts any
    /// `scheme://` URL (`^$|^[a-z][a-z0-9+.-]*://`) instead.
    VerifyUrl,
}

impl Pattern {
    fn source(self) -> &'static str {
        match self {
            Pattern::Connector => "^[a-zA-Z0-9_: -]*$",
            Pattern::McpName => "^[a-z0-9_-]+$",
            Pattern::NameFilter => "^[a-zA-Z0-9_-]*$",
            Pattern::ProviderIdentifier => "^[a-zA-Z0-9_:-]*$",
            Pattern::DisplayName => "^[a-zA-Z0-9 ]*[a-zA-Z0-9][a-zA-Z0-9 ]*$",
            Pattern::Https => "^https://",
            Pattern::OptionalHttps => "^(https://.*)?$",
            Pattern::VerifyUrl => "^$|^[a-z][a-z0-9+.-]*://",
        }
    }

    fn matches(self, s: &str) -> bool {
        let all = |extra: &str| {
            s.chars()
                .all(|c| c.is_ascii_alphanumeric() || extra.contains(c))
        };
        match self {
            Pattern::Connector => all("_: -"),
            Pattern::McpName => {
                !s.is_empty()
                    && s.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_-".contains(c))
            }
            Pattern::NameFilter => all("_-"),
            Pattern::ProviderIdentifier => all("_:-"),
            Pattern::DisplayName => all(" ") && s.chars().any(|c| c.is_ascii_alphanumeric()),
            Pattern::Https => s.starts_with("https://"),
            Pattern::OptionalHttps => s.is_empty() || s.starts_with("https://"),
            Pattern::VerifyUrl => s.is_empty() || has_scheme(s),
        }
    }
}

fn has_scheme(s: &str) -> bool {
    let Some((scheme, _)) = s.split_once("://") else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "+.-".contains(c))
}

/// Collects violations; [`Checks::finish`] turns them into one 400 INVALID_ARGUMENT.
#[derive(Default)]
pub(crate) struct Checks {
    violations: Vec<FieldViolation>,
}

impl Checks {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Adds a violation. A field that is missing (`required`) reports nothing else, as
    /// protovalidate stops at the `required` rule.
    pub(crate) fn fail(&mut self, field: &str, description: impl Into<String>, constraint: &str) {
        let missing = self
            .violations
            .iter()
            .any(|v| v.field == field && v.constraint == "required");
        if missing {
            return;
        }
        self.violations.push(FieldViolation {
            field: field.to_string(),
            description: description.into(),
            constraint: constraint.to_string(),
        });
    }

    /// `required`: present and not empty.
    pub(crate) fn required(&mut self, field: &str, value: Option<&str>) -> &mut Self {
        if value.is_none_or(str::is_empty) {
            self.fail(field, "value is required", "required");
        }
        self
    }

    /// `string.min_len` / `string.max_len` (in characters), when the field is present.
    pub(crate) fn len(
        &mut self,
        field: &str,
        value: Option<&str>,
        min: usize,
        max: usize,
    ) -> &mut Self {
        if let Some(v) = value {
            let n = v.chars().count();
            if n < min {
                self.fail(
                    field,
                    format!("value length must be at least {min} characters"),
                    "string.min_len",
                );
            } else if n > max {
                self.fail(
                    field,
                    format!("value length must be at most {max} characters"),
                    "string.max_len",
                );
            }
        }
        self
    }

    /// `string.max_len` only.
    pub(crate) fn max_len(&mut self, field: &str, value: Option<&str>, max: usize) -> &mut Self {
        self.len(field, value, 0, max)
    }

    /// `string.pattern`, when the field is present.
    pub(crate) fn pattern(&mut self, field: &str, value: Option<&str>, p: Pattern) -> &mut Self {
        if let Some(v) = value {
            if !p.matches(v) {
                self.fail(
                    field,
                    format!("value does not match regex pattern `{}`", p.source()),
                    "string.pattern",
                );
            }
        }
        self
    }

    /// `string.prefix`, when the field is present and not empty.
    pub(crate) fn prefix(&mut self, field: &str, value: Option<&str>, prefix: &str) -> &mut Self {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            if !v.starts_with(prefix) {
                self.fail(
                    field,
                    format!("value does not have prefix `{prefix}`"),
                    "string.prefix",
                );
            }
        }
        self
    }

    /// `string.in`.
    pub(crate) fn one_of(
        &mut self,
        field: &str,
        value: Option<&str>,
        allowed: &[&str],
    ) -> &mut Self {
        if let Some(v) = value {
            if !allowed.contains(&v) {
                let list: Vec<String> = allowed.iter().map(|a| format!("'{a}'")).collect();
                self.fail(
                    field,
                    format!("value must be in list [{}]", list.join(", ")),
                    "string.in",
                );
            }
        }
        self
    }

    /// `uint32.lt`.
    pub(crate) fn lt(&mut self, field: &str, value: Option<u32>, bound: u32) -> &mut Self {
        if value.is_some_and(|v| v >= bound) {
            self.fail(
                field,
                format!("value must be less than {bound}"),
                "uint32.lt",
            );
        }
        self
    }

    /// `uint32.lte`.
    pub(crate) fn lte(&mut self, field: &str, value: Option<u32>, bound: u32) -> &mut Self {
        if value.is_some_and(|v| v > bound) {
            self.fail(
                field,
                format!("value must be less than or equal to {bound}"),
                "uint32.lte",
            );
        }
        self
    }

    /// `repeated.max_items`.
    pub(crate) fn max_items(&mut self, field: &str, count: usize, max: usize) -> &mut Self {
        if count > max {
            self.fail(
                field,
                format!("value must contain no more than {max} item(s)"),
                "repeated.max_items",
            );
        }
        self
    }

    /// The account-scoping fields shared by the connected-account requests.
    pub(crate) fn account_scope(
        &mut self,
        organization_id: Option<&str>,
        user_id: Option<&str>,
        connector: Option<&str>,
        identifier: Option<&str>,
    ) -> &mut Self {
        self.max_len("organization_id", organization_id, 32)
            .max_len("user_id", user_id, 32)
            .max_len("connector", connector, 400)
            .pattern("connector", connector, Pattern::Connector)
            .max_len("identifier", identifier, 100)
    }

    /// A `ca_…` account id.
    pub(crate) fn account_id(&mut self, field: &str, id: Option<&str>, max: usize) -> &mut Self {
        self.max_len(field, id, max).prefix(field, id, "ca_")
    }

    /// `Ok` when nothing failed, else the 400 with every violation.
    pub(crate) fn finish(&mut self) -> Result<(), ApiError> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(ApiError::violations(std::mem::take(&mut self.violations)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(Pattern::Connector.matches("slack-b1fqL2Dr"));
        assert!(!Pattern::Connector.matches("bad/name"));
        assert!(Pattern::McpName.matches("my-config_1") && !Pattern::McpName.matches("My"));
        assert!(Pattern::VerifyUrl.matches("kitbench://verify?x=1"));
        assert!(Pattern::VerifyUrl.matches("https://app.example.com/verify"));
        assert!(!Pattern::VerifyUrl.matches("javascript:alert(1)"));
        assert!(Pattern::DisplayName.matches("My API 2") && !Pattern::DisplayName.matches("  "));
    }

    #[test]
    fn collects_all_violations() {
        let err = Checks::new()
            .required("identifier", None)
            .len("query", Some("ab"), 3, 100)
            .lt("page_size", Some(100), 100)
            .finish()
            .unwrap_err();
        let info = err.status.details[0].validation_error_info.clone().unwrap();
        assert_eq!(info.field_violations.len(), 3);
        assert_eq!(info.field_violations[1].constraint, "string.min_len");
    }
}
