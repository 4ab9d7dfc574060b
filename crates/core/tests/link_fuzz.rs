//! A property test of the link path (parse, then complete) over 10,000 mutations of a real
//! returning link: nothing panics, and only a link carrying the live authorization's state
//! would reach verify; every other input is rejected with no verify call.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use common::auth::{self, consent, pending_account, sandbox_env, start};
use common::ipc::Harness;
use kitbench_core::links::{self, LinkOutcomeKind};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const CASES: u32 = 10_000;

/// Percent-encodes the characters of `s` where `mask` says so (the value decodes the same).
fn encode_some(s: &str, mask: &[bool]) -> String {
    s.chars()
        .zip(mask.iter().chain(std::iter::repeat(&false)))
        .map(|(c, &enc)| {
            if enc {
                format!("%{:02X}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Values a parameter may take: the real one, encoded forms of it, near misses, noise.
fn value(real: String) -> impl Strategy<Value = String> {
    let len = real.chars().count().max(1);
    let (a, b, c, d) = (real.clone(), real.clone(), real.clone(), real.clone());
    prop_oneof![
        4 => Just(a),
        2 => vec(any::<bool>(), len).prop_map(move |m| encode_some(&b, &m)),
        1 => (0..len, "[A-Za-z0-9_-]").prop_map(move |(i, ch)| {
            c.chars().enumerate().map(|(j, x)| if i == j { ch.clone() } else { x.to_string() }).collect()
        }),
        1 => (0..len).prop_map(move |i| d.chars().take(i).collect()),
        1 => "[A-Za-z0-9_-]{1,64}",
        1 => any::<String>(),
        1 => "%[0-9A-Fa-f]{0,2}[a-z&=#?+ ]{0,3}",
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("state".to_string()),
        Just("auth_request_id".to_string()),
        Just("error".to_string()),
        Just("error_description".to_string()),
        Just("st%61te".to_string()),
        "[a-z_]{1,12}",
        any::<String>(),
    ]
}

fn prefix() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => Just("kitbench://auth/verify?".to_string()),
        1 => Just("KITBENCH://auth/verify/?".to_string()),
        1 => Just("kitbench://auth/verify/x?".to_string()),
        1 => Just("kitbench://evil/verify?".to_string()),
        1 => Just("kitbench://auth@evil/verify?".to_string()),
        1 => Just("https://auth/verify?".to_string()),
        1 => Just("kitbench:auth/verify?".to_string()),
        1 => any::<String>(),
    ]
}

/// A mutated link: a prefix, the real parameters (perhaps changed, duplicated, reordered,
/// with extras), perhaps a suffix; or plain noise.
fn link(state: String, auth_request_id: String) -> impl Strategy<Value = String> {
    let params = (
        value(state),
        value(auth_request_id),
        any::<bool>(),
        vec((key(), "[A-Za-z0-9_%=-]{0,20}"), 0..3),
    )
        .prop_flat_map(|(state, id, deny, extra)| {
            let mut pairs = vec![("state".to_string(), state)];
            if deny {
                pairs.push(("error".into(), "access_denied".into()));
            } else {
                pairs.push(("auth_request_id".into(), id));
            }
            pairs.extend(extra);
            Just(pairs).prop_shuffle()
        });
    let suffix =
        prop_oneof![8 => Just(String::new()), 1 => Just("#x".to_string()), 1 => any::<String>()];
    prop_oneof![
        9 => (prefix(), params, suffix).prop_map(|(p, pairs, s)| {
            let query: Vec<String> = pairs.into_iter().map(|(k, v)| format!("{k}={v}")).collect();
            format!("{p}{}{s}", query.join("&"))
        }),
        1 => any::<String>(),
        1 => vec(any::<u8>(), 0..200).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_live_state_reaches_verify() {
    let h = Harness::new().await;
    let env = sandbox_env(&h).await;
    let account = pending_account(&h, &env, "fuzz@kitbench.test").await;
    let (_, magic) = start(&h, &env, &account).await;
    let location = consent(&magic, "allow").await;
    let Ok(links::Link::Verify {
        auth_request_id,
        state,
    }) = links::parse(&location)
    else {
        panic!("the real redirect parses");
    };

    let kit = h.cx.ready().unwrap();
    let notifier = h.cx.notifier();
    let live = Arc::new(AtomicUsize::new(0));
    let live_verify = Arc::new(std::sync::Mutex::new(None::<String>));
    let strategy = link(state.clone(), auth_request_id.clone());
    let runtime = tokio::runtime::Handle::current();
    let (live2, live_verify2, kit2) = (live.clone(), live_verify.clone(), kit.clone());
    tokio::task::spawn_blocking(move || {
        let mut runner = TestRunner::new(Config {
            cases: CASES,
            failure_persistence: None,
            ..Config::default()
        });
        runner
            .run(&strategy, |raw| {
                let parsed = links::parse(&raw);
                if let Ok(link) = &parsed {
                    if link.state() == state {
                        // Carries the live state: the one input that may reach verify. Keep
                        // it for later (completing it here would end the authorization).
                        live2.fetch_add(1, Ordering::Relaxed);
                        if matches!(link, links::Link::Verify { auth_request_id: id, .. } if *id == auth_request_id)
                        {
                            *live_verify2.lock().unwrap() = Some(raw.clone());
                        }
                        return Ok(());
                    }
                }
                let outcome = runtime.block_on(kit2.handle_link(&raw, &notifier));
                prop_assert_eq!(outcome.kind, LinkOutcomeKind::Rejected, "{:?}", raw);
                prop_assert!(outcome.authorization.is_none());
                Ok(())
            })
            .unwrap();
    })
    .await
    .unwrap();

    let live = live.load(Ordering::Relaxed);
    assert!(
        live > 500,
        "the generator reaches valid links: {live} of {CASES}"
    );
    assert_eq!(auth::verify_calls(&h), 0, "no other input reached verify");
    // A mutated (reordered or encoded) link with the live state still completes, once.
    let raw = live_verify
        .lock()
        .unwrap()
        .clone()
        .expect("a live verify link");
    let outcome = auth::deliver(&h, &raw).await;
    assert_eq!(outcome["kind"], "verified", "{outcome}");
    assert_eq!(auth::verify_calls(&h), 1);
}
