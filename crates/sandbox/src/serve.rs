//! The accept loop: HTTP/1.1 and HTTP/2 through hyper-util, with the two connection timeouts
//! axum's `serve` does not offer.
//!
//! - **Header read timeout** ([`SandboxConfig::header_read_timeout`], default 20 s): a request
//!   head must arrive within it, counted from when the connection starts waiting for one, so
//!   it also closes HTTP/1.1 keep-alive connections left idle between requests and clients
//!   that drip header bytes.
//! - **Idle timeout** ([`SandboxConfig::idle_timeout`], default 120 s, above the longest
//!   injected latency): a connection on which no byte has moved either way for this long is
//!   closed, whatever state it is in (a stalled body upload, a client that stopped reading, an
//!   HTTP/2 connection with nothing to do).
//!
//! - **One port, three ways in**: a first byte of `0x16` (a TLS handshake record) is TLS,
//!   answered with h2 or HTTP/1.1 by ALPN; anything else is cleartext HTTP/1.1 or h2c (prior
//!   knowledge), which hyper-util's auto builder tells apart by the HTTP/2 preface. The SDKs
//!   need this: both use the environment URL's host and port for the token, the proxy and gRPC.
//!
//! [`SandboxConfig::header_read_timeout`]: crate::SandboxConfig::header_read_timeout
//! [`SandboxConfig::idle_timeout`]: crate::SandboxConfig::idle_timeout

use axum::Router;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::Instant;
use tokio_rustls::TlsAcceptor;

/// The first byte of a TLS handshake record.
const TLS_HANDSHAKE: u8 = 0x16;

/// The two connection timeouts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Timeouts {
    pub header_read: Duration,
    pub idle: Duration,
}

/// Serves `app` on `listener` until `stop` resolves, then lets open connections finish.
pub(crate) async fn serve(
    listener: TcpListener,
    app: Router,
    timeouts: Timeouts,
    tls: Option<TlsAcceptor>,
    stop: impl std::future::Future<Output = ()>,
) {
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(timeouts.header_read);
    builder.http2().timer(TokioTimer::new());
    let graceful = GracefulShutdown::new();
    // Connections still waiting for their first byte are not watched yet: this lets them go.
    let closing = tokio_util::sync::CancellationToken::new();
    tokio::pin!(stop);
    loop {
        let (stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of descriptors and the like: wait instead of spinning.
                    tracing::warn!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let _ = stream.set_nodelay(true);
        let conn = Conn {
            builder: builder.clone(),
            app: app.clone(),
            watcher: graceful.watcher(),
            idle: timeouts.idle,
        };
        let tls = tls.clone();
        let header_read = timeouts.header_read;
        let closing = closing.clone();
        tokio::spawn(async move {
            let mut first = [0u8; 1];
            let peeked = tokio::select! {
                peeked = tokio::time::timeout(header_read, stream.peek(&mut first)) => peeked,
                () = closing.cancelled() => return,
            };
            let is_tls = matches!(peeked, Ok(Ok(1))) && first[0] == TLS_HANDSHAKE;
            let base = Instant::now();
            let activity = Arc::new(AtomicU64::new(0));
            let tracked = Tracked {
                inner: stream,
                base,
                activity: activity.clone(),
            };
            match (is_tls, tls) {
                (true, Some(acceptor)) => {
                    let handshake = tokio::time::timeout(header_read, acceptor.accept(tracked));
                    match handshake.await {
                        Ok(Ok(stream)) => conn.run(stream, base, activity).await,
                        Ok(Err(e)) => tracing::debug!("TLS handshake failed: {e}"),
                        Err(_) => tracing::debug!("TLS handshake timed out"),
                    }
                }
                _ => conn.run(tracked, base, activity).await,
            }
        });
    }
    drop(listener);
    closing.cancel();
    graceful.shutdown().await;
}

/// What serving one connection needs.
struct Conn {
    builder: Builder<TokioExecutor>,
    app: Router,
    watcher: hyper_util::server::graceful::Watcher,
    idle: Duration,
}

impl Conn {
    /// Serves `io` until it closes, shutdown asks it to, or nothing has moved for `idle`.
    async fn run<I>(self, io: I, base: Instant, activity: Arc<AtomicU64>)
    where
        I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let service = TowerToHyperService::new(self.app);
        let conn = self
            .builder
            .serve_connection_with_upgrades(TokioIo::new(io), service)
            .into_owned();
        let conn = self.watcher.watch(conn);
        let idle = self.idle;
        tokio::pin!(conn);
        loop {
            let last = base + Duration::from_millis(activity.load(Ordering::Relaxed));
            tokio::select! {
                _ = &mut conn => return,
                () = tokio::time::sleep_until(last + idle) => {
                    let last = base + Duration::from_millis(activity.load(Ordering::Relaxed));
                    if last.elapsed() >= idle {
                        tracing::debug!("closing a connection idle for {idle:?}");
                        return;
                    }
                }
            }
        }
    }
}

/// A TCP stream that records when a byte last moved, in milliseconds since `base`.
struct Tracked {
    inner: TcpStream,
    base: Instant,
    activity: Arc<AtomicU64>,
}

impl Tracked {
    fn touch(&self) {
        let ms = u64::try_from(self.base.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.activity.store(ms, Ordering::Relaxed);
    }
}

impl AsyncRead for Tracked {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let poll = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.touch();
        }
        poll
    }
}

impl AsyncWrite for Tracked {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let poll = Pin::new(&mut self.inner).poll_write(cx, data);
        if matches!(poll, Poll::Ready(Ok(n)) if n > 0) {
            self.touch();
        }
        poll
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let poll = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(poll, Poll::Ready(Ok(n)) if n > 0) {
            self.touch();
        }
        poll
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}
