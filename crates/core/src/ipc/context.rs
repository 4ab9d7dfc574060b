//! What a command runs with: the app (opened once, in the background), the host it runs in,
//! and the inbox of link outcomes.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use tokio::sync::OnceCell;

use super::Notifier;
use crate::links::{LinkInbox, LinkOutcome, LinkOutcomeKind};
use crate::{Error, IpcError, Kitbench, KitbenchConfig, Result};

/// What the desktop shell provides to commands. The Tauri shell implements it over its
/// `AppHandle`; tests implement it with a recorder.
pub trait Host: Send + Sync + 'static {
    /// Sends an event to the UI.
    fn emit(&self, event: Emit);
    /// Where exports go (the user's Downloads folder), if the platform has one.
    fn downloads_dir(&self) -> Option<PathBuf>;
    /// Opens `url` in the system browser. Callers go through [`crate::opener::open`], which
    /// writes to `KITBENCH_OPEN_URL_LOG` instead when it is set.
    fn open_url(&self, url: &str) -> std::io::Result<()>;
}

/// An event ready to send: its declared name and its JSON payload. Built only by the typed
/// constructors in [`super::event`].
#[derive(Debug, Clone, PartialEq)]
pub struct Emit {
    /// The event's name, as the UI listens for it.
    pub name: &'static str,
    /// The payload.
    pub payload: serde_json::Value,
}

impl Emit {
    pub(super) fn new<T: Serialize>(name: &'static str, payload: &T) -> Self {
        // Every payload type is plain data (strings, numbers, structs of them): it always
        // serializes. Null keeps a faulty one visible rather than panicking the backend.
        let payload = serde_json::to_value(payload).unwrap_or(serde_json::Value::Null);
        Self { name, payload }
    }
}

/// The state every command sees.
pub struct Context {
    config: Mutex<Option<KitbenchConfig>>,
    app: OnceCell<std::result::Result<Arc<Kitbench>, IpcError>>,
    host: Arc<dyn Host>,
    links: Arc<LinkInbox>,
}

impl Context {
    /// A context that opens `config` on first use (the page's first command waits for it).
    pub fn new(config: KitbenchConfig, host: Arc<dyn Host>) -> Self {
        Self {
            config: Mutex::new(Some(config)),
            app: OnceCell::new(),
            host,
            links: Arc::default(),
        }
    }

    /// A context over an app that is already open (tests).
    pub fn with_app(app: Arc<Kitbench>, host: Arc<dyn Host>) -> Self {
        Self {
            config: Mutex::new(None),
            app: OnceCell::new_with(Some(Ok(app))),
            host,
            links: Arc::default(),
        }
    }

    /// The open app, opening it if nobody has yet; every caller gets the same outcome.
    pub async fn kit(&self) -> Result<Arc<Kitbench>> {
        let opened = self
            .app
            .get_or_init(|| async {
                let config = self.config.lock().unwrap_or_else(|p| p.into_inner()).take();
                let Some(config) = config else {
                    return Err(IpcError::from(Error::Sandbox("no app to open".into())));
                };
                Kitbench::open(config).await.map(Arc::new).map_err(|e| {
                    tracing::error!("Kitbench could not open its data: {e}");
                    IpcError::from(e)
                })
            })
            .await;
        opened.clone().map_err(|e| Error::NotOpen(Box::new(e)))
    }

    /// The app if it has finished opening.
    pub fn ready(&self) -> Option<Arc<Kitbench>> {
        self.app.get().and_then(|r| r.as_ref().ok()).cloned()
    }

    /// The host.
    pub fn host(&self) -> &dyn Host {
        self.host.as_ref()
    }

    /// The host, to keep in a background task that outlives the command.
    pub fn host_handle(&self) -> Arc<dyn Host> {
        self.host.clone()
    }

    /// Link outcomes waiting for the UI.
    pub fn links(&self) -> &LinkInbox {
        &self.links
    }

    /// Where authorizations report to (events, the inbox, the browser).
    pub fn notifier(&self) -> Notifier {
        Notifier::new(self.host.clone(), self.links.clone())
    }

    /// A `kitbench://` link arrived. It is handled in core at once (in a task that waits for
    /// the app to open): parsed, matched to its authorization and verified. Its outcome goes to
    /// the UI if it listens already, else waits until it asks (`take_link_outcomes`), so a
    /// link that starts the app is not lost. Call it inside a tokio runtime.
    pub fn deliver_link(self: &Arc<Self>, url: &str) {
        // The link carries a one-time auth_request_id: log where it points, nothing more.
        tracing::info!("link received: {}", crate::links::scheme_and_path(url));
        let cx = self.clone();
        let url = url.to_string();
        tokio::spawn(async move {
            let notifier = cx.notifier();
            let outcome = match cx.kit().await {
                Ok(kit) => kit.handle_link(&url, &notifier).await,
                Err(e) => LinkOutcome {
                    kind: LinkOutcomeKind::Failed,
                    message: format!("The link could not be handled: {e}"),
                    authorization: None,
                },
            };
            notifier.outcome(outcome);
        });
    }
}
