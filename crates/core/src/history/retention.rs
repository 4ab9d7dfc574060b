//! How much history is kept: entries, age, size. Applied by the writer after each batch (a few
//! O(log n) lookups when nothing is over) and by a background tick for the age limit.

use serde::{Deserialize, Serialize};
use sqlx::{Row, SqlitePool};
use ts_rs::TS;

use crate::{Error, Result};

/// The settings key.
const KEY: &str = "history_retention";

/// Oldest entries are deleted in chunks of this many, one transaction each, so a large cut
/// does not hold the database for long.
const CHUNK: i64 = 5000;

/// Limits on the history; `null` means no limit of that kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export_to = "HistoryRetention.ts")]
pub struct HistoryRetention {
    /// Keep at most this many entries (the newest).
    pub max_entries: Option<u32>,
    /// Delete entries older than this many days.
    pub max_age_days: Option<u32>,
    /// Keep the stored history under this many megabytes (10^6 bytes).
    pub max_total_mb: Option<u32>,
}

impl Default for HistoryRetention {
    fn default() -> Self {
        Self {
            max_entries: Some(100_000),
            max_age_days: Some(30),
            max_total_mb: Some(1_000),
        }
    }
}

impl HistoryRetention {
    /// Refuses limits of zero (which would delete everything at once).
    pub fn validate(&self) -> Result<()> {
        let mut fields = Vec::new();
        if self.max_entries == Some(0) {
            fields.push(crate::FieldError::new(
                "max_entries",
                "Keep at least one entry.",
            ));
        }
        if self.max_age_days == Some(0) {
            fields.push(crate::FieldError::new(
                "max_age_days",
                "Keep at least one day.",
            ));
        }
        if self.max_total_mb == Some(0) {
            fields.push(crate::FieldError::new(
                "max_total_mb",
                "Keep at least 1 MB.",
            ));
        }
        if fields.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(fields))
        }
    }
}

/// The saved settings (defaults when unset or unreadable).
pub async fn load(pool: &SqlitePool) -> Result<HistoryRetention> {
    let row = sqlx::query("SELECT value FROM settings WHERE key = ?")
        .bind(KEY)
        .fetch_optional(pool)
        .await?;
    Ok(row
        .and_then(|r| r.try_get::<String, _>("value").ok())
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default())
}

/// Saves the settings.
pub async fn save(pool: &SqlitePool, r: &HistoryRetention) -> Result<()> {
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES (?, ?) \
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )
    .bind(KEY)
    .bind(serde_json::to_string(r)?)
    .execute(pool)
    .await?;
    Ok(())
}

async fn stats(pool: &SqlitePool) -> Result<(i64, i64)> {
    Ok(
        sqlx::query_as("SELECT entries, bytes FROM history_stats WHERE id = 1")
            .fetch_one(pool)
            .await?,
    )
}

/// Deletes the `n` oldest entries; how many went.
async fn drop_oldest(pool: &SqlitePool, n: i64) -> Result<u64> {
    let r =
        sqlx::query("DELETE FROM history WHERE id IN (SELECT id FROM history ORDER BY id LIMIT ?)")
            .bind(n)
            .execute(pool)
            .await?;
    Ok(r.rows_affected())
}

/// Applies `r`; returns how many entries were deleted.
pub async fn apply(pool: &SqlitePool, r: &HistoryRetention) -> Result<u64> {
    let mut deleted = 0;
    if let Some(days) = r.max_age_days {
        let cutoff = chrono::Utc::now().timestamp_millis() - i64::from(days) * 86_400_000;
        loop {
            let n = sqlx::query(
                "DELETE FROM history WHERE id IN \
                 (SELECT id FROM history WHERE at_ms < ? ORDER BY at_ms LIMIT ?)",
            )
            .bind(cutoff)
            .bind(CHUNK)
            .execute(pool)
            .await?
            .rows_affected();
            deleted += n;
            if n < CHUNK as u64 {
                break;
            }
        }
    }
    if let Some(max) = r.max_entries {
        loop {
            let (entries, _) = stats(pool).await?;
            let over = entries - i64::from(max);
            if over <= 0 {
                break;
            }
            let n = drop_oldest(pool, over.min(CHUNK)).await?;
            deleted += n;
            if n == 0 {
                break;
            }
        }
    }
    if let Some(mb) = r.max_total_mb {
        let limit = i64::from(mb) * 1_000_000;
        loop {
            let (entries, bytes) = stats(pool).await?;
            if bytes <= limit || entries == 0 {
                break;
            }
            // Entries are of similar size on average: cut the share that is over, at least 1.
            let share = ((bytes - limit) as f64 / bytes as f64 * entries as f64).ceil() as i64;
            let n = drop_oldest(pool, share.clamp(1, CHUNK)).await?;
            deleted += n;
            if n == 0 {
                break;
            }
        }
    }
    Ok(deleted)
}
