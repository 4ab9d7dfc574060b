//! Embeds every `catalog/tools/*.json` file into the binary, so the Sandbox is self-contained
//! and a tool file added later is picked up by the next build without touching the code.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let tools_dir = Path::new(&manifest).join("catalog").join("tools");
    let connectors = Path::new(&manifest).join("catalog").join("connectors.json");
    println!("cargo:rerun-if-changed={}", tools_dir.display());
    println!("cargo:rerun-if-changed={}", connectors.display());

    let mut files: Vec<_> = std::fs::read_dir(&tools_dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();

    let mut code = String::from("/// `(file name, contents)` of every embedded tool file.\n");
    code.push_str("pub(crate) static TOOL_FILES: &[(&str, &str)] = &[\n");
    for path in &files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .expect("write to a String");
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("catalog_tools.rs");
    std::fs::write(out, code).expect("write catalog_tools.rs");
}
