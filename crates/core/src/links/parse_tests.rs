//! The link rules, case by case.
use super::*;

#[test]
fn reads_verify_and_deny() {
    assert_eq!(
        parse("kitbench://auth/verify?auth_request_id=YWJj&state=s-1_x"),
        Ok(Link::Verify {
            auth_request_id: "YWJj".into(),
            state: "s-1_x".into()
        })
    );
    // What the Sandbox's consent page sends on "Deny".
    assert_eq!(
        parse("kitbench://auth/verify?error=access_denied&state=abc"),
        Ok(Link::Denied {
            error: "access_denied".into(),
            state: "abc".into()
        })
    );
    // Encoded characters decode to the same value.
    assert_eq!(
        parse("KITBENCH://auth/verify/?state=%61bc&auth_request_id=x%3D")
            .map(|l| l.state().to_string()),
        Ok("abc".into())
    );
}

#[test]
fn refuses_everything_else_with_a_reason() {
    use LinkError::*;
    let cases: &[(&str, LinkError)] = &[
        ("https://auth/verify?state=a&auth_request_id=b", Scheme),
        ("kitbench://evil/verify?state=a&auth_request_id=b", Target),
        ("kitbench://auth/other?state=a&auth_request_id=b", Target),
        (
            "kitbench://auth:80/verify?state=a&auth_request_id=b",
            Target,
        ),
        ("kitbench://auth/verify?state=a&auth_request_id=b#x", Target),
        ("kitbench://auth/verify?state=a", Missing("auth_request_id")),
        ("kitbench://auth/verify?auth_request_id=b", Missing("state")),
        (
            "kitbench://auth/verify?state=a&state=a&auth_request_id=b",
            Duplicate("state"),
        ),
        (
            "kitbench://auth/verify?state=a&auth_request_id=b&x=1",
            UnknownParameter,
        ),
        (
            "kitbench://auth/verify?state=a&auth_request_id=b&",
            Malformed,
        ),
        (
            "kitbench://auth/verify?state=a&auth_request_id=%zz",
            Malformed,
        ),
        (
            "kitbench://auth/verify?state=a&auth_request_id=%ff",
            Malformed,
        ),
        (
            "kitbench://auth/verify?state=a b&auth_request_id=b",
            Malformed,
        ),
        (
            "kitbench://auth/verify?state=a%20b&auth_request_id=b",
            BadValue("state"),
        ),
        (
            "kitbench://auth/verify?state=a&auth_request_id=",
            BadValue("auth_request_id"),
        ),
        (
            "kitbench://auth/verify?state=a&auth_request_id=b&error=x",
            Ambiguous,
        ),
    ];
    for (raw, want) in cases {
        assert_eq!(parse(raw).as_ref(), Err(want), "{raw}");
    }
    let long = format!(
        "kitbench://auth/verify?state={}&auth_request_id=b",
        "a".repeat(513)
    );
    assert_eq!(parse(&long), Err(ValueTooLong("state")));
    assert_eq!(parse(&"k".repeat(MAX_LINK_LEN + 1)), Err(TooLong));
}

#[test]
fn debug_output_and_logs_hide_the_values() {
    let raw = "kitbench://auth/verify?auth_request_id=SECRETID&state=SECRETSTATE";
    let shown = format!("{:?}", parse(raw).unwrap());
    assert!(!shown.contains("SECRET"), "{shown}");
    assert_eq!(scheme_and_path(raw), "kitbench://auth/verify");
    assert_eq!(scheme_and_path("kitbench://a\nb#SECRET"), "kitbench://a?b");
}
