use crate::common::{self, Api};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn short_timeouts() -> kitbench_sandbox::RunningSandbox {
    kitbench_sandbox::start(kitbench_sandbox::SandboxConfig {
        header_read_timeout: Duration::from_millis(300),
        idle_timeout: Duration::from_millis(800),
        ..common::config()
    })
    .await
    .expect("sandbox starts")
}

async fn connect(sb: &kitbench_sandbox::RunningSandbox) -> TcpStream {
    TcpStream::connect(sb.url().trim_start_matches("http://"))
        .await
        .unwrap()
}

/// Reads until the server closes the connection; how long that took.
async fn closed_after(mut stream: TcpStream, started: Instant) -> Duration {
    let mut sink = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut sink)).await;
    assert!(read.is_ok(), "the server never closed the connection");
    started.elapsed()
}

#[tokio::test]
async fn idle_and_dripping_connections_are_closed() {
    let sb = short_timeouts().await;
    let started = Instant::now();
    let idle: Vec<TcpStream> = open_idle(&sb, 50).await;
    for stream in idle {
        assert!(closed_after(stream, started).await < Duration::from_secs(3));
    }

    let mut drip = connect(&sb).await;
    let started = Instant::now();
    let writer = async {
        for byte in b"GET /api/v1/tools HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaa" {
            if drip.write_all(&[*byte]).await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    };
    writer.await;
    assert!(closed_after(drip, started).await < Duration::from_secs(4));

    // A connection in use keeps working.
    let api = Api::new(&sb).await;
    assert_eq!(api.get("/api/v1/tools").await.status, 200);
}

#[tokio::test]
async fn a_stalled_body_is_closed_after_the_idle_timeout() {
    let sb = short_timeouts().await;
    let mut stream = connect(&sb).await;
    let started = Instant::now();
    stream
        .write_all(b"POST /oauth/token HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\ngrant")
        .await
        .unwrap();
    let took = closed_after(stream, started).await;
    assert!(took >= Duration::from_millis(700), "{took:?}");
    assert!(took < Duration::from_secs(4), "{took:?}");
}

async fn open_idle(sb: &kitbench_sandbox::RunningSandbox, n: usize) -> Vec<TcpStream> {
    let mut all = Vec::with_capacity(n);
    for _ in 0..n {
        all.push(connect(sb).await);
    }
    all
}
