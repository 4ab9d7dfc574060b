//! Opening a URL in the user's browser, or, for tests and E2E runs, writing it to a file.
//!
//! With `KITBENCH_OPEN_URL_LOG=<file>` (read into [`crate::KitbenchConfig::open_url_log`]),
//! every URL the app would open is appended to that file, one per line, and no browser starts:
//! a test reads the magic link from there and plays the browser itself.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::ipc::Host;

/// The environment variable that turns opening into logging.
pub const LOG_VAR: &str = "KITBENCH_OPEN_URL_LOG";

/// `KITBENCH_OPEN_URL_LOG`, when set and not empty.
pub fn log_from_env() -> Option<PathBuf> {
    std::env::var_os(LOG_VAR)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// Opens `url` through the host, or appends it to `log` when one is configured.
pub fn open(log: Option<&Path>, host: &dyn Host, url: &str) -> std::io::Result<()> {
    match log {
        Some(path) => {
            let mut file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)?;
            // One write per line, so concurrent appends do not interleave within a URL.
            file.write_all(format!("{url}\n").as_bytes())
        }
        None => host.open_url(url),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ipc::Emit;

    struct NoBrowser;
    impl Host for NoBrowser {
        fn emit(&self, _: Emit) {}
        fn downloads_dir(&self) -> Option<PathBuf> {
            None
        }
        fn open_url(&self, _: &str) -> std::io::Result<()> {
            Err(std::io::Error::other("no browser in this test"))
        }
    }

    #[test]
    fn a_log_gets_one_url_per_line_instead_of_the_browser() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("opened.log");
        open(Some(&log), &NoBrowser, "http://a/1").unwrap();
        open(Some(&log), &NoBrowser, "http://a/2").unwrap();
        assert_eq!(
            std::fs::read_to_string(&log).unwrap(),
            "http://a/1\nhttp://a/2\n"
        );
        assert!(
            open(None, &NoBrowser, "http://a/3").is_err(),
            "no log: the host opens it"
        );
    }
}
