//! Sandbox panel commands: status, fault knobs, reset.

use super::Kitbench;
use crate::sandbox_host::{SandboxHost, SandboxKnobs, SandboxStatus};
use crate::{Error, Result};

impl Kitbench {
    fn sandbox_host(&self) -> Result<&SandboxHost> {
        self.sandbox.as_ref().ok_or_else(|| {
            Error::Sandbox(
                self.sandbox_error
                    .clone()
                    .unwrap_or_else(|| "the Sandbox is not running".into()),
            )
        })
    }

    /// The Sandbox panel's data (also when it is not running: then `error` says why).
    pub fn sandbox_status(&self) -> Result<SandboxStatus> {
        Ok(match &self.sandbox {
            Some(host) => SandboxStatus {
                info: Some(host.info()),
                error: None,
                knobs: SandboxKnobs::from_faults(&host.admin().faults()),
            },
            None => SandboxStatus {
                info: None,
                error: Some(
                    self.sandbox_error
                        .clone()
                        .unwrap_or_else(|| "The Sandbox is off.".into()),
                ),
                knobs: SandboxKnobs::off(),
            },
        })
    }

    /// Sets the fault knobs (latency, error rate, 429s) for every route.
    pub fn sandbox_set_knobs(&self, knobs: &SandboxKnobs) -> Result<SandboxStatus> {
        knobs.validate()?;
        self.sandbox_host()?.admin().set_faults(knobs.to_faults());
        self.sandbox_status()
    }

    /// Puts the Sandbox's data back to its seeded state and turns faults off.
    pub fn sandbox_reset(&self) -> Result<SandboxStatus> {
        let host = self.sandbox_host()?;
        host.admin().reset();
        host.admin().set_faults(SandboxKnobs::off().to_faults());
        self.sandbox_status()
    }
}
