//! The official Python SDK's paths, each timed inside Python (per-call latencies printed as
//! JSON by a script) so the figures compare like with like.

use crate::scenario::{Env, IDENTIFIER};
use crate::stats::Sample;
use serde_json::Value;
use std::time::Duration;

impl Env {
    /// Sequential proxied calls (plain HTTP).
    pub async fn proxy_with_python(
        &self,
        python: &str,
        calls: usize,
        cpus: Option<&str>,
    ) -> Sample {
        let script = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/conformance/python/sdk_proxy.py"
        );
        let label = "Python SDK proxy (scalekit-sdk-python 2.21.0)";
        self.run_python(python, script, calls, cpus, label).await
    }

    /// Sequential `execute_tool` calls: gRPC over TLS to the Sandbox's one port, as the SDK
    /// always speaks it.
    pub async fn execute_with_python_grpc(
        &self,
        python: &str,
        calls: usize,
        cpus: Option<&str>,
    ) -> Sample {
        let script = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/conformance/python/sdk_execute.py"
        );
        let label = "Python SDK `execute_tool` over gRPC (TLS)";
        self.run_python(python, script, calls, cpus, label).await
    }

    async fn run_python(
        &self,
        python: &str,
        script: &str,
        calls: usize,
        cpus: Option<&str>,
        label: &str,
    ) -> Sample {
        let id = self.client.client_id().to_string();
        let mut command = match cpus {
            Some(cpus) => {
                let mut c = tokio::process::Command::new("taskset");
                c.args(["-c", cpus, python]);
                c
            }
            None => tokio::process::Command::new(python),
        };
        let output = command
            .env("GRPC_DEFAULT_SSL_ROOTS_FILE_PATH", &self.ca_file)
            .args([
                script,
                &self.url,
                &id,
                &self.secret,
                "gmail",
                IDENTIFIER,
                &(calls + 1).to_string(),
            ])
            .output()
            .await
            .expect("python runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let result: Value = serde_json::from_slice(&output.stdout).expect("script JSON");
        let latencies: Vec<Duration> = result["latencies"]
            .as_array()
            .expect("latencies")
            .iter()
            .map(|v| Duration::from_secs_f64(v.as_f64().unwrap_or(0.0)))
            .collect();
        let elapsed = latencies.iter().sum();
        Sample::from_latencies(label, elapsed, latencies)
    }
}
