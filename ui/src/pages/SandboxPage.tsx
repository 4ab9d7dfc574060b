import { useEffect, useState } from "react";
import type { SandboxKnobs } from "../bindings/SandboxKnobs";
import type { SandboxStatus } from "../bindings/SandboxStatus";
import { Icon } from "../components/Icon";
import { Modal } from "../components/Modal";
import { useApp } from "../lib/AppContext";
import { api, toIpcError } from "../lib/api";

/** Percent text field <-> 0..1 share. */
function pct(share: number): string {
  return String(Math.round(share * 1000) / 10);
}

export function SandboxPage() {
  const { notify, environments, activeEnv, switchEnv } = useApp();
  const [status, setStatus] = useState<SandboxStatus | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [form, setForm] = useState({ latency: "0", errorRate: "0", errorStatus: 500, rlRate: "0", rlNext: "0", retryAfter: "1" });
  const [confirmReset, setConfirmReset] = useState(false);
  const [busy, setBusy] = useState(false);

  const show = (s: SandboxStatus) => {
    setStatus(s);
    const k = s.knobs;
    setForm({
      latency: String(k.latency_ms),
      errorRate: pct(k.error_rate),
      errorStatus: k.error_status === 503 ? 503 : 500,
      rlRate: pct(k.rate_limit_rate),
      rlNext: String(k.rate_limit_next),
      retryAfter: String(k.retry_after_secs),
    });
  };

  useEffect(() => {
    api.sandboxStatus().then(show, (e) => setLoadError(toIpcError(e).message));
  }, []);

  const knobs = (): SandboxKnobs => ({
    latency_ms: Math.max(0, Math.round(Number(form.latency) || 0)),
    error_rate: Math.min(100, Math.max(0, Number(form.errorRate) || 0)) / 100,
    error_status: form.errorStatus,
    rate_limit_rate: Math.min(100, Math.max(0, Number(form.rlRate) || 0)) / 100,
    rate_limit_next: Math.max(0, Math.round(Number(form.rlNext) || 0)),
    retry_after_secs: Math.max(0, Math.round(Number(form.retryAfter) || 0)),
  });

  const act = async (work: () => Promise<SandboxStatus>, done: string) => {
    setBusy(true);
    try {
      show(await work());
      notify("ok", done);
    } catch (e) {
      notify("error", toIpcError(e).message);
    } finally {
      setBusy(false);
    }
  };

  const sandboxEnv = environments.find((e) => e.is_sandbox);
  const info = status?.info;
  const faultsOn = status && (status.knobs.latency_ms > 0 || status.knobs.error_rate > 0 || status.knobs.rate_limit_rate > 0 || status.knobs.rate_limit_next > 0);

  return (
    <section className="page" data-testid="sandbox-panel">
      <header className="page-head">
        <div>
          <h1>Sandbox</h1>
          <p className="muted">A local AgentKit environment inside Kitbench: same REST API, seeded data, no account or network needed.</p>
        </div>
        {sandboxEnv && sandboxEnv.id !== activeEnv?.id && (
          <button className="btn" onClick={() => void switchEnv(sandboxEnv.id)}>Use the Sandbox</button>
        )}
      </header>

      {(loadError || status?.error) && (
        <div className="callout callout-error" role="alert" data-testid="sandbox-error">
          <Icon name="alert" />
          <div>{loadError ?? status?.error}</div>
        </div>
      )}

      {info && (
        <div className="panel">
          <h2>Running</h2>
          <dl className="facts">
            <dt>URL</dt>
            <dd className="mono" data-testid="sandbox-url">{info.url}</dd>
            <dt>Client ID</dt>
            <dd className="mono">{sandboxEnv?.client_id}</dd>
            <dt>Data file</dt>
            <dd className="mono">{info.data_file}</dd>
          </dl>
        </div>
      )}

      {info && (
        <form
          className="panel form"
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => api.sandboxSetKnobs(knobs()), "Fault knobs applied");
          }}
        >
          <h2>
            Faults {faultsOn && <span className="pill pill-warn" data-testid="sandbox-faults-on">On</span>}
          </h2>
          <p className="muted">Apply to every request the Sandbox serves, so you can see how clients behave under latency, errors and rate limits.</p>
          <div className="form-row">
            <label className="field">
              <span className="field-label">Latency (ms)</span>
              <input type="number" min={0} max={60000} step={50} value={form.latency} onChange={(e) => setForm({ ...form, latency: e.target.value })} data-testid="sandbox-latency" />
            </label>
            <label className="field">
              <span className="field-label">Error rate (%)</span>
              <input type="number" min={0} max={100} step={1} value={form.errorRate} onChange={(e) => setForm({ ...form, errorRate: e.target.value })} data-testid="sandbox-error-rate" />
            </label>
            <label className="field">
              <span className="field-label">Error status</span>
              <select value={form.errorStatus} onChange={(e) => setForm({ ...form, errorStatus: Number(e.target.value) })} data-testid="sandbox-error-status">
                <option value={500}>500 Internal</option>
                <option value={503}>503 Unavailable</option>
              </select>
            </label>
          </div>
          <div className="form-row">
            <label className="field">
              <span className="field-label">429 rate (%)</span>
              <input type="number" min={0} max={100} step={1} value={form.rlRate} onChange={(e) => setForm({ ...form, rlRate: e.target.value })} data-testid="sandbox-429-rate" />
            </label>
            <label className="field">
              <span className="field-label">429 for the next N calls</span>
              <input type="number" min={0} step={1} value={form.rlNext} onChange={(e) => setForm({ ...form, rlNext: e.target.value })} data-testid="sandbox-429-next" />
            </label>
            <label className="field">
              <span className="field-label">Retry-After (s)</span>
              <input type="number" min={0} max={3600} step={1} value={form.retryAfter} onChange={(e) => setForm({ ...form, retryAfter: e.target.value })} data-testid="sandbox-retry-after" />
            </label>
          </div>
          <footer className="row">
            <button type="submit" className="btn btn-primary" disabled={busy} data-testid="sandbox-apply">Apply</button>
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() =>
                void act(
                  () => api.sandboxSetKnobs({ latency_ms: 0, error_rate: 0, error_status: 500, rate_limit_rate: 0, rate_limit_next: 0, retry_after_secs: 1 }),
                  "Faults off",
                )
              }
              data-testid="sandbox-faults-off"
            >
              Turn faults off
            </button>
          </footer>
        </form>
      )}

      {info && (
        <div className="panel panel-danger">
          <h2>Reset data</h2>
          <p className="muted">Puts connected accounts, MCP configs and instances back to the seeded state and turns faults off.</p>
          <button className="btn btn-danger" onClick={() => setConfirmReset(true)} disabled={busy} data-testid="sandbox-reset">Reset Sandbox data</button>
        </div>
      )}

      {confirmReset && (
        <Modal title="Reset the Sandbox?" onClose={() => setConfirmReset(false)} testId="sandbox-reset-dialog">
          <p>Everything you created in the Sandbox is removed. Its credentials stay the same.</p>
          <footer className="modal-foot">
            <span className="spacer" />
            <button className="btn btn-ghost" onClick={() => setConfirmReset(false)}>Cancel</button>
            <button
              className="btn btn-danger"
              data-testid="sandbox-reset-confirm"
              onClick={() => {
                setConfirmReset(false);
                void act(() => api.sandboxReset(), "Sandbox data reset");
              }}
            >
              Reset
            </button>
          </footer>
        </Modal>
      )}
    </section>
  );
}
