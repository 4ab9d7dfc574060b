//! The one error type of the core, and its IPC form (`{kind, message, fields, detail?}`).

use serde::Serialize;
use ts_rs::TS;

pub use crate::error_detail::{ErrorDetail, NetworkCause};

/// Everything that can go wrong in a core operation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that does not pass validation; each entry names the form field at fault.
    #[error("{}", invalid_summary(.0))]
    Invalid(Vec<FieldError>),
    /// The named thing does not exist (any more).
    #[error("{0}")]
    NotFound(String),
    /// The request clashes with existing data (for example a duplicate name).
    #[error("{0}")]
    Conflict(String),
    /// No usable secret store: the OS keychain is missing and session-only storage is off.
    #[error("{0}")]
    SecretStoreUnavailable(String),
    /// The keychain has no secret for this environment (removed outside the app, or the
    /// environment was stored for one session only).
    #[error("No client secret is stored for \"{0}\". Edit the environment and enter it again.")]
    SecretMissing(String),
    /// The keychain answered with an error.
    #[error("The system keychain failed: {0}")]
    SecretStore(String),
    /// An AgentKit call failed; the client's message is meant for people.
    #[error(transparent)]
    AgentKit(#[from] agentkit::Error),
    /// The built-in Sandbox could not start or is not running.
    #[error("Sandbox: {0}")]
    Sandbox(String),
    /// The database failed.
    #[error("database error: {0}")]
    Store(#[from] sqlx::Error),
    /// A schema migration failed.
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A file could not be read or written.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// The app could not open its data at start-up; every command answers this.
    #[error("{}", .0.message)]
    NotOpen(Box<IpcError>),
    /// An MCP server (the inspector's) could not be reached, refused us, or spoke no MCP; the
    /// kind says which (network, timeout, not found, unauthorized, …).
    #[error("{message}")]
    Mcp {
        /// How the UI should read it.
        kind: ErrorKind,
        /// What happened, with the URL masked.
        message: String,
    },
    /// JSON (settings, exports) did not (de)serialize.
    #[error("JSON error: {0}")]
    Json(#[from] serde_json::Error),
}

/// The core's result alias.
pub type Result<T, E = Error> = std::result::Result<T, E>;

fn invalid_summary(fields: &[FieldError]) -> String {
    match fields {
        [one] => one.message.clone(),
        many => many
            .iter()
            .map(|f| f.message.as_str())
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// One invalid form field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "FieldError.ts")]
pub struct FieldError {
    /// The field's name as the IPC input spells it (`name`, `env_url`, …).
    pub field: String,
    /// What is wrong, in a sentence.
    pub message: String,
}

impl FieldError {
    /// A field error.
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_string(),
            message: message.into(),
        }
    }
}

/// What kind of failure an [`IpcError`] is, so the UI can react (retry, fix a field, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "ErrorKind.ts")]
#[allow(missing_docs)]
pub enum ErrorKind {
    Validation,
    NotFound,
    Conflict,
    SecretStoreUnavailable,
    SecretMissing,
    SecretStore,
    Config,
    Unauthorized,
    Forbidden,
    RateLimited,
    Timeout,
    Network,
    Server,
    Unavailable,
    Tool,
    Decode,
    Sandbox,
    Internal,
    /// The user cancelled the call while it was in flight (playground runs).
    Cancelled,
}

/// An error as it crosses IPC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "IpcError.ts")]
pub struct IpcError {
    /// What kind of failure.
    pub kind: ErrorKind,
    /// A message a person can read.
    pub message: String,
    /// Per-field problems (validation errors only).
    pub fields: Vec<FieldError>,
    /// Status, codes and ids of a failed AgentKit call, or why it got no answer; absent for
    /// every other failure.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub detail: Option<ErrorDetail>,
}

impl Error {
    /// The kind the UI acts on.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Invalid(_) => ErrorKind::Validation,
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::Conflict(_) => ErrorKind::Conflict,
            Error::SecretStoreUnavailable(_) => ErrorKind::SecretStoreUnavailable,
            Error::SecretMissing(_) => ErrorKind::SecretMissing,
            Error::SecretStore(_) => ErrorKind::SecretStore,
            Error::AgentKit(e) => Self::kind_of(e),
            Error::Sandbox(_) => ErrorKind::Sandbox,
            Error::NotOpen(e) => e.kind,
            Error::Mcp { kind, .. } => *kind,
            Error::Store(_) | Error::Migrate(_) | Error::Io { .. } | Error::Json(_) => {
                ErrorKind::Internal
            }
        }
    }

    /// The IPC kind of a client error.
    pub fn kind_of(e: &agentkit::Error) -> ErrorKind {
        use agentkit::ErrorKind as K;
        match e.kind() {
            K::Config => ErrorKind::Config,
            K::Unauthorized => ErrorKind::Unauthorized,
            K::Forbidden => ErrorKind::Forbidden,
            K::NotFound => ErrorKind::NotFound,
            K::Conflict => ErrorKind::Conflict,
            K::Validation => ErrorKind::Validation,
            K::RateLimited => ErrorKind::RateLimited,
            K::Tool => ErrorKind::Tool,
            K::Server => ErrorKind::Server,
            K::Unavailable => ErrorKind::Unavailable,
            K::Timeout => ErrorKind::Timeout,
            K::Network => ErrorKind::Network,
            K::Decode => ErrorKind::Decode,
        }
    }

    /// A validation error on one field.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Error::Invalid(vec![FieldError::new(field, message)])
    }

    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }
}

impl From<&Error> for IpcError {
    fn from(e: &Error) -> Self {
        let fields = match e {
            Error::Invalid(f) => f.clone(),
            _ => Vec::new(),
        };
        let detail = match e {
            Error::AgentKit(e) => ErrorDetail::of(e),
            _ => None,
        };
        IpcError {
            kind: e.kind(),
            message: e.to_string(),
            fields,
            detail,
        }
    }
}

impl From<Error> for IpcError {
    fn from(e: Error) -> Self {
        IpcError::from(&e)
    }
}
