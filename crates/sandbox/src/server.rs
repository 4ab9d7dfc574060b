//! Starting and stopping a Sandbox.

use crate::admin::Admin;
use crate::catalog::Catalog;
use crate::config::SandboxConfig;
use crate::error::{Error, Result};
use crate::faults::FaultEngine;
use crate::journal::Journal;
use crate::state::{prepare_data_file, AppState, Db, Persister, Shared, Store, TokenStore};
use agentkit_wire::redact::Redactor;
use parking_lot::RwLock;
use rand::Rng as _;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

/// How long `shutdown` waits for open connections to finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// A Sandbox serving on its own task. Dropping it stops the server too (and closes the data
/// file once what is queued is written); [`RunningSandbox::shutdown`] does the same and waits
/// for it.
pub struct RunningSandbox {
    url: String,
    ca_file: std::path::PathBuf,
    client_id: String,
    client_secret: String,
    admin: Admin,
    stop: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<std::io::Result<()>>>,
    writer: Option<JoinHandle<()>>,
    cancel: CancellationToken,
}

impl std::fmt::Debug for RunningSandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunningSandbox")
            .field("url", &self.url)
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

fn base_url(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    match ip {
        IpAddr::V4(v4) => format!("http://{v4}:{}", addr.port()),
        IpAddr::V6(v6) => format!("http://[{v6}]:{}", addr.port()),
    }
}

/// Binds, loads or seeds the state, and starts serving.
pub async fn start(config: SandboxConfig) -> Result<RunningSandbox> {
    let addr = SocketAddr::new(config.host, config.port);
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|source| Error::Bind { addr, source })?;
    let local = listener
        .local_addr()
        .map_err(|source| Error::Bind { addr, source })?;
    let url = base_url(local);
    let catalog = match config.catalog {
        Some(c) => c,
        None => Catalog::embedded()?,
    };
    let tls = crate::tls::load_or_create(&crate::tls::dir_for(config.data_file.as_deref()))?;
    let (loaded, persister, writer) = match &config.data_file {
        Some(path) => {
            prepare_data_file(path).await?;
            let db = Db::open(path, true).await?;
            let loaded = db.load().await?;
            let (persister, writer) = Persister::start(db);
            (loaded, Some(persister), Some(writer))
        }
        None => (None, None, None),
    };
    let fresh = loaded.is_none();
    let shared: AppState = Arc::new(Shared {
        url: url.clone(),
        catalog,
        store: RwLock::new(Store::default()),
        tokens: TokenStore::new(),
        faults: FaultEngine::new(config.faults),
        journal: Journal::new(
            config.journal_capacity,
            config.journal_max_bytes,
            Redactor::new().with_secret(&config.client_secret),
        ),
        client_id: config.client_id.clone(),
        client_secret: config.client_secret.clone(),
        token_ttl: config.token_ttl,
        magic_link_ttl: config.magic_link_ttl,
        signing_key: rand::rng().random(),
        persist: persister,
    });
    let mut store = loaded.unwrap_or_else(|| shared.seeded_store());
    store.reindex();
    store.rebase(&url);
    if fresh {
        shared.write(|s| s.replace(store));
    } else {
        *shared.store.write() = store;
    }
    if let Some(p) = &shared.persist {
        p.flush().await.map_err(|e| Error::Database {
            path: config.data_file.clone().unwrap_or_default(),
            detail: e.to_string(),
        })?;
    }

    let cancel = CancellationToken::new();
    let mcp = crate::mcp::service(
        shared.clone(),
        cancel.child_token(),
        &local.ip().to_string(),
    );
    let app = crate::grpc::front(crate::http::router(shared.clone(), mcp), shared.clone());
    let (stop, stopped) = oneshot::channel::<()>();
    let timeouts = crate::serve::Timeouts {
        header_read: config.header_read_timeout,
        idle: config.idle_timeout,
    };
    let tls_acceptor = tls.acceptor.clone();
    let server = tokio::spawn(async move {
        crate::serve::serve(listener, app, timeouts, Some(tls_acceptor), async move {
            let _ = stopped.await;
        })
        .await;
        Ok(())
    });
    tracing::info!(%url, "Kitbench Sandbox listening");
    Ok(RunningSandbox {
        url,
        ca_file: tls.ca_file,
        client_id: config.client_id,
        client_secret: config.client_secret,
        admin: Admin { state: shared },
        stop: Some(stop),
        server: Some(server),
        writer,
        cancel,
    })
}

impl RunningSandbox {
    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The PEM file of the self-signed certificate the port answers TLS with (for
    /// `GRPC_DEFAULT_SSL_ROOTS_FILE_PATH` or `NODE_EXTRA_CA_CERTS`).
    pub fn ca_file(&self) -> &std::path::Path {
        &self.ca_file
    }

    /// The OAuth client id the token endpoint accepts.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The OAuth client secret the token endpoint accepts.
    pub fn client_secret(&self) -> &str {
        &self.client_secret
    }

    /// A handle on the state, for tests and the app.
    pub fn admin(&self) -> Admin {
        self.admin.clone()
    }

    /// Stops accepting connections, lets open requests finish (up to a few seconds), stops
    /// the MCP sessions, and closes the data file once what is queued is written.
    pub async fn shutdown(mut self) {
        self.signal();
        if let Some(server) = self.server.take() {
            let abort = server.abort_handle();
            match tokio::time::timeout(SHUTDOWN_GRACE, server).await {
                Ok(Ok(Err(e))) => tracing::error!("{}", Error::Server(e)),
                Err(_) => abort.abort(),
                _ => {}
            }
        }
        if let Some(p) = &self.admin.state.persist {
            if let Err(e) = p.flush().await {
                tracing::error!("data file: {e}");
            }
            p.stop();
        }
        if let Some(writer) = self.writer.take() {
            let _ = writer.await;
        }
    }

    fn signal(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.cancel.cancel();
    }
}

impl Drop for RunningSandbox {
    fn drop(&mut self) {
        if self.stop.is_some() {
            self.signal();
            // The writer commits what is queued, then closes the file.
            if let Some(p) = &self.admin.state.persist {
                p.stop();
            }
        }
    }
}
