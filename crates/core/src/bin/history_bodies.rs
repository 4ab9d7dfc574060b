//! Writes every body a history database holds to stdout as plain bytes, the compressed ones
//! decompressed, each followed by a newline. The end-to-end secret scan searches this beside
//! the database's own bytes: a secret inside a zstd frame is not in the file as written.
//!
//! Usage: `history-bodies <kitbench.db>`; opens the file read-only.

use std::io::Write;
use std::process::ExitCode;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, SqliteConnection};

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: history-bodies <kitbench.db>");
        return ExitCode::from(2);
    };
    match dump(&path).await {
        Ok(n) => {
            eprintln!("history-bodies: {n} bodies from {path}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("history-bodies: {path}: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn dump(path: &str) -> Result<usize, Box<dyn std::error::Error>> {
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    let mut conn = SqliteConnection::connect_with(&options).await?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut n = 0;
    let inline: Vec<(Option<Vec<u8>>,)> = sqlx::query_as(
        "SELECT request_body FROM history UNION ALL SELECT response_body FROM history",
    )
    .fetch_all(&mut conn)
    .await?;
    for (body,) in inline {
        let Some(body) = body else { continue };
        out.write_all(&body)?;
        out.write_all(b"\n")?;
        n += 1;
    }
    let compressed: Vec<(Vec<u8>,)> = sqlx::query_as("SELECT zstd FROM history_bodies")
        .fetch_all(&mut conn)
        .await?;
    for (blob,) in compressed {
        out.write_all(&zstd::stream::decode_all(blob.as_slice())?)?;
        out.write_all(b"\n")?;
        n += 1;
    }
    out.flush()?;
    Ok(n)
}
