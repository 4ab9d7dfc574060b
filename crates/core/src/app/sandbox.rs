//! Sandbox panel commands: status, fault knobs, reset, seeding accounts.

use kitbench_sandbox::Admin;

use super::Kitbench;
use crate::sandbox_host::{SandboxHost, SandboxKnobs, SandboxStatus};
use crate::{Error, FieldError, Result};

/// The most accounts the Sandbox panel seeds at once.
pub const MAX_SEED_ACCOUNTS: u32 = 200_000;

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

    /// The built-in Sandbox's client secret, for an SDK `.env` block the user asked to copy: a
    /// credential of this install's own local test server, handed out only on that request.
    pub async fn sandbox_client_secret(&self) -> Result<String> {
        self.sandbox_host()?
            .client_secret()
            .await
            .ok_or_else(|| Error::Sandbox("the Sandbox is not running".into()))
    }

    /// The Sandbox panel's data (also when it is not running: then `error` says why).
    pub fn sandbox_status(&self) -> Result<SandboxStatus> {
        Ok(match &self.sandbox {
            Some(host) => SandboxStatus {
                info: Some(host.info()),
                error: None,
                knobs: SandboxKnobs::from_faults(&host.admin().faults()),
                accounts: Some(host.admin().account_count().try_into().unwrap_or(u32::MAX)),
            },
            None => SandboxStatus {
                info: None,
                error: Some(
                    self.sandbox_error
                        .clone()
                        .unwrap_or_else(|| "The Sandbox is off.".into()),
                ),
                knobs: SandboxKnobs::off(),
                accounts: None,
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
        self.breakdowns.forget(host.env_id());
        self.sandbox_status()
    }

    /// Adds `count` generated connected accounts to the Sandbox (1 to
    /// [`MAX_SEED_ACCOUNTS`]; reset removes them), on a blocking thread. Its cached breakdown
    /// is dropped: the next [`Kitbench::overview_breakdown`] walks the new accounts.
    pub async fn sandbox_seed_accounts(&self, count: u32) -> Result<SandboxStatus> {
        if !(1..=MAX_SEED_ACCOUNTS).contains(&count) {
            return Err(Error::Invalid(vec![FieldError::new(
                "count",
                "Seed between 1 and 200,000 accounts.",
            )]));
        }
        let host = self.sandbox_host()?;
        let admin = host.admin().clone();
        let report = tokio::task::spawn_blocking(move || admin.seed_accounts(count as usize, None))
            .await
            .map_err(|e| Error::Sandbox(format!("seeding stopped: {e}")))?
            .map_err(|e| Error::Sandbox(e.to_string()))?;
        tracing::info!(
            added = report.added,
            elapsed_ms = report.elapsed_ms,
            "Sandbox accounts seeded"
        );
        self.breakdowns.forget(host.env_id());
        self.sandbox_status()
    }

    /// The running Sandbox's admin handle (journal, counts, faults), for tests and benchmarks.
    pub fn sandbox_admin(&self) -> Option<Admin> {
        self.sandbox.as_ref().map(|h| h.admin().clone())
    }
}
