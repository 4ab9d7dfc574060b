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
        let mut start = 0;
        for end in 0..=bytes.len() {
            let cut = end == bytes.len() || {
                let b = bytes[end];
                b.is_ascii() && !b.is_ascii_alphanumeric()
            };
            if !cut {
                continue;
            }
            let word = &text[start..end];
            start = end + 1;
            if !word.is_empty() && seen.insert(word) {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(word);
            }
        }
    }
    out
}

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
}
