//! Ties the HTTP exchanges of one user action (a tool run, a proxied call, a replay) to that
//! action, so the history can hand back the entries a run produced.
//!
//! The client's observer is called inline, inside the future that made the request, so a
//! task-local set around the call is visible to it without threading an id through the client.

use std::future::Future;

tokio::task_local! {
    static RUN_ID: String;
}

/// Runs `fut` with `run_id` as the current run: every exchange observed inside it is tagged.
pub async fn with_run<F: Future>(run_id: String, fut: F) -> F::Output {
    RUN_ID.scope(run_id, fut).await
}

/// The run the current task is working for, if any.
pub fn current() -> Option<String> {
    RUN_ID.try_with(Clone::clone).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn visible_inside_the_scope_only() {
        assert_eq!(current(), None);
        let seen = with_run("run-1".into(), async { current() }).await;
        assert_eq!(seen.as_deref(), Some("run-1"));
        assert_eq!(current(), None);
    }
}
