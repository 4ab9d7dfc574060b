//! Listing the history: filtered keyset pages (newest first) and full-text search.

use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};

use super::keys;
use super::model::{HistoryFilter, HistoryKind, HistoryPage, HistoryRow, StatusClass};
use crate::{Error, FieldError, Result};

/// Most entries in one page.
pub const MAX_PAGE: u32 = 500;

/// The list's columns, without headers and bodies.
pub(super) const ROW_COLUMNS: &str =
    "h.id, h.at_ms, h.env_id, h.run_id, h.kind, h.method, h.path, \
     h.tool_name, h.identifier, h.connection, h.account_id, h.status, h.status_class, h.error, \
     h.duration_ms, h.attempt, h.request_size, h.response_size";

/// User text as an FTS5 query: the words cut into tokens as the index's tokenizer cuts them
/// (letters and digits; everything else separates), each token quoted (so `AND`, `NEAR`, `*`,
/// `"` are plain text), all required. `None` when nothing searchable is left. The index has no
/// positions (detail=none), so the parts of `gmail_fetch_mails` are matched, not the sequence.
pub fn fts_query(q: &str) -> Option<String> {
    let tokens: Vec<String> = q
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(|t| format!("\"{t}\""))
        .collect();
    (!tokens.is_empty()).then(|| tokens.join(" "))
}

fn time_ms(field: &str, text: &str) -> Result<i64> {
    chrono::DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.timestamp_millis())
        .map_err(|_| {
            Error::Invalid(vec![FieldError::new(
                field,
                format!("{text:?} is not a date and time (RFC 3339, e.g. 2025-01-31T12:00:00Z)."),
            )])
        })
}

pub(super) fn blank(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Adds `filter`'s conditions (everything but `q`) to a query over `history h`.
fn push_filters(q: &mut QueryBuilder<'_, Sqlite>, f: &HistoryFilter) -> Result<()> {
    if let Some(env) = blank(&f.env_id) {
        q.push(" AND h.env_id = ").push_bind(env.to_string());
    }
    if let Some(kind) = f.kind {
        q.push(" AND h.kind = ").push_bind(kind.as_str());
    }
    if let Some(status) = f.status {
        q.push(" AND h.status_class = ").push_bind(status.as_str());
    }
    if let Some(account) = blank(&f.account_id) {
        q.push(" AND h.account_id = ")
            .push_bind(account.to_string());
    }
    if let Some(tool) = blank(&f.tool_name) {
        q.push(" AND h.tool_name = ").push_bind(tool.to_string());
    }
    if let Some(identifier) = blank(&f.identifier) {
        q.push(" AND h.identifier = ")
            .push_bind(identifier.to_string());
    }
    if let Some(connection) = blank(&f.connection) {
        q.push(" AND h.connection = ")
            .push_bind(connection.to_string());
    }
    if let Some(a) = &f.account {
        q.push(" AND (h.account_id = ")
            .push_bind(a.id.clone())
            .push(" OR (h.identifier = ")
            .push_bind(a.identifier.clone())
            .push(" AND h.connection = ")
            .push_bind(a.connection.clone())
            .push("))");
    }
    // Ids grow with time, so a time bound is also an id bound found through the at_ms index
    // in O(log n); the exact at_ms test (with `+`, which keeps the planner off that index and
    // on the newest-first id order) settles the edges.
    if let Some(since) = blank(&f.since) {
        let ms = time_ms("since", since)?;
        q.push(" AND h.id >= COALESCE((SELECT id FROM history WHERE at_ms >= ")
            .push_bind(ms)
            .push(" ORDER BY at_ms LIMIT 1), 9223372036854775807)");
        q.push(" AND +h.at_ms >= ").push_bind(ms);
    }
    if let Some(until) = blank(&f.until) {
        let ms = time_ms("until", until)?;
        q.push(" AND h.id <= COALESCE((SELECT id FROM history WHERE at_ms < ")
            .push_bind(ms)
            .push(" ORDER BY at_ms DESC LIMIT 1), 0)");
        q.push(" AND +h.at_ms < ").push_bind(ms);
    }
    Ok(())
}

fn at_text(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub(super) fn row_from(r: &SqliteRow) -> Result<HistoryRow> {
    let kind: String = r.try_get("kind")?;
    let class: String = r.try_get("status_class")?;
    Ok(HistoryRow {
        id: r.try_get("id")?,
        at: at_text(r.try_get("at_ms")?),
        env_id: r.try_get("env_id")?,
        run_id: r.try_get("run_id")?,
        kind: HistoryKind::parse(&kind).unwrap_or(HistoryKind::Management),
        method: r.try_get("method")?,
        path: r.try_get("path")?,
        tool_name: r.try_get("tool_name")?,
        identifier: r.try_get("identifier")?,
        connection: r.try_get("connection")?,
        account_id: r.try_get("account_id")?,
        status: r
            .try_get::<Option<i64>, _>("status")?
            .and_then(|s| u16::try_from(s).ok()),
        status_class: StatusClass::parse(&class),
        error: r.try_get("error")?,
        duration_ms: r.try_get("duration_ms")?,
        attempt: r.try_get::<i64, _>("attempt")?.try_into().unwrap_or(0),
        request_size: r.try_get::<i64, _>("request_size")?.max(0) as u64,
        response_size: r.try_get::<i64, _>("response_size")?.max(0) as u64,
    })
}

/// One page of entries matching `f`, older than `before`, newest first.
pub async fn list(
    pool: &SqlitePool,
    f: &HistoryFilter,
    before: Option<i64>,
    limit: u32,
) -> Result<HistoryPage> {
    let limit = limit.clamp(1, MAX_PAGE);
    let search = f.q.as_deref().and_then(fts_query);
    let keys = keys::query(f);
    let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(format!("SELECT {ROW_COLUMNS} "));
    // A full-text index, when one applies, leads: FTS5 walks its matches newest first (ORDER BY
    // rowid DESC is its own order) and the join looks each up by id, so a page stops after
    // `limit` matches. The account keys (`history_keys`) lead when there is no search text;
    // with search text they are a set of ids the matches are tested against.
    let leader = match (&search, &keys) {
        (Some(m), _) => Some(("history_fts", m)),
        (None, Some(k)) => Some(("history_keys", k)),
        (None, None) => None,
    };
    match leader {
        Some((table, m)) => {
            q.push(format!(
                "FROM {table} f JOIN history h ON h.id = f.rowid WHERE {table} MATCH "
            ))
            .push_bind(m.clone());
            if let Some(b) = before {
                q.push(" AND f.rowid < ").push_bind(b);
            }
        }
        None => {
            q.push("FROM history h WHERE 1");
            if let Some(b) = before {
                q.push(" AND h.id < ").push_bind(b);
            }
        }
    }
    if let (Some(_), Some(k)) = (&search, &keys) {
        q.push(" AND h.id IN (SELECT rowid FROM history_keys WHERE history_keys MATCH ")
            .push_bind(k.clone())
            .push(")");
    }
    push_filters(&mut q, f)?;
    q.push(match leader {
        Some(_) => " ORDER BY f.rowid DESC LIMIT ",
        None => " ORDER BY h.id DESC LIMIT ",
    })
    .push_bind(i64::from(limit) + 1);
    let rows = q.build().fetch_all(pool).await?;
    let mut entries = rows.iter().map(row_from).collect::<Result<Vec<_>>>()?;
    let next_before = if entries.len() > limit as usize {
        entries.truncate(limit as usize);
        entries.last().map(|e| e.id)
    } else {
        None
    };
    Ok(HistoryPage {
        entries,
        next_before,
    })
}

/// The entries of a run, oldest first.
pub async fn for_run(pool: &SqlitePool, run_id: &str) -> Result<Vec<HistoryRow>> {
    let sql = format!("SELECT {ROW_COLUMNS} FROM history h WHERE h.run_id = ? ORDER BY h.id");
    let rows = sqlx::query(&sql).bind(run_id).fetch_all(pool).await?;
    rows.iter().map(row_from).collect()
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn user_text_becomes_quoted_tokens() {
        assert_eq!(
            fts_query("gmail_fetch_mails a@b.com").as_deref(),
            Some(r#""gmail" "fetch" "mails" "a" "b" "com""#)
        );
        assert_eq!(
            fts_query(r#"NEAR("x" -y* AND"#).as_deref(),
            Some(r#""NEAR" "x" "y" "AND""#)
        );
        assert_eq!(fts_query("Zürich").as_deref(), Some(r#""Zürich""#));
        assert_eq!(fts_query(" - * \" "), None);
    }
}
