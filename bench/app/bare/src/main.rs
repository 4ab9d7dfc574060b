//! The smallest Tauri app: one window, one page, one command that prints start-up marks in
//! the format Kitbench uses (`KITBENCH_MARK <name> <epoch ms>`).

use std::time::{SystemTime, UNIX_EPOCH};

fn mark(name: &str) {
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    eprintln!("KITBENCH_MARK {name} {ms}");
}

#[tauri::command]
fn perf_mark(name: String) {
    if matches!(name.as_str(), "first_ipc" | "overview_painted") {
        mark(&name);
    }
}

fn main() {
    mark("main_start");
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![perf_mark])
        .run(tauri::generate_context!())
        .expect("error while running the bare window");
}
