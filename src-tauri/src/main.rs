//! Kitbench's desktop shell: window, plugins and thin IPC commands over `kitbench-core`.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod links;
mod perf;
mod state;
mod window;

use tauri::{Manager, RunEvent};
use tauri_plugin_log::{Target, TargetKind};

fn main() {
    perf::start();
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
                .build(),
        )
        .invoke_handler(tauri::generate_handler![
            commands::bootstrap,
            commands::list_environments,
            commands::create_environment,
            commands::update_environment,
            commands::delete_environment,
            commands::duplicate_environment,
            commands::set_active_environment,
            commands::test_environment,
            commands::test_environment_input,
            commands::import_dotenv,
            commands::export_environments,
            commands::overview,
            commands::use_session_secrets,
            commands::set_last_section,
            commands::sandbox_status,
            commands::sandbox_set_knobs,
            commands::sandbox_reset,
            perf::perf_mark,
        ])
        .setup(|app| {
            let config = state::config(app.handle())?;
            window::restore_and_show(app.handle(), &config.data_dir);
            app.manage(state::AppState::new(config));
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
