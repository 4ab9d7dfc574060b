//! SQLite repository of authorizations. Rows carry a hash of the state, never the state or
//! the link.

use rand::distr::{Alphanumeric, SampleString};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqlitePool};

use super::{Authorization, AuthorizationStatus};
use crate::environments::repo::now;
use crate::environments::CallbackMode;
use crate::{Error, Result};

/// How many authorizations a list returns at most.
pub const LIST_LIMIT: i64 = 200;

/// What a new (or re-issued) row records.
#[derive(Debug, Clone)]
pub struct NewAuthorization {
    /// Environment id.
    pub env_id: String,
    /// `ca_…`.
    pub account_id: String,
    /// Connection name.
    pub connection: String,
    /// The account's identifier.
    pub identifier: String,
    /// SHA-256 of the state, hex.
    pub state_hash: String,
    /// How the link comes back.
    pub callback_mode: CallbackMode,
    /// RFC 3339.
    pub expires_at: String,
}

/// A row with the columns the UI does not see.
#[derive(Debug, Clone)]
pub struct Stored {
    /// The authorization (its `link` is always `None` here).
    pub auth: Authorization,
    /// A link with its state already came back.
    pub used: bool,
}

const COLUMNS: &str = "id, env_id, account_id, connection, identifier, callback_mode, \
                       created_at, expires_at, status, reason, used, completed_at";

fn from_row(row: &SqliteRow) -> Result<Stored> {
    Ok(Stored {
        auth: Authorization {
            id: row.try_get("id")?,
            env_id: row.try_get("env_id")?,
            account_id: row.try_get("account_id")?,
            connection: row.try_get("connection")?,
            identifier: row.try_get("identifier")?,
            status: AuthorizationStatus::parse(row.try_get::<&str, _>("status")?),
            reason: row.try_get("reason")?,
            link: None,
            created_at: row.try_get("created_at")?,
            expires_at: row.try_get("expires_at")?,
            completed_at: row.try_get("completed_at")?,
            callback_mode: CallbackMode::parse(row.try_get::<&str, _>("callback_mode")?),
        },
        used: row.try_get::<i64, _>("used")? != 0,
    })
}

/// A fresh authorization id: `auth_` and 20 alphanumerics.
pub fn new_id() -> String {
    format!("auth_{}", Alphanumeric.sample_string(&mut rand::rng(), 20))
}

/// Inserts a pending row.
pub async fn insert(pool: &SqlitePool, id: &str, new: &NewAuthorization) -> Result<Authorization> {
    sqlx::query(
        "INSERT INTO authorizations (id, env_id, account_id, connection, identifier, state_hash, \
         callback_mode, created_at, expires_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(&new.env_id)
    .bind(&new.account_id)
    .bind(&new.connection)
    .bind(&new.identifier)
    .bind(&new.state_hash)
    .bind(new.callback_mode.as_str())
    .bind(now())
    .bind(&new.expires_at)
    .bind(AuthorizationStatus::Pending.as_str())
    .execute(pool)
    .await?;
    Ok(get(pool, id).await?.auth)
}

/// Makes a row pending again with a new state and expiry (a fresh link for the same account).
pub async fn reissue(
    pool: &SqlitePool,
    id: &str,
    state_hash: &str,
    mode: CallbackMode,
    expires_at: &str,
) -> Result<Authorization> {
    sqlx::query(
        "UPDATE authorizations SET state_hash = ?, callback_mode = ?, expires_at = ?, \
         status = 'pending', reason = NULL, used = 0, completed_at = NULL WHERE id = ?",
    )
    .bind(state_hash)
    .bind(mode.as_str())
    .bind(expires_at)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(get(pool, id).await?.auth)
}

/// One row, or a not-found error.
pub async fn get(pool: &SqlitePool, id: &str) -> Result<Stored> {
    let sql = format!("SELECT {COLUMNS} FROM authorizations WHERE id = ?");
    sqlx::query(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()?
        .ok_or_else(|| Error::NotFound(format!("No authorization with id {id}.")))
}

/// The row a returning state belongs to.
pub async fn find_by_state_hash(pool: &SqlitePool, state_hash: &str) -> Result<Option<Stored>> {
    let sql = format!("SELECT {COLUMNS} FROM authorizations WHERE state_hash = ?");
    sqlx::query(&sql)
        .bind(state_hash)
        .fetch_optional(pool)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// Marks a pending row used; false if another link got there first (or it is no longer
/// pending). This single statement is what makes a link single-use.
pub async fn claim(pool: &SqlitePool, id: &str) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE authorizations SET used = 1 WHERE id = ? AND used = 0 AND status = 'pending'",
    )
    .bind(id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Ends a row with `status` (and why).
pub async fn finish(
    pool: &SqlitePool,
    id: &str,
    status: AuthorizationStatus,
    reason: Option<&str>,
) -> Result<Authorization> {
    sqlx::query(
        "UPDATE authorizations SET status = ?, reason = ?, used = 1, completed_at = ? WHERE id = ?",
    )
    .bind(status.as_str())
    .bind(reason)
    .bind(now())
    .bind(id)
    .execute(pool)
    .await?;
    Ok(get(pool, id).await?.auth)
}

/// Ends every pending row whose time has run out (as expired); returns how many.
pub async fn sweep_expired(pool: &SqlitePool) -> Result<u64> {
    let stamp = now();
    let done = sqlx::query(
        "UPDATE authorizations SET status = 'expired', reason = 'The link expired.', \
         completed_at = ? WHERE status = 'pending' AND used = 0 AND expires_at <= ?",
    )
    .bind(&stamp)
    .bind(&stamp)
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// Pending rows first, then the rest, newest first; of one environment or all.
pub async fn list(pool: &SqlitePool, env_id: Option<&str>) -> Result<Vec<Authorization>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM authorizations WHERE (?1 IS NULL OR env_id = ?1) \
         ORDER BY status = 'pending' DESC, created_at DESC, id LIMIT ?2"
    );
    sqlx::query(&sql)
        .bind(env_id)
        .bind(LIST_LIMIT)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| from_row(r).map(|r| r.auth))
        .collect()
}

/// How many pending, unexpired authorizations come back through the loopback listener.
pub async fn pending_loopback(pool: &SqlitePool) -> Result<i64> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n FROM authorizations WHERE status = 'pending' AND used = 0 \
         AND callback_mode = 'loopback' AND expires_at > ?",
    )
    .bind(now())
    .fetch_one(pool)
    .await?;
    Ok(row.try_get("n")?)
}

/// Sets the expiry the API gave (the row is inserted before the link exists).
pub async fn set_expiry(pool: &SqlitePool, id: &str, expires_at: &str) -> Result<Authorization> {
    sqlx::query("UPDATE authorizations SET expires_at = ? WHERE id = ?")
        .bind(expires_at)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(get(pool, id).await?.auth)
}

/// Deletes a row whose link could not be created.
pub async fn delete(pool: &SqlitePool, id: &str) -> Result<()> {
    sqlx::query("DELETE FROM authorizations WHERE id = ?")
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}
