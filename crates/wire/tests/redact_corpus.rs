//! Every corpus entry (tests/redact_corpus/*.json, see its README) through the one redaction
//! policy: no planted secret survives in any form, and the ordinary fields survive unchanged.

use agentkit_wire::redact::{self, Redactor};
use serde::Deserialize;
use serde_json::Value;
use std::path::Path;

#[derive(Deserialize)]
struct Entry {
    name: String,
    known_secrets: Vec<String>,
    secrets: Vec<String>,
    keep: Vec<String>,
    request: Message,
    response: Message,
}

#[derive(Deserialize)]
struct Message {
    #[serde(default)]
    method: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    status: u16,
    headers: Vec<(String, String)>,
    body: Value,
}

impl Message {
    fn body_bytes(&self) -> Vec<u8> {
        match &self.body {
            Value::String(raw) => raw.clone().into_bytes(),
            json => serde_json::to_vec(json).unwrap(),
        }
    }

    fn content_type(&self) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
            .map(|(_, v)| v.as_str())
    }

    /// The message as a recorder would keep it, as one text.
    fn redacted(&self, redactor: &Redactor) -> String {
        let mut out = format!(
            "{} {} {}\n",
            self.method,
            redactor.redact_url(&self.url),
            self.status
        );
        for (name, value) in redactor.redact_headers(self.headers.iter().cloned()) {
            out.push_str(&format!("{name}: {value}\n"));
        }
        let body = self.body_bytes();
        out.push_str(&String::from_utf8_lossy(
            &redactor.redact_body(self.content_type(), &body),
        ));
        out
    }

    /// The message unredacted, to check the corpus really plants what it lists.
    fn raw(&self) -> String {
        let headers: Vec<String> = self
            .headers
            .iter()
            .map(|(n, v)| format!("{n}: {v}"))
            .collect();
        let body = String::from_utf8(self.body_bytes()).unwrap();
        format!(
            "{} {}\n{}\n{body}",
            self.method,
            self.url,
            headers.join("\n")
        )
    }
}

fn corpus() -> Vec<Entry> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/redact_corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            serde_json::from_str::<Vec<Entry>>(&text)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        })
        .collect()
}

#[test]
fn no_planted_secret_survives_and_ordinary_fields_do() {
    let entries = corpus();
    assert!(
        entries.len() >= 20,
        "the corpus has {} entries",
        entries.len()
    );
    let mut failures = Vec::new();
    for entry in &entries {
        let raw = format!("{}\n{}", entry.request.raw(), entry.response.raw());
        assert!(
            !entry.secrets.is_empty(),
            "{}: plants no secret",
            entry.name
        );
        let planted = redact::leaked(&raw, entry.secrets.iter().map(String::as_str));
        assert_eq!(
            planted.len(),
            entry.secrets.len(),
            "{}: lists secrets it does not plant",
            entry.name
        );

        let redactor = Redactor::new().with_secrets(&entry.known_secrets);
        let recorded = format!(
            "{}\n{}",
            entry.request.redacted(&redactor),
            entry.response.redacted(&redactor)
        );
        let leaks = redact::leaked(&recorded, entry.secrets.iter().map(String::as_str));
        if !leaks.is_empty() {
            failures.push(format!("{}: leaks {leaks:?} in\n{recorded}", entry.name));
        }
        for kept in &entry.keep {
            if !recorded.contains(kept.as_str()) {
                failures.push(format!("{}: lost {kept:?} in\n{recorded}", entry.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn redacting_twice_changes_nothing() {
    for entry in corpus() {
        let redactor = Redactor::new().with_secrets(&entry.known_secrets);
        for message in [&entry.request, &entry.response] {
            let once = redactor
                .redact_body(message.content_type(), &message.body_bytes())
                .into_owned();
            let twice = redactor.redact_body(message.content_type(), &once);
            assert_eq!(twice.as_ref(), once.as_slice(), "{}", entry.name);
            let url = redactor.redact_url(&message.url);
            assert_eq!(redactor.redact_url(&url), url, "{}", entry.name);
        }
    }
}
