//! Why a request never got an answer: a typed [`NetworkCause`] read from the error types in a
//! reqwest error's source chain (I/O error kinds, hyper, rustls, reqwest's DNS wrapper), never
//! from the text of a message.

use crate::error::Error;
use std::error::Error as StdError;
use std::io;
use std::time::Duration;
use url::Url;

/// Why the server could not be reached or the connection broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NetworkCause {
    /// Nothing accepted the connection (`ECONNREFUSED`): wrong port, or the server is down.
    Refused,
    /// The host name did not resolve.
    Dns,
    /// The TLS handshake or the TLS session failed (a plain-HTTP server, a bad certificate).
    Tls,
    /// Connecting, or waiting for the answer, took longer than the deadline.
    Timeout,
    /// The peer reset or closed the connection before the answer was complete.
    Reset,
    /// Anything else (the error text says what).
    Other,
}

impl NetworkCause {
    /// A few words for messages ("connection refused", …).
    pub fn describe(self) -> &'static str {
        match self {
            NetworkCause::Refused => "connection refused",
            NetworkCause::Dns => "DNS lookup failed",
            NetworkCause::Tls => "TLS error",
            NetworkCause::Timeout => "timed out",
            NetworkCause::Reset => "connection reset",
            NetworkCause::Other => "connection failed",
        }
    }
}

/// The cause of a reqwest failure that carries no HTTP answer.
pub fn classify(error: &reqwest::Error) -> NetworkCause {
    if error.is_timeout() {
        return NetworkCause::Timeout;
    }
    // reqwest wraps every resolver failure (getaddrinfo or hickory) in its own DNS error type;
    // `is_dns` is the typed test for it.
    if error.is_dns() {
        return NetworkCause::Dns;
    }
    error
        .source()
        .and_then(|source| find(source, &mut cause_of))
        .unwrap_or(NetworkCause::Other)
}

/// The cause one error in the chain stands for, if it is one of the types that say.
fn cause_of(err: &(dyn StdError + 'static)) -> Option<NetworkCause> {
    if err.is::<rustls::Error>() {
        return Some(NetworkCause::Tls);
    }
    if let Some(hyper) = err.downcast_ref::<hyper::Error>() {
        if hyper.is_timeout() {
            return Some(NetworkCause::Timeout);
        }
        // The server closed the connection before the whole answer arrived.
        if hyper.is_incomplete_message() {
            return Some(NetworkCause::Reset);
        }
    }
    let io = err.downcast_ref::<io::Error>()?;
    match io.kind() {
        io::ErrorKind::ConnectionRefused => Some(NetworkCause::Refused),
        io::ErrorKind::ConnectionReset
        | io::ErrorKind::ConnectionAborted
        | io::ErrorKind::BrokenPipe
        | io::ErrorKind::UnexpectedEof => Some(NetworkCause::Reset),
        io::ErrorKind::TimedOut => Some(NetworkCause::Timeout),
        _ => None,
    }
}

/// Walks `err` and its sources, outermost first. `io::Error::source` skips a custom error's
/// payload (where tokio-rustls puts the `rustls::Error`), so payloads are walked too.
fn find(
    err: &(dyn StdError + 'static),
    test: &mut impl FnMut(&(dyn StdError + 'static)) -> Option<NetworkCause>,
) -> Option<NetworkCause> {
    let mut current = Some(err);
    while let Some(e) = current {
        if let Some(cause) = test(e) {
            return Some(cause);
        }
        let payload = e.downcast_ref::<io::Error>().and_then(io::Error::get_ref);
        if let Some(cause) = payload.and_then(|inner| find(inner, test)) {
            return Some(cause);
        }
        current = e.source();
    }
    None
}

/// The innermost error's text: the most specific words available for a message.
fn innermost(error: &reqwest::Error) -> String {
    let mut last: Option<&(dyn StdError + 'static)> = None;
    let mut source = error.source();
    while let Some(err) = source {
        last = Some(err);
        source = err.source();
    }
    last.map(|e| e.to_string())
        .unwrap_or_else(|| error.to_string())
}

/// A reqwest failure as a `Network` or `Timeout` error naming the host and the typed cause.
pub(crate) fn transport_error(error: &reqwest::Error, url: &Url, timeout: Duration) -> Error {
    let target = match (url.host_str(), url.port_or_known_default()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_string(),
        _ => url.to_string(),
    };
    let cause = classify(error);
    if cause == NetworkCause::Timeout {
        if error.is_connect() {
            return Error::Timeout(format!("could not connect to {target} (timed out)"));
        }
        return Error::Timeout(format!(
            "the request to {target} timed out after {:.1} s",
            timeout.as_secs_f64()
        ));
    }
    let why = match cause {
        NetworkCause::Refused | NetworkCause::Reset => cause.describe().to_string(),
        NetworkCause::Dns | NetworkCause::Tls => {
            format!("{}: {}", cause.describe(), innermost(error))
        }
        NetworkCause::Other | NetworkCause::Timeout => innermost(error),
    };
    let message = if error.is_connect() {
        format!("could not connect to {target} ({why})")
    } else {
        format!("the connection to {target} failed ({why})")
    };
    Error::Network { cause, message }
}
