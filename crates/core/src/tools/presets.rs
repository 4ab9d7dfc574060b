//! Presets: named inputs of a tool in an environment, kept in SQLite (upsert by name).

use agentkit::redact::Redactor;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::{Row, SqlitePool};
use ts_rs::TS;

use super::model::text;
use crate::environments::repo::now;
use crate::{Error, FieldError, Result};

/// A saved input.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "Preset.ts")]
pub struct Preset {
    /// The tool it is for.
    pub tool_name: String,
    /// Its name (unique per tool and environment).
    pub name: String,
    /// The input (values under secret-looking keys masked).
    pub params: Value,
    /// When it was last saved (RFC 3339).
    pub updated_at: String,
}

/// What saving a preset takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "PresetInput.ts")]
pub struct PresetInput {
    /// The tool.
    pub tool_name: String,
    /// The preset's name (1–80 characters); saving under an existing name replaces it.
    pub name: String,
    /// The input, a JSON object.
    pub params: Value,
}

impl PresetInput {
    /// The trimmed tool and preset names and the params with secrets masked.
    fn checked(&self) -> Result<(String, String, Value)> {
        let mut errors = Vec::new();
        let tool = text(Some(&self.tool_name));
        let name = text(Some(&self.name));
        if tool.is_none() {
            errors.push(FieldError::new("tool_name", "Choose a tool."));
        }
        match &name {
            None => errors.push(FieldError::new("name", "Name the preset.")),
            Some(n) if n.chars().count() > 80 => {
                errors.push(FieldError::new("name", "Keep the name to 80 characters."))
            }
            _ => {}
        }
        if !self.params.is_object() {
            errors.push(FieldError::new(
                "params",
                "A preset's input is a JSON object.",
            ));
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        let mut params = self.params.clone();
        Redactor::new().redact_json(&mut params);
        Ok((tool.unwrap_or_default(), name.unwrap_or_default(), params))
    }
}

fn from_row(row: &sqlx::sqlite::SqliteRow) -> Result<Preset> {
    let params: String = row.try_get("params")?;
    Ok(Preset {
        tool_name: row.try_get("tool_name")?,
        name: row.try_get("name")?,
        params: serde_json::from_str(&params)?,
        updated_at: row.try_get("updated_at")?,
    })
}

/// The presets of a tool in an environment, by name.
pub async fn list(pool: &SqlitePool, env_id: &str, tool_name: &str) -> Result<Vec<Preset>> {
    sqlx::query(
        "SELECT tool_name, name, params, updated_at FROM tool_presets \
         WHERE env_id = ? AND tool_name = ? ORDER BY name COLLATE NOCASE",
    )
    .bind(env_id)
    .bind(tool_name)
    .fetch_all(pool)
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// Saves a preset, replacing one of the same name.
pub async fn save(pool: &SqlitePool, env_id: &str, input: &PresetInput) -> Result<Preset> {
    let (tool, name, params) = input.checked()?;
    let at = now();
    sqlx::query(
        "INSERT INTO tool_presets (env_id, tool_name, name, params, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?) \
         ON CONFLICT (env_id, tool_name, name) DO UPDATE SET params = excluded.params, \
         updated_at = excluded.updated_at",
    )
    .bind(env_id)
    .bind(&tool)
    .bind(&name)
    .bind(params.to_string())
    .bind(&at)
    .bind(&at)
    .execute(pool)
    .await?;
    Ok(Preset {
        tool_name: tool,
        name,
        params,
        updated_at: at,
    })
}

/// Deletes a preset; a missing one is "not found".
pub async fn delete(pool: &SqlitePool, env_id: &str, tool_name: &str, name: &str) -> Result<()> {
    let done =
        sqlx::query("DELETE FROM tool_presets WHERE env_id = ? AND tool_name = ? AND name = ?")
            .bind(env_id)
            .bind(tool_name)
            .bind(name)
            .execute(pool)
            .await?;
    match done.rows_affected() {
        0 => Err(Error::NotFound(format!(
            "There is no preset {name:?} for {tool_name}."
        ))),
        _ => Ok(()),
    }
}
