//! The real catalog built into the binary: it loads (every schema compiles, every input schema
//! is an object schema, every provider is a known connector), and the synthetic data generator
//! produces valid input and output for every tool.

use kitbench_sandbox::catalog::Catalog;
use kitbench_sandbox::generate_output;
use serde_json::{Map, Value};

#[test]
fn embedded_catalog_loads() {
    let catalog = Catalog::embedded().expect("the embedded catalog loads");
    let files = Catalog::embedded_tool_files();
    assert!(!files.is_empty(), "catalog/tools/*.json is embedded");
    assert!(
        catalog.tools().len() >= 40,
        "{} tools",
        catalog.tools().len()
    );
    assert_eq!(catalog.connectors().len(), 84);
    for (file, text) in files {
        let slug = file.trim_end_matches(".json");
        assert!(
            catalog.connector(slug).is_some(),
            "{file} names a connector"
        );
        let tools: Vec<Value> = serde_json::from_str(text).unwrap();
        for t in tools {
            assert_eq!(t["provider"].as_str(), Some(slug), "{file}: {}", t["name"]);
        }
    }
    for tool in catalog.tools() {
        assert_eq!(tool.input_schema["type"], "object", "{}", tool.name);
        assert!(
            tool.name.starts_with(&format!("{}_", tool.provider)),
            "{}",
            tool.name
        );
        assert!(tool.id.starts_with("tool_"));
    }
}

#[test]
fn synthetic_data_validates_for_every_tool() {
    let catalog = Catalog::embedded().unwrap();
    let mut failures = Vec::new();
    for tool in catalog.tools() {
        let input = generate_output(&tool.name, &tool.input_schema, &Map::new(), false);
        let input_errors = tool.check_input(&input);
        if !input_errors.is_empty() {
            failures.push(format!("{} input {input}: {input_errors:?}", tool.name));
        }
        let params = input.as_object().cloned().unwrap_or_default();
        for (params, echo) in [(Map::new(), false), (params.clone(), false), (params, true)] {
            let data = generate_output(&tool.name, &tool.output_schema, &params, echo);
            let errors = tool.check_output(&data);
            if !errors.is_empty() {
                failures.push(format!(
                    "{} output (echo {echo}) {data}: {errors:?}",
                    tool.name
                ));
            }
            let again = generate_output(&tool.name, &tool.output_schema, &params, echo);
            assert_eq!(data, again, "{} is deterministic", tool.name);
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every tool name the official docs' examples use resolves, each with its own schema.
#[test]
fn the_docs_tool_names_resolve() {
    let catalog = Catalog::embedded().unwrap();
    for name in [
        "gmail_fetch_mails",
        "gmail_fetch_emails",
        "gmail_list_emails",
        "gmail_send_mail",
        "gmail_delete_email",
        "gmail_get_profile",
        "discord_send_message",
        "github_pull_requests_list",
        "jira_create_issue",
        "notion_page_get",
        "salesforce_create_record",
    ] {
        let tool = catalog
            .tool(name)
            .unwrap_or_else(|| panic!("{name} is missing"));
        let data = generate_output(name, &tool.output_schema, &Map::new(), false);
        assert!(tool.check_output(&data).is_empty(), "{name}: {data}");
    }
    let fetch = catalog.tool("gmail_fetch_emails").unwrap();
    assert_ne!(
        fetch.output_schema,
        catalog.tool("gmail_fetch_mails").unwrap().output_schema
    );
}
