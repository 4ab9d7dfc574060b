//! One entry: its headers and bodies (previews or whole), and deleting entries.

use std::io::Read;

use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};

use super::body;
use super::model::{BodyPart, BodyPreview, HistoryEntry, HistoryHeader};
use super::query::{row_from, ROW_COLUMNS};
use crate::{Error, Result};

fn not_found(id: i64) -> Error {
    Error::NotFound(format!("History entry {id} does not exist (any more)."))
}

fn headers(json: &str) -> Vec<HistoryHeader> {
    serde_json::from_str::<Vec<(String, String)>>(json)
        .unwrap_or_default()
        .into_iter()
        .map(|(name, value)| HistoryHeader { name, value })
        .collect()
}

fn content_type(h: &[HistoryHeader]) -> Option<String> {
    h.iter()
        .find(|x| x.name.eq_ignore_ascii_case("content-type"))
        .map(|x| x.value.clone())
}

/// A body's stored bytes; `preview_only` decompresses just the first 64 KiB.
async fn stored_body(
    pool: &SqlitePool,
    id: i64,
    part: BodyPart,
    inline: Option<Vec<u8>>,
    preview_only: bool,
) -> Result<(Vec<u8>, u64)> {
    if let Some(bytes) = inline {
        let n = bytes.len() as u64;
        return Ok((bytes, n));
    }
    let row = sqlx::query("SELECT size, zstd FROM history_bodies WHERE entry_id = ? AND part = ?")
        .bind(id)
        .bind(part.index())
        .fetch_optional(pool)
        .await?;
    let Some(row) = row else {
        return Ok((Vec::new(), 0));
    };
    let size = row.try_get::<i64, _>("size")?.max(0) as u64;
    let blob: Vec<u8> = row.try_get("zstd")?;
    let bytes = if preview_only {
        let mut out = Vec::new();
        zstd::stream::read::Decoder::new(&blob[..])
            .and_then(|d| d.take(body::PREVIEW as u64 + 1).read_to_end(&mut out))
            .map_err(|e| Error::io("a stored history body does not decompress", e))?;
        out
    } else {
        body::decompress(&blob, size as usize)?
    };
    Ok((bytes, size))
}

/// One entry with body previews.
pub async fn get(pool: &SqlitePool, id: i64) -> Result<HistoryEntry> {
    let sql = format!(
        "SELECT {ROW_COLUMNS}, h.url, h.request_headers, h.response_headers, h.request_body, \
         h.response_body FROM history h WHERE h.id = ?"
    );
    let r = sqlx::query(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or_else(|| not_found(id))?;
    let row = row_from(&r)?;
    let request_headers = headers(&r.try_get::<String, _>("request_headers")?);
    let response_headers = headers(&r.try_get::<String, _>("response_headers")?);
    let mut previews = Vec::new();
    for (part, column, hs, size) in [
        (
            BodyPart::Request,
            "request_body",
            &request_headers,
            row.request_size,
        ),
        (
            BodyPart::Response,
            "response_body",
            &response_headers,
            row.response_size,
        ),
    ] {
        let inline: Option<Vec<u8>> = r.try_get(column)?;
        let (bytes, _) = stored_body(pool, id, part, inline, true).await?;
        let mut p = body::preview(&bytes, size, content_type(hs));
        // Only the start was decompressed: what is kept is `size` up to the 50 MB cut.
        p.stored = size.min(super::classify::MAX_BODY as u64);
        previews.push(p);
    }
    let response_body: BodyPreview = previews.pop().unwrap_or_else(empty_preview);
    let request_body: BodyPreview = previews.pop().unwrap_or_else(empty_preview);
    Ok(HistoryEntry {
        url: r.try_get("url")?,
        row,
        request_headers,
        response_headers,
        request_body,
        response_body,
    })
}

fn empty_preview() -> BodyPreview {
    body::preview(&[], 0, None)
}

/// A whole stored body.
pub async fn body_bytes(pool: &SqlitePool, id: i64, part: BodyPart) -> Result<Vec<u8>> {
    let column = match part {
        BodyPart::Request => "request_body",
        BodyPart::Response => "response_body",
    };
    let r = sqlx::query(&format!("SELECT {column} AS b FROM history WHERE id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or_else(|| not_found(id))?;
    let inline: Option<Vec<u8>> = r.try_get("b")?;
    Ok(stored_body(pool, id, part, inline, false).await?.0)
}

/// Deletes entries by id; how many there were.
pub async fn delete(pool: &SqlitePool, ids: &[i64]) -> Result<u64> {
    let mut n = 0;
    for chunk in ids.chunks(500) {
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new("DELETE FROM history WHERE id IN (");
        let mut sep = q.separated(", ");
        for id in chunk {
            sep.push_bind(*id);
        }
        q.push(")");
        n += q.build().execute(pool).await?.rows_affected();
    }
    Ok(n)
}

/// Deletes every entry (of one environment, when given); how many there were.
pub async fn clear(pool: &SqlitePool, env_id: Option<&str>) -> Result<u64> {
    let r = match env_id {
        Some(env) => {
            sqlx::query("DELETE FROM history WHERE env_id = ?")
                .bind(env)
                .execute(pool)
                .await?
        }
        None => sqlx::query("DELETE FROM history").execute(pool).await?,
    };
    Ok(r.rows_affected())
}
