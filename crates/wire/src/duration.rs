//! `google.protobuf.Duration` in its JSON form, `"3600s"` or `"1.5s"`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::time::Duration;

/// A duration that travels as `"<seconds>s"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct ProtoDuration(pub Duration);

impl ProtoDuration {
    /// A whole number of seconds.
    pub fn from_secs(secs: u64) -> Self {
        Self(Duration::from_secs(secs))
    }
}

impl std::fmt::Display for ProtoDuration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = self.0;
        if d.subsec_nanos() == 0 {
            write!(f, "{}s", d.as_secs())
        } else {
            let text = format!("{}.{:09}", d.as_secs(), d.subsec_nanos());
            write!(f, "{}s", text.trim_end_matches('0'))
        }
    }
}

impl std::str::FromStr for ProtoDuration {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let secs = s
            .strip_suffix('s')
            .ok_or_else(|| format!("duration {s:?} must end in 's'"))?;
        let value: f64 = secs
            .parse()
            .map_err(|_| format!("duration {s:?} is not a number"))?;
        if !value.is_finite() || value < 0.0 {
            return Err(format!("duration {s:?} is out of range"));
        }
        Ok(Self(Duration::from_secs_f64(value)))
    }
}

impl Serialize for ProtoDuration {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ProtoDuration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::ProtoDuration;

    #[test]
    fn round_trips() {
        assert_eq!(ProtoDuration::from_secs(3600).to_string(), "3600s");
        let half: ProtoDuration = "1.5s".parse().unwrap();
        assert_eq!(half.to_string(), "1.5s");
        assert!("10".parse::<ProtoDuration>().is_err());
    }
}
