//! What authorizations tell the UI and the desktop: `authorization_updated` events, link
//! outcomes (through the inbox), and URLs to open.

use std::path::Path;
use std::sync::Arc;

use super::{event, Host};
use crate::authorizations::Authorization;
use crate::links::{LinkInbox, LinkOutcome};

/// A handle for code that reports after the command that started it has returned (the link
/// handler, the loopback listener). Cheap to clone.
#[derive(Clone)]
pub struct Notifier {
    host: Arc<dyn Host>,
    inbox: Arc<LinkInbox>,
}

impl std::fmt::Debug for Notifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Notifier").finish_non_exhaustive()
    }
}

impl Notifier {
    pub(super) fn new(host: Arc<dyn Host>, inbox: Arc<LinkInbox>) -> Self {
        Self { host, inbox }
    }

    /// An authorization changed.
    pub fn updated(&self, auth: &Authorization) {
        self.host.emit(event::authorization_updated(auth.clone()));
    }

    /// A link was handled: sent as `link_outcome` if the UI listens, else queued for
    /// `take_link_outcomes`.
    pub fn outcome(&self, outcome: LinkOutcome) {
        if let Some(outcome) = self.inbox.offer(outcome) {
            self.host.emit(event::link_outcome(outcome));
        }
    }

    /// Opens a URL in the browser (or appends it to `log`, see [`crate::opener`]).
    pub fn open_url(&self, log: Option<&Path>, url: &str) -> std::io::Result<()> {
        crate::opener::open(log, self.host.as_ref(), url)
    }
}
