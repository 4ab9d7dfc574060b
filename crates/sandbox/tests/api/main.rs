//! The REST surface over real HTTP: auth, gateway routing and errors, accounts, magic links,
//! tools, the proxy and providers.

#[path = "../common/mod.rs"]
mod common;

mod accounts;
mod auth;
mod magic;
mod providers;
mod proxy;
mod routing;
mod tools;
