//! A returning link, checked against the authorizations the app started, then verified.

use super::{repo, state_token, Authorization, AuthorizationStatus};
use crate::environments::repo::now;
use crate::links::{Link, LinkOutcome, LinkOutcomeKind};
use crate::{Error, Kitbench, Result};

const UNKNOWN: &str =
    "This link does not belong to an authorization Kitbench started; nothing was changed.";
const USED: &str = "This authorization link was already used; nothing was changed.";
const EXPIRED: &str = "The authorization link had expired; start a new one.";

/// Completes the authorization whose state `link` carries. Verify is called only when the
/// state matches (by hash) a pending, unexpired, unused authorization; that authorization is
/// marked used before the call, so a second delivery of the same link is rejected whatever
/// became of the first. Errors are the database's; every refusal is an outcome.
pub async fn complete(kit: &Kitbench, link: &Link) -> Result<LinkOutcome> {
    let pool = kit.store().pool();
    let hash = state_token::hash(link.state());
    let Some(row) = repo::find_by_state_hash(pool, &hash).await? else {
        // No row: forged, from another install, or its environment was deleted.
        return Ok(LinkOutcome::rejected(UNKNOWN));
    };
    let id = row.auth.id.clone();
    // Marked expired by a sweep before the link came back: say so, not "already used".
    if row.auth.status == AuthorizationStatus::Expired {
        return Ok(outcome(LinkOutcomeKind::Rejected, EXPIRED, row.auth));
    }
    if row.used || row.auth.status != AuthorizationStatus::Pending {
        return Ok(outcome(LinkOutcomeKind::Rejected, USED, row.auth));
    }
    // Single use: of two deliveries racing here, one claims the row and the other is refused.
    if !repo::claim(pool, &id).await? {
        return Ok(outcome(LinkOutcomeKind::Rejected, USED, row.auth));
    }
    kit.authorizations().links.forget(&id);
    if row.auth.expires_at <= now() {
        let auth = repo::finish(
            pool,
            &id,
            AuthorizationStatus::Expired,
            Some("The link came back after it expired."),
        )
        .await?;
        return Ok(outcome(LinkOutcomeKind::Rejected, EXPIRED, auth));
    }
    match link {
        Link::Denied { error, .. } => {
            let auth = repo::finish(pool, &id, AuthorizationStatus::Denied, Some(error)).await?;
            let message = format!("Access was denied for {}.", auth.identifier);
            Ok(outcome(LinkOutcomeKind::Denied, message, auth))
        }
        Link::Verify {
            auth_request_id, ..
        } => verify(kit, &row.auth, auth_request_id).await,
    }
}

async fn verify(
    kit: &Kitbench,
    auth: &Authorization,
    auth_request_id: &str,
) -> Result<LinkOutcome> {
    let pool = kit.store().pool();
    let client = match kit.client(&auth.env_id).await {
        Ok(c) => c,
        Err(e) => {
            // The environment went away (or lost its secret) after the link went out: nothing
            // can be verified, and nothing was called.
            let reason = e.to_string();
            let auth =
                repo::finish(pool, &auth.id, AuthorizationStatus::Rejected, Some(&reason)).await?;
            let message = format!("The authorization cannot be completed: {reason}");
            return Ok(outcome(LinkOutcomeKind::Rejected, message, auth));
        }
    };
    // The identifier comes from the app's own record, never from the link (REFERENCE.md §7).
    match client.verify_user(auth_request_id, &auth.identifier).await {
        Ok(_) => {
            let auth = repo::finish(pool, &auth.id, AuthorizationStatus::Verified, None).await?;
            let message = format!("{} on {} is connected.", auth.identifier, auth.connection);
            Ok(outcome(LinkOutcomeKind::Verified, message, auth))
        }
        Err(e) => {
            let reason = Error::from(e).to_string();
            let auth =
                repo::finish(pool, &auth.id, AuthorizationStatus::Failed, Some(&reason)).await?;
            let message = format!("Verifying {} failed: {reason}", auth.identifier);
            Ok(outcome(LinkOutcomeKind::Failed, message, auth))
        }
    }
}

fn outcome(kind: LinkOutcomeKind, message: impl Into<String>, auth: Authorization) -> LinkOutcome {
    LinkOutcome {
        kind,
        message: message.into(),
        authorization: Some(auth),
    }
}
