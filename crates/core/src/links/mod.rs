//! `kitbench://` links: [`parse`] makes a URL a typed [`Link`] (or a [`LinkError`], with no
//! network call), the authorizations module acts on it, and the [`LinkOutcome`] waits in the
//! [`LinkInbox`] until the UI listens. Anyone can hand the app a URL, so nothing here trusts
//! one, and the raw URL (it carries a one-time `auth_request_id`) never reaches logs or the UI.

mod inbox;
mod outcome;
mod parse;

pub use inbox::{LinkInbox, MAX_QUEUED};
pub use outcome::{LinkOutcome, LinkOutcomeKind};
pub use parse::{
    from_query, parse, scheme_and_path, Link, LinkError, MAX_AUTH_REQUEST_ID, MAX_ERROR,
    MAX_ERROR_DESCRIPTION, MAX_LINK_LEN, MAX_STATE, VERIFY_URL,
};
