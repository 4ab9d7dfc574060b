//! `ui/src/test/fixtures/sandbox-tools.json`: every tool of the Sandbox catalog with its input
//! schema and a valid example input, for the UI test that renders each schema's form and
//! validates the example with the UI's validator. This test fails when the committed file
//! differs from the catalog; `KITBENCH_UPDATE_FIXTURES=1` rewrites it.

use kitbench_core::tools::schema;
use kitbench_sandbox::catalog::Catalog;
use serde_json::{json, Map, Value};

fn fixture_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../ui/src/test/fixtures/sandbox-tools.json")
}

/// The fixture as it should be: tools by provider then name, each example checked against
/// its schema by the same checks `run_tool` makes.
fn expected() -> String {
    let catalog = Catalog::embedded().unwrap();
    let mut tools = Vec::new();
    for t in catalog.tools() {
        // The Sandbox's generator makes data that fits a schema (it is how tool results are
        // made); fed the input schema with no params to echo, it gives a valid input.
        let example =
            kitbench_sandbox::generate_output(&t.name, &t.input_schema, &Map::new(), false);
        let validator = schema::compile(&t.input_schema).unwrap();
        let problems = schema::problems(&validator, &example);
        assert!(
            problems.is_empty(),
            "{}: the example does not validate: {problems:?}",
            t.name
        );
        tools.push(json!({
            "name": t.name,
            "provider": t.provider,
            "input_schema": t.input_schema,
            "example": example,
        }));
    }
    let mut text = serde_json::to_string_pretty(&Value::Array(tools)).unwrap();
    text.push('\n');
    text
}

#[test]
fn the_ui_fixture_matches_the_sandbox_catalog() {
    let want = expected();
    let path = fixture_path();
    if std::env::var_os("KITBENCH_UPDATE_FIXTURES").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{} is stale: run KITBENCH_UPDATE_FIXTURES=1 cargo test -p kitbench-core --test sandbox_tool_fixture",
        path.display()
    );
}
