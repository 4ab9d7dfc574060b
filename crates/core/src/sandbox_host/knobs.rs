//! The Sandbox panel's fault knobs and how they map onto the Sandbox's fault rules.

use kitbench_sandbox::{FaultRule, Faults, RateLimit};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::SandboxInfo;
use crate::{Error, FieldError, Result};

/// The Sandbox panel's fault knobs (one rule for every route).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export_to = "SandboxKnobs.ts")]
pub struct SandboxKnobs {
    /// Delay added to every answer.
    pub latency_ms: u32,
    /// Share of calls answered with `error_status` (0 to 1).
    pub error_rate: f64,
    /// 500 or 503.
    pub error_status: u16,
    /// Share of calls answered 429 (0 to 1).
    pub rate_limit_rate: f64,
    /// The next N calls are answered 429 (counts down as they happen).
    pub rate_limit_next: u32,
    /// `Retry-After` of the 429 answers, in seconds.
    pub retry_after_secs: u32,
}

impl SandboxKnobs {
    /// Checks ranges; the messages name the panel's fields.
    pub fn validate(&self) -> Result<()> {
        let mut errors = Vec::new();
        if self.latency_ms > 60_000 {
            errors.push(FieldError::new(
                "latency_ms",
                "Keep latency at or under 60,000 ms.",
            ));
        }
        if !(0.0..=1.0).contains(&self.error_rate) {
            errors.push(FieldError::new(
                "error_rate",
                "The error rate is between 0 and 100%.",
            ));
        }
        if !(0.0..=1.0).contains(&self.rate_limit_rate) {
            errors.push(FieldError::new(
                "rate_limit_rate",
                "The 429 rate is between 0 and 100%.",
            ));
        }
        if self.error_status != 500 && self.error_status != 503 {
            errors.push(FieldError::new("error_status", "Errors are 500 or 503."));
        }
        if self.retry_after_secs > 3600 {
            errors.push(FieldError::new(
                "retry_after_secs",
                "Keep Retry-After under an hour.",
            ));
        }
        match errors.is_empty() {
            true => Ok(()),
            false => Err(Error::Invalid(errors)),
        }
    }

    /// The Sandbox faults these knobs stand for (no rule at all when everything is off).
    pub fn to_faults(&self) -> Faults {
        let quiet = self.latency_ms == 0
            && self.error_rate == 0.0
            && self.rate_limit_rate == 0.0
            && self.rate_limit_next == 0;
        if quiet {
            return Faults::default();
        }
        let rate_limit =
            (self.rate_limit_rate > 0.0 || self.rate_limit_next > 0).then(|| RateLimit {
                next: self.rate_limit_next,
                rate: self.rate_limit_rate,
                retry_after_secs: u64::from(self.retry_after_secs),
            });
        Faults {
            rules: vec![FaultRule {
                latency_ms: u64::from(self.latency_ms),
                error_rate: self.error_rate,
                error_status: self.error_status,
                rate_limit,
                ..FaultRule::for_route("*")
            }],
            ..Faults::default()
        }
    }

    /// Reads the knobs back from the faults in force (counters show what is left).
    pub fn from_faults(faults: &Faults) -> Self {
        let Some(rule) = faults.rules.iter().find(|r| r.route.trim() == "*") else {
            return Self::off();
        };
        let rl = rule.rate_limit.clone().unwrap_or_default();
        Self {
            latency_ms: rule.latency_ms.try_into().unwrap_or(u32::MAX),
            error_rate: rule.error_rate,
            error_status: rule.error_status,
            rate_limit_rate: rl.rate,
            rate_limit_next: rl.next,
            retry_after_secs: rl.retry_after_secs.try_into().unwrap_or(u32::MAX),
        }
    }

    /// Every fault off.
    pub fn off() -> Self {
        Self {
            error_status: 500,
            retry_after_secs: 1,
            ..Self::default()
        }
    }
}

/// The Sandbox panel's data.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "SandboxStatus.ts")]
pub struct SandboxStatus {
    /// Where it runs, when it runs.
    pub info: Option<SandboxInfo>,
    /// Why it is not running.
    pub error: Option<String>,
    /// The fault knobs in force.
    pub knobs: SandboxKnobs,
    /// Connected accounts it holds (when it runs).
    pub accounts: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knobs_round_trip_through_fault_rules() {
        assert_eq!(SandboxKnobs::off().to_faults(), Faults::default());
        assert_eq!(
            SandboxKnobs::from_faults(&Faults::default()),
            SandboxKnobs::off()
        );
        let knobs = SandboxKnobs {
            latency_ms: 250,
            error_rate: 0.25,
            error_status: 503,
            rate_limit_rate: 0.1,
            rate_limit_next: 3,
            retry_after_secs: 2,
        };
        let faults = knobs.to_faults();
        assert_eq!(faults.rules.len(), 1);
        assert_eq!(faults.rules[0].route, "*");
        assert_eq!(faults.rules[0].rate_limit.as_ref().map(|r| r.next), Some(3));
        assert_eq!(SandboxKnobs::from_faults(&faults), knobs);
    }

    #[test]
    fn out_of_range_knobs_name_their_field() {
        let bad = SandboxKnobs {
            error_rate: 1.5,
            error_status: 404,
            ..SandboxKnobs::off()
        };
        let Err(Error::Invalid(fields)) = bad.validate() else {
            panic!("expected invalid")
        };
        let names: Vec<_> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["error_rate", "error_status"]);
    }
}
