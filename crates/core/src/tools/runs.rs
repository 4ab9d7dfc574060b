//! Runs in flight, by run id, so `cancel_run` can abort one. A run is its own task: aborting it
//! drops the request future (the connection is closed; the server may still have acted).

use std::collections::HashMap;
use std::future::Future;
use std::sync::Mutex;

use tokio::task::AbortHandle;

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

impl RunRegistry {
    /// Runs `fut` as a task under `run_id` (tagged with [`crate::run_tag::with_run`]), until it
    /// ends or is cancelled. A second run under an id in flight is a conflict.
    pub async fn run<F>(&self, run_id: &str, fut: F) -> Result<Finished<F::Output>>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        let task = {
            let mut running = self.running.lock().map_err(|_| poisoned())?;
            if running.contains_key(run_id) {
                return Err(Error::Conflict(format!(
                    "Run {run_id} is already in flight."
                )));
            }
            let task = tokio::spawn(crate::run_tag::with_run(run_id.to_string(), fut));
            running.insert(run_id.to_string(), task.abort_handle());
            task
        };
        let joined = task.await;
        if let Ok(mut running) = self.running.lock() {
            running.remove(run_id);
        }
        match joined {
            Ok(out) => Ok(Finished::Done(out)),
            Err(e) if e.is_cancelled() => Ok(Finished::Cancelled),
            Err(e) => Err(Error::io(
                "the run stopped unexpectedly",
                std::io::Error::other(e.to_string()),
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
}
