//! Hostile and malformed input over real HTTP: deep query keys, wrongly typed bodies, size
//! limits, fault knobs, token floods, idle connections. Every refusal must be an answer in
//! the gateway's `{code, message, details}` shape, and the server must keep serving.

#[path = "../common/mod.rs"]
mod common;

mod bodies;
mod early;
mod faults;
mod journal;
mod limits;
mod proxy;
mod query;
mod timeouts;
mod tokens;

use common::Reply;

/// Asserts `reply` is a gateway error: the status, the gRPC code and a message.
pub fn assert_error(reply: &Reply, status: u16, code: i64) {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert_eq!(reply.body["code"], code, "{}", reply.body);
    assert!(
        reply.body["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{}",
        reply.body
    );
    assert!(reply.body["details"].is_array(), "{}", reply.body);
}
