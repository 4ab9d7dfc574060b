//! The data file: a SQLite database (WAL) with one table per map of the store, each row a key
//! and the record as JSON, plus `meta` (`next_seq`). The in-memory store stays the read model;
//! every write's changed rows are committed here before the request that made them is
//! answered (see `persist`).
//!
//! Durability: `synchronous = NORMAL` in WAL mode makes a committed transaction survive the
//! process being killed (the WAL is in the kernel's page cache once `COMMIT` returns); only a
//! power loss or OS crash can roll back the last commits, which `FULL` would prevent at the
//! cost of an fsync per write. The file is opened with an exclusive lock, so a second Sandbox
//! on the same file is refused instead of diverging from the first.

use super::store::{Changes, Store};
use super::tracked::{KeyedMap, Tracked};
use crate::error::{Error, Result};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqliteLockingMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::Row as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `PRAGMA user_version` of the schema below.
const SCHEMA_VERSION: i64 = 1;

/// The store's maps, in the order of [`Encoded::tables`].
const TABLES: [&str; 6] = [
    "accounts",
    "custom_providers",
    "mcp_configs",
    "mcp_instances",
    "auth_links",
    "verifications",
];

/// Rows per multi-row `INSERT` (bulk seeding writes 100,000 in one transaction).
const CHUNK: usize = 200;

/// An open data file.
pub(crate) struct Db {
    pool: SqlitePool,
    path: PathBuf,
}

/// Changes serialized for writing: per table, each key with its JSON (`None`: delete).
pub(crate) struct Encoded {
    all: bool,
    next_seq: u64,
    tables: [Vec<(String, Option<String>)>; 6],
}

fn rows<V: Serialize>(
    rows: Vec<(String, Option<V>)>,
) -> serde_json::Result<Vec<(String, Option<String>)>> {
    rows.into_iter()
        .map(|(k, v)| Ok((k, v.map(|v| serde_json::to_string(&v)).transpose()?)))
        .collect()
}

impl Encoded {
    pub(crate) fn new(c: Changes) -> serde_json::Result<Self> {
        Ok(Self {
            all: c.all,
            next_seq: c.next_seq,
            tables: [
                rows(c.accounts)?,
                rows(c.custom_providers)?,
                rows(c.mcp_configs)?,
                rows(c.mcp_instances)?,
                rows(c.auth_links)?,
                rows(c.verifications)?,
            ],
        })
    }
}

impl Db {
    /// Opens (creating) the database at `path`. `wal` is false only for the copy a migration
    /// builds, which must be one file to be renamed into place.
    pub(crate) async fn open(path: &Path, wal: bool) -> Result<Self> {
        if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::DataFileWrite {
                path: path.to_path_buf(),
                source,
            })?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(if wal {
                SqliteJournalMode::Wal
            } else {
                SqliteJournalMode::Delete
            })
            .synchronous(SqliteSynchronous::Normal)
            .locking_mode(SqliteLockingMode::Exclusive)
            // A Sandbox just stopped in this process may still be closing the file.
            .busy_timeout(Duration::from_secs(5));
        let fail = |e: sqlx::Error| Error::database(path, e);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options)
            .await
            .map_err(fail)?;
        let db = Self {
            pool,
            path: path.to_path_buf(),
        };
        db.init().await?;
        Ok(db)
    }

    fn fail(&self, e: impl std::fmt::Display) -> Error {
        Error::database(&self.path, e)
    }

    async fn init(&self) -> Result<()> {
        let version: i64 = sqlx::query_scalar("PRAGMA user_version")
            .fetch_one(&self.pool)
            .await
            .map_err(|e| self.fail(e))?;
        if version > SCHEMA_VERSION {
            return Err(self.fail(format!(
                "written by a newer Kitbench (schema {version}, this one reads {SCHEMA_VERSION})"
            )));
        }
        let mut tx = self.pool.begin().await.map_err(|e| self.fail(e))?;
        let mut statements = vec![
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) \
             WITHOUT ROWID"
                .to_string(),
        ];
        for t in TABLES {
            statements.push(format!(
                "CREATE TABLE IF NOT EXISTS {t} (key TEXT PRIMARY KEY, body TEXT NOT NULL) \
                 WITHOUT ROWID"
            ));
        }
        statements.push(format!("PRAGMA user_version = {SCHEMA_VERSION}"));
        for s in &statements {
            sqlx::query(s)
                .execute(&mut *tx)
                .await
                .map_err(|e| self.fail(e))?;
        }
        tx.commit().await.map_err(|e| self.fail(e))
    }

    /// The stored state; `None` for a new file (nothing written yet).
    pub(crate) async fn load(&self) -> Result<Option<Store>> {
        let next_seq: Option<i64> =
            sqlx::query_scalar("SELECT value FROM meta WHERE key = 'next_seq'")
                .fetch_optional(&self.pool)
                .await
                .map_err(|e| self.fail(e))?;
        let Some(next_seq) = next_seq else {
            return Ok(None);
        };
        let mut store = Store::default();
        store.version = super::store::STORE_VERSION;
        store.next_seq = u64::try_from(next_seq).unwrap_or(0);
        store.accounts = self.map(TABLES[0]).await?;
        store.custom_providers = self.map(TABLES[1]).await?;
        store.mcp_configs = self.map(TABLES[2]).await?;
        store.mcp_instances = self.map(TABLES[3]).await?;
        store.auth_links = self.map(TABLES[4]).await?;
        store.verifications = self.map(TABLES[5]).await?;
        // Sequence numbers reserved but not yet written are never handed out twice.
        let highest = store
            .accounts
            .values()
            .map(|r| r.seq)
            .chain(store.mcp_configs.values().map(|r| r.seq))
            .chain(store.mcp_instances.values().map(|r| r.seq))
            .max()
            .unwrap_or(0);
        store.next_seq = store.next_seq.max(highest);
        store.reindex();
        Ok(Some(store))
    }

    async fn map<V: DeserializeOwned + Clone, M: KeyedMap<Value = V>>(
        &self,
        table: &str,
    ) -> Result<Tracked<M>> {
        let rows = sqlx::query(&format!("SELECT key, body FROM {table}"))
            .fetch_all(&self.pool)
            .await
            .map_err(|e| self.fail(e))?;
        let mut map = M::default();
        for row in rows {
            let key: String = row.get(0);
            let body: &str = row.get(1);
            let value = serde_json::from_str(body)
                .map_err(|e| self.fail(format!("{table} row {key:?} is not readable: {e}")))?;
            map.insert_(key, value);
        }
        Ok(Tracked::loaded(map))
    }

    /// Writes `batches`, in order, in one transaction.
    pub(crate) async fn write(&self, batches: &[Encoded]) -> Result<()> {
        let mut tx = self.pool.begin().await.map_err(|e| self.fail(e))?;
        for batch in batches {
            if batch.all {
                for t in TABLES {
                    sqlx::query(&format!("DELETE FROM {t}"))
                        .execute(&mut *tx)
                        .await
                        .map_err(|e| self.fail(e))?;
                }
            }
            for (table, rows) in TABLES.iter().zip(&batch.tables) {
                let upserts: Vec<(&str, &str)> = rows
                    .iter()
                    .filter_map(|(k, v)| v.as_deref().map(|v| (k.as_str(), v)))
                    .collect();
                for chunk in upserts.chunks(CHUNK) {
                    let sql = format!(
                        "INSERT INTO {table} (key, body) VALUES {} \
                         ON CONFLICT(key) DO UPDATE SET body = excluded.body",
                        vec!["(?, ?)"; chunk.len()].join(", ")
                    );
                    let mut query = sqlx::query(&sql).persistent(chunk.len() == CHUNK);
                    for (k, v) in chunk {
                        query = query.bind(*k).bind(*v);
                    }
                    query.execute(&mut *tx).await.map_err(|e| self.fail(e))?;
                }
                let delete = format!("DELETE FROM {table} WHERE key = ?");
                for (key, _) in rows.iter().filter(|(_, v)| v.is_none()) {
                    sqlx::query(&delete)
                        .bind(key)
                        .execute(&mut *tx)
                        .await
                        .map_err(|e| self.fail(e))?;
                }
            }
            sqlx::query(
                "INSERT INTO meta (key, value) VALUES ('next_seq', ?) \
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            )
            .bind(i64::try_from(batch.next_seq).unwrap_or(i64::MAX))
            .execute(&mut *tx)
            .await
            .map_err(|e| self.fail(e))?;
        }
        tx.commit().await.map_err(|e| self.fail(e))
    }

    /// Closes the file (checkpointing the WAL into it).
    pub(crate) async fn close(self) {
        self.pool.close().await;
    }
}
