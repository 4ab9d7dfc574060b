//! SQLite repository of environments.

use rand::distr::{Alphanumeric, SampleString};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqlitePool};

use super::{CallbackMode, Environment, Label};
use crate::{Error, Result};

/// The columns a new or edited row gets (the id and timestamps are managed here).
#[derive(Debug, Clone)]
pub struct NewEnvironment {
    /// Display name (trimmed, unique).
    pub name: String,
    /// Normalized environment URL.
    pub env_url: String,
    /// API client id.
    pub client_id: String,
    /// Badge.
    pub label: Label,
    /// Whether this is the built-in Sandbox's environment.
    pub is_sandbox: bool,
}

/// A fresh environment id: `env_` and 20 alphanumerics (also the keychain account name).
pub fn new_id() -> String {
    format!("env_{}", Alphanumeric.sample_string(&mut rand::rng(), 20))
}

/// Now, as stored (RFC 3339, UTC, milliseconds).
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

const COLUMNS: &str = "id, name, env_url, client_id, label, is_sandbox, created_at, last_used_at, \
                       callback_mode";

fn from_row(row: &SqliteRow) -> Result<Environment> {
    Ok(Environment {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        env_url: row.try_get("env_url")?,
        client_id: row.try_get("client_id")?,
        label: Label::parse(row.try_get::<&str, _>("label")?),
        is_sandbox: row.try_get::<i64, _>("is_sandbox")? != 0,
        created_at: row.try_get("created_at")?,
        last_used_at: row.try_get("last_used_at")?,
        callback_mode: CallbackMode::parse(row.try_get::<&str, _>("callback_mode")?),
    })
}

/// Every environment: the Sandbox first, then by name.
pub async fn list(pool: &SqlitePool) -> Result<Vec<Environment>> {
    let sql =
        format!("SELECT {COLUMNS} FROM environments ORDER BY is_sandbox DESC, name COLLATE NOCASE");
    sqlx::query(&sql)
        .fetch_all(pool)
        .await?
        .iter()
        .map(from_row)
        .collect()
}

/// One environment, if it exists.
pub async fn find(pool: &SqlitePool, id: &str) -> Result<Option<Environment>> {
    let sql = format!("SELECT {COLUMNS} FROM environments WHERE id = ?");
    sqlx::query(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// One environment, or a not-found error.
pub async fn get(pool: &SqlitePool, id: &str) -> Result<Environment> {
    find(pool, id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("No environment with id {id}.")))
}

/// The built-in Sandbox's environment, if it was created.
pub async fn find_sandbox(pool: &SqlitePool) -> Result<Option<Environment>> {
    let sql = format!("SELECT {COLUMNS} FROM environments WHERE is_sandbox = 1 LIMIT 1");
    sqlx::query(&sql)
        .fetch_optional(pool)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// Whether another environment (other than `except_id`) already uses this name.
pub async fn name_taken(pool: &SqlitePool, name: &str, except_id: Option<&str>) -> Result<bool> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n FROM environments WHERE name = ? COLLATE NOCASE AND id IS NOT ?",
    )
    .bind(name)
    .bind(except_id)
    .fetch_one(pool)
    .await?;
    Ok(row.try_get::<i64, _>("n")? > 0)
}

/// Inserts a row with the given id.
pub async fn insert(pool: &SqlitePool, id: &str, new: &NewEnvironment) -> Result<Environment> {
    sqlx::query(
        "INSERT INTO environments (id, name, env_url, client_id, label, is_sandbox, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(&new.name)
    .bind(&new.env_url)
    .bind(&new.client_id)
    .bind(new.label.as_str())
    .bind(new.is_sandbox as i64)
    .bind(now())
    .execute(pool)
    .await
    .map_err(|e| unique_violation(e, &new.name))?;
    get(pool, id).await
}

/// Replaces the editable columns of a row.
pub async fn update(pool: &SqlitePool, id: &str, new: &NewEnvironment) -> Result<Environment> {
    let done = sqlx::query(
        "UPDATE environments SET name = ?, env_url = ?, client_id = ?, label = ? WHERE id = ?",
    )
    .bind(&new.name)
    .bind(&new.env_url)
    .bind(&new.client_id)
    .bind(new.label.as_str())
    .bind(id)
    .execute(pool)
    .await
    .map_err(|e| unique_violation(e, &new.name))?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound(format!("No environment with id {id}.")));
    }
    get(pool, id).await
}

/// Changes only the URL (the Sandbox's port is new on every launch).
pub async fn set_url(pool: &SqlitePool, id: &str, env_url: &str) -> Result<()> {
    sqlx::query("UPDATE environments SET env_url = ? WHERE id = ?")
        .bind(env_url)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Sets how an environment's authorization links come back.
pub async fn set_callback_mode(pool: &SqlitePool, id: &str, mode: CallbackMode) -> Result<()> {
    let done = sqlx::query("UPDATE environments SET callback_mode = ? WHERE id = ?")
        .bind(mode.as_str())
        .bind(id)
        .execute(pool)
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound(format!("No environment with id {id}.")));
    }
    Ok(())
}

/// Stamps `last_used_at` with now.
pub async fn touch(pool: &SqlitePool, id: &str) -> Result<()> {
    sqlx::query("UPDATE environments SET last_used_at = ? WHERE id = ?")
        .bind(now())
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Deletes a row; false if there was none.
pub async fn delete(pool: &SqlitePool, id: &str) -> Result<bool> {
    let done = sqlx::query("DELETE FROM environments WHERE id = ?")
        .bind(id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// The first free name of the form "`base` copy", "`base` copy 2", ….
pub async fn copy_name(pool: &SqlitePool, base: &str) -> Result<String> {
    let mut candidate = format!("{base} copy");
    let mut n = 2;
    while name_taken(pool, &candidate, None).await? {
        candidate = format!("{base} copy {n}");
        n += 1;
    }
    Ok(candidate)
}

fn unique_violation(e: sqlx::Error, name: &str) -> Error {
    match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            Error::Conflict(format!("An environment named \"{name}\" already exists."))
        }
        _ => Error::Store(e),
    }
}
