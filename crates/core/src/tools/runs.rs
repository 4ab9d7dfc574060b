//! Runs in flight, by run id, so `cancel_run` can abort one. Aborting drops the request future
//! (the connection is closed; the server may still have acted).
//!
//! A run is polled inline by the command that started it, not spawned as its own task: a task
//! costs two cross-thread wake-ups per run, a fifth of a local tool call's time.

use std::collections::HashMap;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::Mutex;

use futures_util::future::{AbortHandle, Abortable};
use futures_util::FutureExt;

use crate::{Error, Result};

/// The abort handles of the runs in flight.
#[derive(Debug, Default)]
pub struct RunRegistry {
    running: Mutex<HashMap<String, AbortHandle>>,
}

/// How a registered run ended.
pub enum Finished<T> {
    /// It ran to the end.
    Done(T),
    /// `cancel` aborted it.
    Cancelled,
}

/// Takes a run off the registry however its future ends: answered, aborted, or dropped with
/// the command that polled it.
struct Registered<'a> {
    registry: &'a RunRegistry,
    run_id: &'a str,
}

impl Drop for Registered<'_> {
    fn drop(&mut self) {
        if let Ok(mut running) = self.registry.running.lock() {
            running.remove(self.run_id);
        }
    }
}

impl RunRegistry {
    /// Runs `fut` under `run_id` (tagged with [`crate::run_tag::with_run`]), until it ends or
    /// is cancelled. A second run under an id in flight is a conflict.
    pub async fn run<F: Future>(&self, run_id: &str, fut: F) -> Result<Finished<F::Output>> {
        let (handle, registration) = AbortHandle::new_pair();
        {
            let mut running = self.running.lock().map_err(|_| poisoned())?;
            if running.contains_key(run_id) {
                return Err(Error::Conflict(format!(
                    "Run {run_id} is already in flight."
                )));
            }
            running.insert(run_id.to_string(), handle);
        }
        let _registered = Registered {
            registry: self,
            run_id,
        };
        let tagged = crate::run_tag::with_run(run_id.to_string(), fut);
        // A panic in the call (a bug in a dependency) ends this run with an error instead of
        // taking the command, and the UI's wait for it, down with it.
        let caught = AssertUnwindSafe(Abortable::new(tagged, registration))
            .catch_unwind()
            .await;
        match caught {
            Ok(Ok(out)) => Ok(Finished::Done(out)),
            Ok(Err(_aborted)) => Ok(Finished::Cancelled),
            Err(_panic) => Err(Error::io(
                "the run stopped unexpectedly",
                std::io::Error::other("the call panicked"),
            )),
        }
    }

    /// Aborts the run in flight under `run_id`; false when there is none (already done).
    pub fn cancel(&self, run_id: &str) -> bool {
        let handle = self
            .running
            .lock()
            .ok()
            .and_then(|r| r.get(run_id).cloned());
        match handle {
            Some(h) => {
                h.abort();
                true
            }
            None => false,
        }
    }

    /// How many runs are in flight.
    pub fn in_flight(&self) -> usize {
        self.running.lock().map(|r| r.len()).unwrap_or(0)
    }
}

fn poisoned() -> Error {
    Error::Conflict("The run registry is unusable after a crash; restart the app.".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::time::Duration;

    #[tokio::test]
    async fn runs_finish_cancel_and_refuse_duplicates() {
        let reg = Arc::new(RunRegistry::default());
        let tagged = reg
            .run("r1", async { crate::run_tag::current() })
            .await
            .unwrap();
        assert!(matches!(tagged, Finished::Done(Some(ref id)) if id == "r1"));
        assert_eq!(reg.in_flight(), 0);
        assert!(!reg.cancel("r1"));

        let r = reg.clone();
        let slow = tokio::spawn(async move {
            r.run("r2", tokio::time::sleep(Duration::from_secs(30)))
                .await
        });
        while reg.in_flight() == 0 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let dup = reg.run("r2", async {}).await;
        assert!(matches!(dup, Err(Error::Conflict(_))));
        assert!(reg.cancel("r2"));
        let ended = tokio::time::timeout(Duration::from_secs(5), slow)
            .await
            .unwrap()
            .unwrap();
        assert!(matches!(ended, Ok(Finished::Cancelled)));
        assert_eq!(reg.in_flight(), 0);
    }

    #[tokio::test]
    async fn a_dropped_or_panicking_run_leaves_the_registry() {
        let reg = RunRegistry::default();
        let dropped = tokio::time::timeout(
            Duration::from_millis(20),
            reg.run("r3", tokio::time::sleep(Duration::from_secs(30))),
        )
        .await;
        assert!(dropped.is_err(), "the run was still in flight");
        assert_eq!(reg.in_flight(), 0);
        assert!(!reg.cancel("r3"));

        let panicked = reg
            .run("r4", async { panic!("a bug in a dependency") })
            .await;
        assert!(matches!(panicked, Err(Error::Io { .. })));
        assert_eq!(reg.in_flight(), 0);
        assert!(matches!(
            reg.run("r4", async { 1 }).await,
            Ok(Finished::Done(1))
        ));
    }
}
