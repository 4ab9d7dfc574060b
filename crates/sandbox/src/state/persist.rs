//! The data file: loaded at start, written atomically (temp file + rename) after changes.

use super::store::STORE_VERSION;
use super::Store;
use crate::error::{Error, Result};
use parking_lot::RwLock;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// Bursts of changes are written once: the saver waits this long after a change.
const DEBOUNCE: Duration = Duration::from_millis(50);

/// Schedules and performs saves of the data file.
pub(crate) struct Persister {
    path: PathBuf,
    notify: Arc<Notify>,
}

impl Persister {
    pub(crate) fn new(path: PathBuf) -> Self {
        Self {
            path,
            notify: Arc::new(Notify::new()),
        }
    }

    pub(crate) fn schedule(&self) {
        self.notify.notify_one();
    }

    /// Waits for a change notification, then for the debounce delay.
    pub(crate) async fn wait_for_change(&self) {
        self.notify.notified().await;
        tokio::time::sleep(DEBOUNCE).await;
    }

    /// Serializes the store under the read lock (compact: at 100,000 accounts indentation
    /// alone is a third of the file), then writes it outside the lock.
    pub(crate) fn save(&self, store: &RwLock<Store>) -> Result<()> {
        let bytes = {
            let guard = store.read();
            serde_json::to_vec(&*guard).map_err(|e| Error::DataFileWrite {
                path: self.path.clone(),
                source: std::io::Error::other(e),
            })?
        };
        write_atomically(&self.path, &bytes).map_err(|source| Error::DataFileWrite {
            path: self.path.clone(),
            source,
        })
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let file_name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("sandbox");
    let tmp = path.with_file_name(format!(".{file_name}.{}.tmp", std::process::id()));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)
}

/// Loads the store from `path`: `Ok(None)` when the file does not exist; an error (never a
/// silent reset) when it exists but cannot be read or parsed.
pub(crate) fn load(path: &Path) -> Result<Option<Store>> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(Error::DataFileRead {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    let mut store: Store =
        serde_json::from_slice(&bytes).map_err(|source| Error::DataFileCorrupt {
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
    store.reindex();
    Ok(Some(store))
}
