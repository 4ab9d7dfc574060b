//! What the create and edit forms send: credentials by kind, the API config, and their checks.

use agentkit::wire::connected_accounts::{
    AccountInput as WireInput, AuthorizationDetails, StaticAuth,
};
use agentkit::wire::JsonObject;
use serde::Deserialize;
use serde_json::Value;
use ts_rs::TS;

use super::filter::connection_name_problem;
use crate::{Error, FieldError, Result};

/// An account's credentials, by the kind its connection uses. OAuth carries nothing: the account
/// is created pending and authorized through a magic link.
#[derive(Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[ts(export_to = "Credentials.ts")]
pub enum Credentials {
    /// Authorized later, in the browser.
    Oauth,
    /// An API key.
    ApiKey {
        /// The key.
        api_key: String,
    },
    /// A bearer token.
    Bearer {
        /// The token.
        token: String,
    },
    /// A user name and password.
    Basic {
        /// The user name.
        username: String,
        /// The password.
        password: String,
    },
}

// Written by hand so a credential never reaches a log line through `{:?}`.
impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials::{:?}(…)", self.kind())
    }
}

/// The four credential kinds, to compare what a form sends with what a connection takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialKind {
    /// OAuth and every other browser-authorized type.
    Oauth,
    /// `API_KEY`.
    ApiKey,
    /// `BEARER` / `BEARER_TOKEN`.
    Bearer,
    /// `BASIC` / `BASIC_AUTH`.
    Basic,
}

impl CredentialKind {
    /// The kind a connection type (`Connection.auth_type`) or account type
    /// (`AccountRow.auth_type`) takes; types authorized in the browser read as OAuth.
    pub fn of_type(auth_type: &str) -> Self {
        match auth_type {
            "API_KEY" => Self::ApiKey,
            "BEARER" | "BEARER_TOKEN" => Self::Bearer,
            "BASIC" | "BASIC_AUTH" => Self::Basic,
            _ => Self::Oauth,
        }
    }

    fn words(self) -> &'static str {
        match self {
            Self::Oauth => "authorized in the browser (OAuth)",
            Self::ApiKey => "an API key",
            Self::Bearer => "a bearer token",
            Self::Basic => "a user name and password",
        }
    }
}

impl Credentials {
    /// Which kind these are.
    pub fn kind(&self) -> CredentialKind {
        match self {
            Self::Oauth => CredentialKind::Oauth,
            Self::ApiKey { .. } => CredentialKind::ApiKey,
            Self::Bearer { .. } => CredentialKind::Bearer,
            Self::Basic { .. } => CredentialKind::Basic,
        }
    }

    /// Blank values, one field error each.
    fn problems(&self, fields: &mut Vec<FieldError>) {
        let mut required = |field: &str, value: &str, what: &str| {
            if value.trim().is_empty() {
                fields.push(FieldError::new(field, format!("Enter the {what}.")));
            }
        };
        match self {
            Self::Oauth => {}
            Self::ApiKey { api_key } => required("api_key", api_key, "API key"),
            Self::Bearer { token } => required("token", token, "token"),
            Self::Basic { username, password } => {
                required("username", username, "user name");
                required("password", password, "password");
            }
        }
    }

    /// A field error on `credentials` unless these are the kind `auth_type` takes.
    pub fn check_kind(&self, auth_type: &str, whose: &str) -> Result<()> {
        let wanted = CredentialKind::of_type(auth_type);
        if self.kind() == wanted {
            return Ok(());
        }
        Err(Error::invalid(
            "credentials",
            format!("{whose} takes {} ({auth_type}).", wanted.words()),
        ))
    }

    /// The wire's `authorization_details` (`static_auth.details` with the names the API's
    /// connectors read: `api_key`, `token`, `username` + `password`); none for OAuth.
    pub fn to_wire(&self) -> Option<AuthorizationDetails> {
        let pairs: Vec<(&str, &str)> = match self {
            Self::Oauth => return None,
            Self::ApiKey { api_key } => vec![("api_key", api_key)],
            Self::Bearer { token } => vec![("token", token)],
            Self::Basic { username, password } => {
                vec![("username", username), ("password", password)]
            }
        };
        let details: JsonObject = pairs
            .into_iter()
            .map(|(k, v)| (k.to_string(), Value::String(v.to_string())))
            .collect();
        Some(AuthorizationDetails {
            static_auth: Some(StaticAuth { details }),
            ..AuthorizationDetails::default()
        })
    }
}

/// The create form: a new account of `identifier` on `connection`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export_to = "AccountInput.ts")]
pub struct AccountInput {
    /// The connection name.
    pub connection: String,
    /// Who the account is for (a user id or e-mail), at most 100 characters.
    pub identifier: String,
    /// Of the kind the connection takes.
    pub credentials: Credentials,
    /// Per-account API settings: a JSON object, or null.
    pub api_config: Option<Value>,
}

/// The edit form: what to replace; null leaves it as it is.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export_to = "AccountUpdate.ts")]
pub struct AccountUpdate {
    /// New credentials, of the kind the account takes (OAuth accounts are re-authorized instead).
    pub credentials: Option<Credentials>,
    /// A new API config (a JSON object).
    pub api_config: Option<Value>,
}

/// The API config as the wire takes it; a field error unless it is an object (or null).
fn api_config(value: Option<&Value>, fields: &mut Vec<FieldError>) -> Option<JsonObject> {
    match value {
        None | Some(Value::Null) => None,
        Some(Value::Object(map)) => Some(map.clone()),
        Some(_) => {
            fields.push(FieldError::new(
                "api_config",
                "The API config is a JSON object ({\"key\": …}).",
            ));
            None
        }
    }
}

fn finish<T>(fields: Vec<FieldError>, value: T) -> Result<T> {
    match fields.is_empty() {
        true => Ok(value),
        false => Err(Error::Invalid(fields)),
    }
}

impl AccountInput {
    /// Checks every field that can be checked without the server and answers the trimmed
    /// connection, identifier and the wire's account input.
    pub fn checked(&self) -> Result<(String, String, WireInput)> {
        let mut fields = Vec::new();
        let connection = self.connection.trim().to_string();
        let identifier = self.identifier.trim().to_string();
        if connection.is_empty() {
            fields.push(FieldError::new("connection", "Choose a connection."));
        } else if let Some(problem) = connection_name_problem(&connection) {
            fields.push(FieldError::new("connection", problem));
        }
        if identifier.is_empty() {
            fields.push(FieldError::new("identifier", "Enter an identifier."));
        } else if identifier.chars().count() > 100 {
            fields.push(FieldError::new("identifier", "At most 100 characters."));
        }
        self.credentials.problems(&mut fields);
        let api_config = api_config(self.api_config.as_ref(), &mut fields);
        let wire = WireInput {
            authorization_details: self.credentials.to_wire(),
            api_config,
        };
        finish(fields, (connection, identifier, wire))
    }
}

impl AccountUpdate {
    /// Checks the form and answers the wire's account input; an update that changes nothing
    /// is refused.
    pub fn checked(&self) -> Result<WireInput> {
        let mut fields = Vec::new();
        if let Some(c) = &self.credentials {
            c.problems(&mut fields);
            if c.kind() == CredentialKind::Oauth {
                fields.push(FieldError::new(
                    "credentials",
                    "OAuth accounts get new tokens by authorizing again.",
                ));
            }
        }
        let api_config = api_config(self.api_config.as_ref(), &mut fields);
        if self.credentials.is_none() && api_config.is_none() && fields.is_empty() {
            fields.push(FieldError::new(
                "credentials",
                "Give new credentials or an API config.",
            ));
        }
        let wire = WireInput {
            authorization_details: self.credentials.as_ref().and_then(Credentials::to_wire),
            api_config,
        };
        finish(fields, wire)
    }
}
