//! Every declared command is called through `ipc::dispatch` by some test in this folder, so a
//! new command cannot land without a test that reaches it the way the UI does.

use kitbench_core::ipc;

#[test]
fn every_declared_command_has_an_ipc_test() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut sources = String::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            sources.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
    // rustfmt may break `h.call(` and its first argument across lines.
    let flat: String = sources.chars().filter(|c| !c.is_whitespace()).collect();
    let missing: Vec<&str> = ipc::COMMANDS
        .iter()
        .copied()
        .filter(|c| !flat.contains(&format!("call(\"{c}\"")))
        .collect();
    assert!(
        missing.is_empty(),
        "commands no test calls through dispatch (common::ipc::Harness): {missing:?}"
    );
}
