//! Calling commands the way the UI does: `ipc::dispatch` with JSON arguments, over a host that
//! records the events the backend sends.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use kitbench_core::ipc::{self, Context, Emit, Host};
use kitbench_core::IpcError;
use serde_json::Value;

/// A host that keeps what the backend emitted, and a Downloads folder in a temp dir.
pub struct Recorder {
    pub events: Mutex<Vec<Emit>>,
    pub downloads: PathBuf,
}

impl Host for Recorder {
    fn emit(&self, event: Emit) {
        self.events.lock().unwrap().push(event);
    }
    fn downloads_dir(&self) -> Option<PathBuf> {
        Some(self.downloads.clone())
    }
    fn open_url(&self, _url: &str) -> std::io::Result<()> {
        // The tests' config logs opened URLs to a file (common::opened_urls) instead.
        Err(std::io::Error::other("tests never start a browser"))
    }
}

/// A context over a fresh app with the built-in Sandbox; remembers which commands ran.
pub struct Harness {
    pub cx: Arc<Context>,
    pub host: Arc<Recorder>,
    pub called: Mutex<BTreeSet<String>>,
    pub dir: tempfile::TempDir,
}

impl Harness {
    /// A fresh app with the built-in Sandbox.
    pub async fn new() -> Self {
        let (app, dir, _secrets) = super::app(true).await;
        let host = Arc::new(Recorder {
            events: Mutex::default(),
            downloads: dir.path().join("Downloads"),
        });
        std::fs::create_dir_all(&host.downloads).unwrap();
        let cx = Arc::new(Context::with_app(Arc::new(app), host.clone()));
        Self {
            cx,
            host,
            called: Mutex::default(),
            dir,
        }
    }

    /// Runs a command; its error as the UI would get it.
    pub async fn try_call(&self, command: &str, args: Value) -> Result<Value, IpcError> {
        self.called.lock().unwrap().insert(command.to_string());
        ipc::dispatch(&self.cx, command, args).await
    }

    /// Waits (up to 20 s) for an event named `name` whose payload passes `done`.
    pub async fn wait_for_event(&self, name: &str, done: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let found = self
                .host
                .events
                .lock()
                .unwrap()
                .iter()
                .rev()
                .find(|e| e.name == name && done(&e.payload))
                .map(|e| e.payload.clone());
            if let Some(payload) = found {
                return payload;
            }
            assert!(Instant::now() < deadline, "no {name} event arrived");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Runs a command that must succeed.
    pub async fn call(&self, command: &str, args: Value) -> Value {
        match self.try_call(command, args).await {
            Ok(v) => v,
            Err(e) => panic!("{command} failed: {e:?}"),
        }
    }
}
