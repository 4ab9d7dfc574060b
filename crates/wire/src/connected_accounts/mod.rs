//! `scalekit.v1.connected_accounts`: one account per user (identifier) and connection.

mod account;
mod authorization;
mod requests;

pub use account::{ConnectedAccount, ConnectedAccountForList};
pub use authorization::{
    AuthorizationDetails, GoogleDwdAuth, OauthToken, StaticAuth, TrustedIdpAuth,
};
pub use requests::*;
