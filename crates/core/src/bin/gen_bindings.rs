//! Writes the IPC TypeScript bindings: `gen-bindings [DIR]` (default `ui/src/bindings`).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings"));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("gen-bindings: cannot create {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    match kitbench_core::ipc::export_bindings(&dir) {
        Ok(()) => {
            println!("gen-bindings: wrote {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-bindings: {e}");
            ExitCode::FAILURE
        }
    }
}
