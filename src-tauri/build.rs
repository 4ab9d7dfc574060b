//! Tauri's build step, reading the config at the repository root.

/// The app's own commands: each gets an `allow-<name>` permission that the capability in
/// tauri.conf.json must grant, so the UI can call exactly these.
const COMMANDS: &[&str] = &[
    "bootstrap",
    "list_environments",
    "create_environment",
    "update_environment",
    "delete_environment",
    "duplicate_environment",
    "set_active_environment",
    "test_environment",
    "test_environment_input",
    "import_dotenv",
    "export_environments",
    "overview",
    "use_session_secrets",
    "set_last_section",
    "sandbox_status",
    "sandbox_set_knobs",
    "sandbox_reset",
    "perf_mark",
];

fn main() {
    println!("cargo:rerun-if-changed=../ui/dist");
    println!("cargo:rerun-if-changed=../icons");
    println!("cargo:rerun-if-changed=../tauri.conf.json");
    let attrs = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attrs).expect("tauri-build failed");
}
