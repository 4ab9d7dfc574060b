//! Start-up marks for `scripts/measure.sh` (printed only when `KITBENCH_MEASURE` is set).

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

static ENABLED: OnceLock<bool> = OnceLock::new();

fn enabled() -> bool {
    *ENABLED.get_or_init(|| std::env::var_os("KITBENCH_MEASURE").is_some())
}

/// Prints a mark (`KITBENCH_MARK <name> <epoch ms>`) when measuring.
pub fn mark(name: &str) {
    if enabled() {
        let ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0);
        eprintln!("KITBENCH_MARK {name} {ms}");
    }
}

/// A milestone the page reports. Only known names: anything the page sends ends up on stderr.
pub fn page_mark(name: &str) {
    if matches!(name, "first_ipc" | "overview_painted") {
        mark(name);
    }
}
