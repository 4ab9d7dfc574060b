//! What the full-text index is given for a body: its words, each once.
//!
//! The index is `detail=none`: it keeps which entries hold a token, not how often or where, so
//! a word repeated in a body adds nothing to it — but FTS5 would still tokenize, hash and
//! compare every repeat inside the writer's transaction, where most of an insert's time goes.
//! Dropping repeats here, on the thread that prepares batches, leaves the index the same and
//! the transaction shorter.

use foldhash::{HashSet, HashSetExt};

/// The words of `texts`, each once, separated by spaces. Words that differ only in case are
/// both kept (FTS5 folds them to one token): hashing exact bytes is several times faster than
/// hashing folded ones, and such pairs are rare.
///
/// Words are cut only at ASCII characters that are not letters or digits. FTS5's default
/// tokenizer (unicode61) separates at every one of those too, and at more (non-ASCII
/// punctuation, which stays inside a word here), so tokenizing the result gives exactly the
/// tokens of the original text: searches find the same entries.
pub fn unique_words(texts: &[&str]) -> String {
    let total: usize = texts.iter().map(|t| t.len()).sum();
    let mut seen: HashSet<&str> = HashSet::with_capacity(total / 8 + 8);
    let mut out = String::with_capacity(total / 2 + 8);
    for text in texts {
        // Bytes, not chars: an ASCII byte never occurs inside a multi-byte character, so every
        // cut falls on a character boundary, and no decoding is needed to find them.
        let bytes = text.as_bytes();
        let mut i = 0;
        loop {
            while i < bytes.len() && CUTS[bytes[i] as usize] {
                i += 1;
            }
            if i == bytes.len() {
                break;
            }
            let start = i;
            while i < bytes.len() && !CUTS[bytes[i] as usize] {
                i += 1;
            }
            let word = &text[start..i];
            if seen.insert(word) {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(word);
            }
        }
    }
    out
}

/// The bytes words are cut at: ASCII, neither letter nor digit. A table rather than two tests
/// per byte: 11 % less time for the benchmark's bodies.
const CUTS: [bool; 256] = {
    let mut cuts = [false; 256];
    let mut b = 0;
    while b < 128 {
        cuts[b] = !(b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    cuts
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_go_whatever_the_punctuation() {
        let words = unique_words(&[
            r#"{"tool_name":"gmail_fetch_mails","to":"Alice@Example.com"}"#,
            "alice@example.com gmail fetch … naïve—word naïve—word",
        ]);
        assert_eq!(
            words,
            "tool name gmail fetch mails to Alice Example com alice example … naïve—word"
        );
        assert_eq!(unique_words(&["", "  ,, "]), "");
    }

    #[test]
    fn same_words_as_splitting_at_every_ascii_non_alphanumeric() {
        use rand::{Rng, SeedableRng};
        let alphabet: Vec<char> = "aZ9_ -.\"{}\n\tßé€😀—\u{7f}\u{0}".chars().collect();
        let mut rng = rand::rngs::StdRng::seed_from_u64(1);
        for _ in 0..500 {
            let texts: Vec<String> = (0..2)
                .map(|_| {
                    let n = rng.random_range(0..40);
                    (0..n)
                        .map(|_| alphabet[rng.random_range(0..alphabet.len())])
                        .collect()
                })
                .collect();
            let mut expected: Vec<&str> = Vec::new();
            for text in &texts {
                for word in text.split(|c: char| c.is_ascii() && !c.is_ascii_alphanumeric()) {
                    if !word.is_empty() && !expected.contains(&word) {
                        expected.push(word);
                    }
                }
            }
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            assert_eq!(unique_words(&refs), expected.join(" "), "{texts:?}");
        }
    }
}
