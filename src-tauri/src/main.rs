//! Kitbench's desktop shell: window, plugins and thin IPC commands over `kitbench-core`.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod ipc;
mod links;
mod state;
mod window;

use std::sync::Arc;

use tauri::{Manager, RunEvent};
use tauri_plugin_log::{Target, TargetKind};

fn main() {
    kitbench_core::perf::mark("main_start");
    let app = tauri::Builder::default()
        // single-instance first: a second launch (or a deep link) must reach the running app
        // before any other plugin starts work in the new process.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            window::focus(app)
        }))
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(
            tauri_plugin_log::Builder::new()
                .clear_targets()
                .targets([
                    Target::new(TargetKind::Stderr),
                    Target::new(TargetKind::LogDir { file_name: None }),
                ])
                .level(log::LevelFilter::Info)
                // sqlx logs every statement at info; tao/wry narrate window internals.
                .level_for("sqlx", log::LevelFilter::Warn)
                .level_for("tao", log::LevelFilter::Warn)
                .level_for("wry", log::LevelFilter::Warn)
                // rmcp logs transport failures with the request URL, and an MCP instance URL is
                // a credential: the inspector reports its errors itself, masked.
                .level_for("rmcp", log::LevelFilter::Off)
                .build(),
        )
        .invoke_handler(ipc::handle)
        .setup(|app| {
            let config = state::config(app.handle())?;
            window::restore_and_show(app.handle(), &config.data_dir);
            let host = Arc::new(ipc::TauriHost(app.handle().clone()));
            app.manage(Arc::new(kitbench_core::ipc::Context::new(config, host)));
            state::spawn_init(app.handle().clone());
            links::setup(app)?;
            Ok(())
        })
        .on_window_event(window::on_event)
        .build(tauri::generate_context!("../tauri.conf.json"))
        .expect("Kitbench could not start");
    app.run(|handle, event| {
        if let RunEvent::Exit = event {
            tauri::async_runtime::block_on(state::shutdown(handle));
        }
    });
}
