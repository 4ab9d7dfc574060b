//! Start-up of a data file: cleaning up after a crash and moving a JSON data file of earlier
//! versions into SQLite, once.
//!
//! - Temp files the JSON persistence left when killed mid-save (`.<name>.<pid>.tmp` beside the
//!   file) are removed. A stale `-wal` is not ours to touch: SQLite replays it on open.
//! - A JSON data file at the path itself (`--data state.json` from an earlier version) is
//!   converted in place: the database is built beside it, the JSON copied to
//!   `<name>.json-backup`, and the database renamed over it (a crash at any step leaves either
//!   the JSON, converted again next time, or the database).
//! - A JSON file with the database's name but a `.json` extension (the app's
//!   `sandbox/state.json` when the database is `sandbox/state.db`) is imported when the
//!   database does not exist yet, then renamed to `<name>.json.migrated`.
//! - JSON that does not parse is refused with the file named, never replaced.

use super::db::{Db, Encoded};
use super::store::STORE_VERSION;
use super::Store;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Cleans up and migrates what is at or beside `path`, so that `path` is a database or absent.
pub(crate) async fn prepare(path: &Path) -> Result<()> {
    remove_temp_files(path);
    let json_beside = path.with_extension("json");
    if is_json_file(path)? {
        let store = load_json(path)?;
        let building = sibling(path, ".migrating");
        build(&building, store).await?;
        let backup = sibling(path, ".json-backup");
        std::fs::copy(path, &backup).map_err(|source| Error::DataFileWrite {
            path: backup.clone(),
            source,
        })?;
        rename(&building, path)?;
        tracing::info!(
            "moved the JSON data file {} into SQLite (the JSON is kept as {})",
            path.display(),
            backup.display()
        );
    } else if !path.exists() && json_beside != path && json_beside.exists() {
        remove_temp_files(&json_beside);
        let store = load_json(&json_beside)?;
        let building = sibling(path, ".migrating");
        build(&building, store).await?;
        rename(&building, path)?;
        let done = sibling(&json_beside, ".migrated");
        rename(&json_beside, &done)?;
        tracing::info!(
            "imported {} into {} (the JSON is kept as {})",
            json_beside.display(),
            path.display(),
            done.display()
        );
    }
    Ok(())
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).map_err(|source| Error::DataFileWrite {
        path: to.to_path_buf(),
        source,
    })
}

/// Writes `store` whole into a new single-file database at `at`.
async fn build(at: &Path, store: Store) -> Result<()> {
    let _ = std::fs::remove_file(at);
    let db = Db::open(at, false).await?;
    let mut whole = Store::default();
    whole.replace(store);
    let changes = Encoded::new(whole.take_changes()).map_err(|e| Error::database(at, e))?;
    db.write(&[changes]).await?;
    db.close().await;
    Ok(())
}

/// `.<name>.<pid>.tmp` beside `path`: what an interrupted JSON save left.
fn remove_temp_files(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str())) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(file) = file.to_str() else { continue };
        let pid = file
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"));
        if pid.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
            match std::fs::remove_file(entry.path()) {
                Ok(()) => tracing::info!("removed {file}, left by an interrupted save"),
                Err(e) => tracing::warn!("cannot remove {file}: {e}"),
            }
        }
    }
}

/// Whether `path` exists and is not a SQLite database (an empty file counts as neither).
fn is_json_file(path: &Path) -> Result<bool> {
    use std::io::Read as _;
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(source) => {
            return Err(Error::DataFileRead {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    let mut head = [0u8; 16];
    let n = file.read(&mut head).map_err(|source| Error::DataFileRead {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(n > 0 && head[..n] != SQLITE_MAGIC[..n])
}

/// Reads a JSON data file: an error (never a silent reset) when it cannot be read or parsed.
fn load_json(path: &Path) -> Result<Store> {
    let bytes = std::fs::read(path).map_err(|source| Error::DataFileRead {
        path: path.to_path_buf(),
        source,
    })?;
    let store: Store = serde_json::from_slice(&bytes).map_err(|source| Error::DataFileCorrupt {
        path: path.to_path_buf(),
        source,
    })?;
    if store.version != STORE_VERSION {
        return Err(Error::DataFileCorrupt {
            path: path.to_path_buf(),
            source: serde::de::Error::custom(format!(
                "unsupported version {} (expected {STORE_VERSION})",
                store.version
            )),
        });
    }
    Ok(store)
}
