//! `kitbench://` links on their way to the UI. Anyone can hand the app a URL, so nothing here
//! trusts one; the features that act on links parse and check them.

use std::sync::Mutex;

/// Links that arrive before the UI listens wait here; the queue is bounded because links come
/// from outside and a flood must not grow memory.
#[derive(Debug, Default)]
pub struct LinkInbox {
    inner: Mutex<Inbox>,
}

#[derive(Debug, Default)]
struct Inbox {
    queued: Vec<String>,
    ui_listening: bool,
}

/// At most this many links wait for the UI; later ones are dropped (and logged).
pub const MAX_QUEUED: usize = 32;

impl LinkInbox {
    /// A link arrived. Returns it back when the UI listens (send it now); otherwise keeps it.
    pub fn offer(&self, url: &str) -> Option<String> {
        let mut inbox = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if inbox.ui_listening {
            return Some(url.to_string());
        }
        if inbox.queued.len() < MAX_QUEUED {
            inbox.queued.push(url.to_string());
        } else {
            tracing::warn!("a kitbench:// link was dropped: {MAX_QUEUED} are already waiting");
        }
        None
    }

    /// The UI listens from now on: hands over what waited, each link once.
    pub fn take(&self) -> Vec<String> {
        let mut inbox = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        inbox.ui_listening = true;
        std::mem::take(&mut inbox.queued)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_wait_until_the_ui_asks_then_flow() {
        let inbox = LinkInbox::default();
        assert_eq!(inbox.offer("kitbench://a"), None);
        assert_eq!(inbox.offer("kitbench://b"), None);
        assert_eq!(inbox.take(), vec!["kitbench://a", "kitbench://b"]);
        assert!(inbox.take().is_empty(), "each link is handed out once");
        assert_eq!(inbox.offer("kitbench://c").as_deref(), Some("kitbench://c"));
    }

    #[test]
    fn the_queue_is_bounded() {
        let inbox = LinkInbox::default();
        for i in 0..MAX_QUEUED + 10 {
            inbox.offer(&format!("kitbench://{i}"));
        }
        assert_eq!(inbox.take().len(), MAX_QUEUED);
    }
}
