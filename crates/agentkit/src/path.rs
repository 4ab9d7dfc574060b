//! Percent-encoding of path parameters.

/// Encodes one path parameter so it stays one segment: everything but RFC 3986 unreserved
/// characters is escaped. ':' must be escaped too, because grpc-gateway reads a ':' in the last
/// segment as a custom verb (custom provider identifiers look like `GOOGLEWORKSPACE:12345`).
pub(crate) fn segment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::segment;

    #[test]
    fn escapes_everything_but_unreserved() {
        assert_eq!(segment("GOOGLEWORKSPACE:12345"), "GOOGLEWORKSPACE%3A12345");
        assert_eq!(segment("a/b c?d#e%"), "a%2Fb%20c%3Fd%23e%25");
        assert_eq!(segment("cfg_01-x.y~z"), "cfg_01-x.y~z");
        assert_eq!(segment("é"), "%C3%A9");
    }
}
