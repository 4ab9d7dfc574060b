//! Latency figures of one measured path.

use std::time::Duration;

/// One measured path: how many calls, over how long, and the median and 99th percentile latency.
pub struct Sample {
    pub label: String,
    pub calls: usize,
    pub elapsed: Duration,
    pub p50: Duration,
    pub p99: Duration,
}

impl Sample {
    /// Figures from every call's latency.
    pub fn from_latencies(label: &str, elapsed: Duration, mut latencies: Vec<Duration>) -> Self {
        latencies.sort();
        Self {
            label: label.to_string(),
            calls: latencies.len(),
            elapsed,
            p50: percentile(&latencies, 50.0),
            p99: percentile(&latencies, 99.0),
        }
    }

    pub fn per_second(&self) -> f64 {
        self.calls as f64 / self.elapsed.as_secs_f64()
    }

    pub fn row(&self) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        format!(
            "| {} | {} | {:.0} | {:.3} | {:.3} |",
            self.label,
            self.calls,
            self.per_second(),
            ms(self.p50),
            ms(self.p99)
        )
    }
}

/// The `p`th percentile (nearest rank) of sorted latencies.
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_and_rate() {
        let lat = (1..=100).map(Duration::from_millis).collect();
        let s = Sample::from_latencies("x", Duration::from_secs(2), lat);
        assert_eq!(s.p50, Duration::from_millis(51));
        assert_eq!(s.p99, Duration::from_millis(99));
        assert_eq!(s.per_second(), 50.0);
    }
}
