//! `/_sandbox/*`: the admin endpoints (bearer token required, like `/api`). They are neither
//! faulted nor journaled, so a test can always inspect and repair the Sandbox.

use crate::admin::Admin;
use crate::faults::Faults;
use crate::http::{json, require_bearer, ApiError, ApiResult};
use crate::state::AppState;
use agentkit_wire::Empty;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

pub(crate) fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/journal", get(journal).delete(clear_journal))
        .route("/faults", get(faults).put(set_faults))
        .route("/reset", post(reset))
        .route("/accounts/seed", post(seed_accounts))
        .route("/accounts/{id}/expire", post(expire_account))
        .route("/tokens/expire", post(expire_tokens))
        .route("/counts", get(counts))
        .route_layer(middleware::from_fn_with_state(state, auth))
}

async fn auth(State(state): State<AppState>, request: Request, next: Next) -> Response {
    match require_bearer(&state, request.headers()) {
        Ok(()) => next.run(request).await,
        Err(e) => e.into_response(),
    }
}

fn admin(state: AppState) -> Admin {
    Admin { state }
}

fn reply(result: ApiResult) -> Response {
    result.unwrap_or_else(IntoResponse::into_response)
}

/// Entries a journal page holds unless `limit` says otherwise.
const JOURNAL_PAGE: usize = 50;
/// The most entries one journal page holds.
const JOURNAL_PAGE_MAX: usize = 500;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JournalQuery {
    limit: Option<usize>,
    before: Option<u64>,
}

/// `GET /_sandbox/journal?limit=N&before=SEQ`: up to `limit` entries (default 50, at most 500)
/// older than `before` (the newest when absent), newest first, and `next_before` for the next
/// page. Rendered on a blocking thread: redacting bodies is CPU work.
async fn journal(
    State(state): State<AppState>,
    query: Result<Query<JournalQuery>, QueryRejection>,
) -> Response {
    let q = match query {
        Ok(Query(q)) => q,
        Err(e) => {
            return ApiError::invalid(format!(
                "journal query: {} (expected limit, 1 to {JOURNAL_PAGE_MAX}, and before, an \
                 entry's seq)",
                e.body_text()
            ))
            .into_response()
        }
    };
    let limit = q.limit.unwrap_or(JOURNAL_PAGE);
    if !(1..=JOURNAL_PAGE_MAX).contains(&limit) {
        return ApiError::invalid(format!(
            "limit must be between 1 and {JOURNAL_PAGE_MAX}, not {limit}"
        ))
        .into_response();
    }
    match tokio::task::spawn_blocking(move || state.journal.page(limit, q.before)).await {
        Ok(page) => reply(json(&page)),
        Err(e) => ApiError::gateway(
            agentkit_wire::Code::Internal,
            &format!("reading the journal failed: {e}"),
        )
        .into_response(),
    }
}

async fn clear_journal(State(state): State<AppState>) -> Response {
    state.journal.clear();
    reply(json(&Empty {}))
}

async fn faults(State(state): State<AppState>) -> Response {
    reply(json(&state.faults.get()))
}

async fn set_faults(State(state): State<AppState>, body: Bytes) -> Response {
    match Faults::parse(&body) {
        Ok(f) => {
            state.faults.set(f);
            reply(json(&state.faults.get()))
        }
        Err(e) => ApiError::invalid(format!("invalid faults: {e}")).into_response(),
    }
}

async fn reset(State(state): State<AppState>) -> Response {
    admin(state).reset();
    reply(json(&Empty {}))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedRequest {
    count: usize,
    #[serde(default)]
    seed: Option<u64>,
}

/// `POST /_sandbox/accounts/seed` `{"count": N, "seed": optional u64}`: adds N generated
/// accounts (on a blocking thread: 100,000 take a moment) and answers a `SeedReport`.
async fn seed_accounts(State(state): State<AppState>, body: Bytes) -> Response {
    let req = match serde_json::from_slice::<SeedRequest>(&body) {
        Ok(r) => r,
        Err(e) => return ApiError::invalid(format!("invalid seed request: {e}")).into_response(),
    };
    let admin = admin(state.clone());
    let seeded =
        tokio::task::spawn_blocking(move || admin.seed_accounts(req.count, req.seed)).await;
    // The blocking thread is outside this request's write tracking: wait for all queued.
    if let Some(p) = &state.persist {
        crate::state::persist::note(p.enqueued());
    }
    match seeded {
        Ok(Ok(report)) => reply(json(&report)),
        Ok(Err(e)) => ApiError::invalid(e.to_string()).into_response(),
        Err(e) => ApiError::gateway(
            agentkit_wire::Code::Internal,
            &format!("seeding failed: {e}"),
        )
        .into_response(),
    }
}

async fn expire_account(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    match admin(state).expire_account(&id) {
        Ok(()) => reply(json(&Empty {})),
        Err(e) => ApiError::not_found(e.to_string()).into_response(),
    }
}

async fn expire_tokens(State(state): State<AppState>) -> Response {
    state.tokens.expire_all();
    reply(json(&Empty {}))
}

async fn counts(State(state): State<AppState>) -> Response {
    reply(json(&admin(state).counts()))
}
