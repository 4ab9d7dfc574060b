//! Each typed network cause, produced by a real socket on loopback (or a real DNS lookup), so
//! the classification is checked against the error types reqwest, hyper and rustls really
//! return, not against hand-built errors.

mod common;

use agentkit::{Client, Error, ErrorKind, NetworkCause};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// The token request's error: the first request any client makes.
async fn token_error(client: Client) -> Error {
    client.access_token().await.unwrap_err()
}

async fn error_for(env_url: &str) -> Error {
    token_error(Client::new(env_url, "id", "secret").unwrap()).await
}

/// A loopback listener and its port; `serve` gets every accepted socket.
async fn listener<F, Fut>(serve: F) -> u16
where
    F: Fn(tokio::net::TcpStream) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(serve(socket));
        }
    });
    port
}

#[tokio::test]
async fn a_closed_port_is_refused() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let err = error_for(&format!("http://127.0.0.1:{port}")).await;
    assert_eq!(err.kind(), ErrorKind::Network, "{err:?}");
    assert_eq!(err.network_cause(), Some(NetworkCause::Refused), "{err:?}");
    assert!(matches!(
        err,
        Error::Network {
            cause: NetworkCause::Refused,
            ..
        }
    ));
    assert_eq!(
        err.to_string(),
        format!("could not connect to 127.0.0.1:{port} (connection refused)")
    );
}

#[tokio::test]
async fn https_to_a_plain_tcp_listener_is_tls() {
    let port = listener(|mut socket| async move {
        let _ = socket.write_all(b"HTTP/1.1 200 OK\r\n\r\nplain text").await;
    })
    .await;
    let err = error_for(&format!("https://127.0.0.1:{port}")).await;
    assert_eq!(err.network_cause(), Some(NetworkCause::Tls), "{err:?}");
    assert!(
        err.to_string()
            .starts_with(&format!("could not connect to 127.0.0.1:{port} (TLS error")),
        "{err}"
    );
}

#[tokio::test]
async fn https_to_the_plain_http_sandbox_is_tls() {
    let env = common::start().await;
    let plain = env.sandbox.url().to_string();
    assert!(plain.starts_with("http://"), "{plain}");
    let https = plain.replacen("http://", "https://", 1);
    let client = Client::new(&https, env.sandbox.client_id(), env.sandbox.client_secret()).unwrap();
    let err = token_error(client).await;
    assert_eq!(err.kind(), ErrorKind::Network, "{err:?}");
    assert_eq!(err.network_cause(), Some(NetworkCause::Tls), "{err:?}");
}

#[tokio::test]
async fn a_listener_that_never_answers_times_out() {
    let port = listener(|mut socket| async move {
        // Read the request and hold the connection open without answering.
        let mut buf = vec![0u8; 4096];
        while let Ok(n) = socket.read(&mut buf).await {
            if n == 0 {
                break;
            }
        }
    })
    .await;
    let client = Client::builder(&format!("http://127.0.0.1:{port}"), "id", "secret")
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = token_error(client).await;
    assert!(started.elapsed() < Duration::from_secs(5), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err:?}");
    assert_eq!(err.network_cause(), Some(NetworkCause::Timeout), "{err:?}");
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
}

#[tokio::test]
async fn an_abortive_close_is_a_reset() {
    let port = listener(|socket| async move {
        // Wait until the request is in, then close with SO_LINGER 0: the kernel sends RST.
        socket.readable().await.unwrap();
        socket.set_zero_linger().unwrap();
        drop(socket);
    })
    .await;
    let err = error_for(&format!("http://127.0.0.1:{port}")).await;
    assert_eq!(err.kind(), ErrorKind::Network, "{err:?}");
    assert_eq!(err.network_cause(), Some(NetworkCause::Reset), "{err:?}");
}

#[tokio::test]
async fn a_server_that_reads_and_closes_is_a_reset() {
    let port = listener(|mut socket| async move {
        let mut buf = vec![0u8; 4096];
        let _ = socket.read(&mut buf).await;
        let _ = socket.shutdown().await;
    })
    .await;
    let err = error_for(&format!("http://127.0.0.1:{port}")).await;
    assert_eq!(err.kind(), ErrorKind::Network, "{err:?}");
    assert_eq!(err.network_cause(), Some(NetworkCause::Reset), "{err:?}");
    assert!(
        err.to_string()
            .ends_with(&format!("127.0.0.1:{port} failed (connection reset)")),
        "{err}"
    );
}

/// `.invalid` never resolves (RFC 6761). The lookup goes through the machine's resolver, so it
/// is bounded: if the resolver does not answer within the connect timeout, the error is the
/// typed timeout instead (and the test says so), never an untyped one.
#[tokio::test]
async fn an_invalid_name_is_dns() {
    let client = Client::builder("https://kitbench-test.invalid", "id", "secret")
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let err = token_error(client).await;
    match err.network_cause() {
        Some(NetworkCause::Dns) => {
            assert_eq!(err.kind(), ErrorKind::Network);
            assert!(
                err.to_string().starts_with(
                    "could not connect to kitbench-test.invalid:443 (DNS lookup failed"
                ),
                "{err}"
            );
        }
        Some(NetworkCause::Timeout) => {
            eprintln!("the resolver did not answer within 5 s; got the typed timeout: {err}");
        }
        other => panic!("expected a DNS cause, got {other:?}: {err:?}"),
    }
}
