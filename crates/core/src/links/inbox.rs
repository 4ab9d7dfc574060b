//! Outcomes of `kitbench://` links on their way to the UI.

use std::sync::Mutex;

use super::LinkOutcome;

/// Outcomes that happen before the UI listens wait here; the queue is bounded because links
/// come from outside and a flood must not grow memory.
#[derive(Debug, Default)]
pub struct LinkInbox {
    inner: Mutex<Inbox>,
}

#[derive(Debug, Default)]
struct Inbox {
    queued: Vec<LinkOutcome>,
    ui_listening: bool,
}

/// At most this many outcomes wait for the UI; later ones are dropped (and logged).
pub const MAX_QUEUED: usize = 32;

impl LinkInbox {
    /// An outcome happened. Returns it back when the UI listens (send it now); otherwise
    /// keeps it.
    pub fn offer(&self, outcome: LinkOutcome) -> Option<LinkOutcome> {
        let mut inbox = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if inbox.ui_listening {
            return Some(outcome);
        }
        if inbox.queued.len() < MAX_QUEUED {
            inbox.queued.push(outcome);
        } else {
            tracing::warn!("a link outcome was dropped: {MAX_QUEUED} are already waiting");
        }
        None
    }

    /// How many outcomes wait for the UI.
    pub fn waiting(&self) -> usize {
        self.inner
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .queued
            .len()
    }

    /// The UI listens from now on: hands over what waited, each outcome once.
    pub fn take(&self) -> Vec<LinkOutcome> {
        let mut inbox = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        inbox.ui_listening = true;
        std::mem::take(&mut inbox.queued)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(n: usize) -> LinkOutcome {
        LinkOutcome::rejected(format!("outcome {n}"))
    }

    #[test]
    fn outcomes_wait_until_the_ui_asks_then_flow() {
        let inbox = LinkInbox::default();
        assert_eq!(inbox.offer(outcome(1)), None);
        assert_eq!(inbox.offer(outcome(2)), None);
        assert_eq!(inbox.waiting(), 2);
        assert_eq!(inbox.take(), vec![outcome(1), outcome(2)]);
        assert!(inbox.take().is_empty(), "each outcome is handed out once");
        assert_eq!(inbox.offer(outcome(3)), Some(outcome(3)));
    }

    #[test]
    fn the_queue_is_bounded() {
        let inbox = LinkInbox::default();
        for i in 0..MAX_QUEUED + 10 {
            inbox.offer(outcome(i));
        }
        assert_eq!(inbox.take().len(), MAX_QUEUED);
    }
}
