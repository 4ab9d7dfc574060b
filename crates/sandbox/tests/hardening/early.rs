//! Requests refused on their head are answered before their body is read (finding 2).

use crate::assert_error;
use crate::common::{self, reply, Api};
use std::time::Duration;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

const BODY: usize = 8 * 1024 * 1024;

/// Sends the head and the first 64 KiB of a `BODY`-byte POST, then reads the answer's head
/// without sending more: only a server that answers before reading the body gets there.
async fn answered_early(base: &str, path: &str, extra_headers: &str) -> (TcpStream, String) {
    let addr = base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).await.expect("connects");
    let head = format!(
        "POST {path} HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/json\r\n\
         content-length: {BODY}\r\n{extra_headers}\r\n"
    );
    stream.write_all(head.as_bytes()).await.expect("head sent");
    if extra_headers.is_empty() {
        stream.write_all(&[b' '; 64 * 1024]).await.expect("sent");
    }
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let read = tokio::time::timeout(Duration::from_secs(5), async {
        while !got.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = stream.read(&mut buf).await.expect("reads");
            assert!(n > 0, "closed before answering");
            got.extend_from_slice(&buf[..n]);
        }
    })
    .await;
    assert!(read.is_ok(), "no answer before the body was sent: {path}");
    (stream, String::from_utf8_lossy(&got).into_owned())
}

#[tokio::test]
async fn unauthenticated_and_unrouted_bodies_are_answered_before_they_are_read() {
    let sb = common::sandbox().await;
    for (path, status) in [
        ("/api/v1/connected_accounts", "401"),
        ("/proxy/v1/upload", "401"),
        ("/_sandbox/accounts/seed", "401"),
        ("/api/v1/no_such_route", "404"),
        ("/mcp/v1/not-an-instance", "404"),
    ] {
        let (mut stream, head) = answered_early(sb.url(), path, "").await;
        assert!(
            head.starts_with(&format!("HTTP/1.1 {status}")),
            "{path}: {head}"
        );
        // The rest of the body is drained, not refused: the client can finish sending.
        let rest = vec![b' '; BODY - 64 * 1024];
        stream
            .write_all(&rest)
            .await
            .expect("rest of the body drained");
    }
    // A client waiting for `100 Continue` gets the answer instead, and sends nothing.
    let (_, head) = answered_early(
        sb.url(),
        "/api/v1/connected_accounts",
        "expect: 100-continue\r\n",
    )
    .await;
    assert!(head.starts_with("HTTP/1.1 401"), "{head}");
    assert!(!head.contains("100 Continue"), "{head}");
}

#[tokio::test]
async fn a_declared_length_over_the_limit_is_413_before_the_body() {
    let sb = common::sandbox().await;
    let api = Api::new(&sb).await;
    let auth = format!("authorization: Bearer {}\r\n", api.token);
    let addr = sb.url().trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /api/v1/tools:search HTTP/1.1\r\nhost: {addr}\r\n{auth}content-length: {BODY}\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut buf = vec![0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf))
        .await
        .expect("answered before the body")
        .unwrap();
    let text = String::from_utf8_lossy(&buf[..n]);
    assert!(text.starts_with("HTTP/1.1 413"), "{text}");
    assert!(text.contains("PAYLOAD_TOO_LARGE"), "{text}");
}

#[tokio::test]
async fn an_ordinary_client_sending_8_mb_without_a_token_reads_a_clean_401() {
    let sb = common::sandbox().await;
    let http = common::http();
    for _ in 0..3 {
        let response = http
            .post(format!("{}/api/v1/connected_accounts", sb.url()))
            .header("content-type", "application/json")
            .body(vec![b' '; BODY])
            .send()
            .await
            .expect("answered, not reset");
        let r = reply(response).await;
        assert_error(&r, 401, 16);
    }
    // And the Sandbox still serves.
    let api = Api::new(&sb).await;
    assert_eq!(api.get("/api/v1/tools").await.status, 200);
}
