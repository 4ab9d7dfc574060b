//! Start-up marks for `bench/app/measure.sh` (printed only when `KITBENCH_MEASURE` is set).

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

static ENABLED: OnceLock<bool> = OnceLock::new();

fn epoch_ms() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0)
}

fn enabled() -> bool {
    *ENABLED.get_or_init(|| std::env::var_os("KITBENCH_MEASURE").is_some())
}

/// Prints the `main_start` mark.
pub fn start() {
    mark("main_start");
}

/// Prints a mark (`KITBENCH_MARK <name> <epoch ms>`) when measuring.
pub fn mark(name: &str) {
    if enabled() {
        eprintln!("KITBENCH_MARK {name} {}", epoch_ms());
    }
}

/// The page reports a milestone (`first_ipc`, `overview_painted`).
#[tauri::command(rename_all = "snake_case")]
pub fn perf_mark(name: String) {
    // Only known names: anything the page sends ends up on stderr.
    if matches!(name.as_str(), "first_ipc" | "overview_painted") {
        mark(&name);
    }
}
