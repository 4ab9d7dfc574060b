//! App settings kept across launches: window size, last section, active environment.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, Row, SqliteConnection, SqlitePool};
use ts_rs::TS;

use crate::Result;

const ACTIVE_ENV: &str = "active_env";
const LAST_SECTION: &str = "last_section";
const WINDOW: &str = "window";

/// The main window's size, in logical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "WindowState.ts")]
pub struct WindowState {
    /// Inner width.
    pub width: f64,
    /// Inner height.
    pub height: f64,
    /// Whether the window was maximized.
    pub maximized: bool,
}

impl WindowState {
    /// Rejects sizes no screen would use (a corrupt value must not make the window vanish).
    pub fn is_sane(&self) -> bool {
        (400.0..=10_000.0).contains(&self.width) && (300.0..=10_000.0).contains(&self.height)
    }
}

async fn get<T: DeserializeOwned>(pool: &SqlitePool, key: &str) -> Result<Option<T>> {
    let row = sqlx::query("SELECT value FROM settings WHERE key = ?")
        .bind(key)
        .fetch_optional(pool)
        .await?;
    match row {
        // A value this version cannot read counts as unset rather than breaking start-up.
        Some(r) => Ok(serde_json::from_str(r.try_get::<&str, _>("value")?).ok()),
        None => Ok(None),
    }
}

async fn set<T: Serialize>(pool: &SqlitePool, key: &str, value: &T) -> Result<()> {
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES (?, ?) \
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(serde_json::to_string(value)?)
    .execute(pool)
    .await?;
    Ok(())
}

/// The active environment's id, if one was chosen.
pub async fn active_env(pool: &SqlitePool) -> Result<Option<String>> {
    get(pool, ACTIVE_ENV).await
}

/// Remembers the active environment.
pub async fn set_active_env(pool: &SqlitePool, id: Option<&str>) -> Result<()> {
    set(pool, ACTIVE_ENV, &id).await
}

/// The section the user was last on (`overview`, `environments`, …).
pub async fn last_section(pool: &SqlitePool) -> Result<Option<String>> {
    get(pool, LAST_SECTION).await
}

/// Remembers the section.
pub async fn set_last_section(pool: &SqlitePool, section: &str) -> Result<()> {
    set(pool, LAST_SECTION, &section).await
}

/// The last window size, if it was saved and is sane.
pub async fn window(pool: &SqlitePool) -> Result<Option<WindowState>> {
    Ok(get::<WindowState>(pool, WINDOW)
        .await?
        .filter(WindowState::is_sane))
}

/// Reads the saved window size straight from the database file, before the app is opened, so
/// the window can appear at its size at once. `None` on a first run or on any error.
pub async fn peek_window(data_dir: &Path) -> Option<WindowState> {
    let path = data_dir.join(crate::store::DB_FILE);
    if !path.exists() {
        return None;
    }
    let options = SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(false);
    let mut conn = SqliteConnection::connect_with(&options).await.ok()?;
    let row = sqlx::query("SELECT value FROM settings WHERE key = ?")
        .bind(WINDOW)
        .fetch_optional(&mut conn)
        .await
        .ok()
        .flatten();
    let state = row
        .and_then(|r| r.try_get::<String, _>("value").ok())
        .and_then(|v| serde_json::from_str::<WindowState>(&v).ok());
    let _ = conn.close().await;
    state.filter(WindowState::is_sane)
}

/// Remembers the window size.
pub async fn set_window(pool: &SqlitePool, state: &WindowState) -> Result<()> {
    set(pool, WINDOW, state).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[tokio::test]
    async fn round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).await.unwrap();
        let pool = store.pool();
        assert_eq!(active_env(pool).await.unwrap(), None);
        set_active_env(pool, Some("env_1")).await.unwrap();
        set_last_section(pool, "sandbox").await.unwrap();
        let w = WindowState {
            width: 1300.0,
            height: 820.0,
            maximized: false,
        };
        set_window(pool, &w).await.unwrap();
        assert_eq!(active_env(pool).await.unwrap().as_deref(), Some("env_1"));
        assert_eq!(
            last_section(pool).await.unwrap().as_deref(),
            Some("sandbox")
        );
        assert_eq!(window(pool).await.unwrap(), Some(w));
        assert_eq!(peek_window(dir.path()).await, Some(w));
        assert_eq!(peek_window(&dir.path().join("nowhere")).await, None);
        set_window(
            pool,
            &WindowState {
                width: 1.0,
                height: 1.0,
                maximized: false,
            },
        )
        .await
        .unwrap();
        assert_eq!(window(pool).await.unwrap(), None);
        set_active_env(pool, None).await.unwrap();
        assert_eq!(active_env(pool).await.unwrap(), None);
    }
}
