//! The crate's error type.

use std::path::PathBuf;

/// Everything that can go wrong starting, running or administering a Sandbox.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The listening socket could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
    /// The data file exists but could not be read.
    #[error("cannot read data file {path}: {source}")]
    DataFileRead {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The data file is not a Sandbox state; it is left untouched.
    #[error("data file {path} is not a valid Kitbench Sandbox state ({source}); fix or remove it")]
    DataFileCorrupt {
        path: PathBuf,
        source: serde_json::Error,
    },
    /// The data file could not be written.
    #[error("cannot write data file {path}: {source}")]
    DataFileWrite {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The data file (SQLite) could not be opened, read or written.
    #[error("data file {path}: {detail}")]
    Database { path: PathBuf, detail: String },
    /// A catalog file is malformed (bad JSON, a schema that does not compile, an unknown
    /// provider, a duplicate tool name).
    #[error("tool catalog: {0}")]
    Catalog(String),
    /// An admin operation named a connected account that does not exist.
    #[error("connected account {0} not found")]
    AccountNotFound(String),
    /// An admin operation was asked for something out of range.
    #[error("{0}")]
    InvalidRequest(String),
    /// The TLS certificate could not be made or read.
    #[error("{0}")]
    Tls(String),
    /// The server task failed.
    #[error("server error: {0}")]
    Server(std::io::Error),
}

impl Error {
    /// A database error on the data file at `path`, said in words where SQLite's are terse.
    pub(crate) fn database(path: &std::path::Path, e: impl std::fmt::Display) -> Self {
        let text = e.to_string();
        let detail = if text.contains("database is locked") {
            format!("in use by another Sandbox or program ({text})")
        } else if text.contains("file is not a database") {
            format!("not a Kitbench Sandbox data file ({text}); fix or remove it")
        } else {
            text
        };
        Self::Database {
            path: path.to_path_buf(),
            detail,
        }
    }
}

/// `Result` with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
