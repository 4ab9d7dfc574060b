//! Checking fault knobs sent over HTTP, and clamping those set through the Rust API.

use super::{Faults, MAX_LATENCY_MS, MAX_RULES, MAX_SECS};

impl Faults {
    /// Parses and checks knobs sent as JSON; the error says which key or value is wrong.
    pub fn parse(body: &[u8]) -> Result<Self, String> {
        let faults: Self = serde_json::from_slice(body).map_err(|e| e.to_string())?;
        faults.check()?;
        Ok(faults)
    }

    /// Every knob within its range.
    pub fn check(&self) -> Result<(), String> {
        if self.rules.len() > MAX_RULES {
            return Err(format!(
                "{} rules given; at most {MAX_RULES} are allowed",
                self.rules.len()
            ));
        }
        if let Some(secs) = self.token_expiry {
            range("token_expiry", secs, 1, MAX_SECS)?;
        }
        if let Some(secs) = self.magic_link_ttl {
            range("magic_link_ttl", secs, 1, MAX_SECS)?;
        }
        for (i, r) in self.rules.iter().enumerate() {
            let at = |name: &str| format!("rules[{i}].{name}");
            range(&at("latency_ms"), r.latency_ms, 0, MAX_LATENCY_MS)?;
            rate(&at("error_rate"), r.error_rate)?;
            rate(&at("drop_rate"), r.drop_rate)?;
            if r.error_status != 500 && r.error_status != 503 {
                return Err(format!(
                    "{} must be 500 or 503, not {}",
                    at("error_status"),
                    r.error_status
                ));
            }
            if let Some(rl) = &r.rate_limit {
                rate(&at("rate_limit.rate"), rl.rate)?;
                range(
                    &at("rate_limit.retry_after_secs"),
                    rl.retry_after_secs,
                    0,
                    MAX_SECS,
                )?;
            }
        }
        Ok(())
    }

    /// The knobs pulled into range: extra rules dropped, values capped, rates clamped, an
    /// unknown status made 500.
    pub(super) fn clamped(mut self) -> Self {
        self.rules.truncate(MAX_RULES);
        self.token_expiry = self.token_expiry.map(|s| s.clamp(1, MAX_SECS));
        self.magic_link_ttl = self.magic_link_ttl.map(|s| s.clamp(1, MAX_SECS));
        let clamp = |r: f64| if r.is_nan() { 0.0 } else { r.clamp(0.0, 1.0) };
        for r in &mut self.rules {
            r.latency_ms = r.latency_ms.min(MAX_LATENCY_MS);
            r.error_rate = clamp(r.error_rate);
            r.drop_rate = clamp(r.drop_rate);
            if r.error_status != 503 {
                r.error_status = 500;
            }
            if let Some(rl) = &mut r.rate_limit {
                rl.rate = clamp(rl.rate);
                rl.retry_after_secs = rl.retry_after_secs.min(MAX_SECS);
            }
        }
        self
    }
}

fn range(name: &str, value: u64, min: u64, max: u64) -> Result<(), String> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(format!("{name} must be from {min} to {max}, not {value}"))
    }
}

fn rate(name: &str, value: f64) -> Result<(), String> {
    if (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(format!("{name} must be from 0 to 1, not {value}"))
    }
}
