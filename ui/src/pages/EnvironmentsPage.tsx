import { useState } from "react";
import { revealItemInDir } from "@tauri-apps/plugin-opener";
import type { ConnectionTest } from "../bindings/ConnectionTest";
import type { Environment } from "../bindings/Environment";
import { EnvironmentForm } from "../components/EnvironmentForm";
import { Icon } from "../components/Icon";
import { ImportDialog } from "../components/ImportDialog";
import { LabelBadge } from "../components/LabelBadge";
import { Modal } from "../components/Modal";
import { TestResult } from "../components/TestResult";
import { useApp } from "../lib/AppContext";
import { api, toIpcError } from "../lib/api";
import { relativeTime } from "../lib/status";

type Dialog =
  | { kind: "add" }
  | { kind: "edit"; env: Environment }
  | { kind: "delete"; env: Environment }
  | { kind: "import" }
  | null;

export function EnvironmentsPage() {
  const { environments, activeEnv, switchEnv, reloadEnvironments, notify } = useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [tests, setTests] = useState<Record<string, ConnectionTest | "running">>({});

  const guard = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (e) {
      notify("error", toIpcError(e).message);
    }
  };

  const test = (env: Environment) =>
    guard(async () => {
      setTests((t) => ({ ...t, [env.id]: "running" }));
      try {
        const result = await api.testEnvironment(env.id);
        setTests((t) => ({ ...t, [env.id]: result }));
      } catch (e) {
        setTests((t) => {
          const rest = { ...t };
          delete rest[env.id];
          return rest;
        });
        throw e;
      }
    });

  const duplicate = (env: Environment) =>
    guard(async () => {
      const copy = await api.duplicateEnvironment(env.id);
      await reloadEnvironments();
      notify("ok", `Created ${copy.name}`);
    });

  const remove = (env: Environment) =>
    guard(async () => {
      await api.deleteEnvironment(env.id);
      setDialog(null);
      await reloadEnvironments();
      notify("ok", `Deleted ${env.name} and its keychain entry`);
    });

  const exportAll = () =>
    guard(async () => {
      const path = await api.exportEnvironments();
      notify("ok", `Exported to ${path}`);
      revealItemInDir(path).catch(() => undefined);
    });

  const saved = (env: Environment, verb: string) =>
    guard(async () => {
      setDialog(null);
      await reloadEnvironments();
      setTests((t) => {
        const rest = { ...t };
        delete rest[env.id];
        return rest;
      });
      notify("ok", `${verb} ${env.name}`);
    });

  return (
    <section className="page" data-testid="environments">
      <header className="page-head">
        <div>
          <h1>Environments</h1>
          <p className="muted">Client secrets live in the system keychain, never in Kitbench's database or exports.</p>
        </div>
        <div className="row">
          <button className="btn" onClick={() => setDialog({ kind: "import" })} data-testid="env-import">
            <Icon name="upload" /> Import .env
          </button>
          <button className="btn" onClick={exportAll} data-testid="env-export">
            <Icon name="download" /> Export
          </button>
          <button className="btn btn-primary" onClick={() => setDialog({ kind: "add" })} data-testid="env-add">
            <Icon name="plus" /> Add environment
          </button>
        </div>
      </header>

      <div className="env-list" data-testid="env-list">
        {environments.map((env) => {
          const t = tests[env.id];
          return (
            <article key={env.id} className={env.id === activeEnv?.id ? "env-row active" : "env-row"} data-testid="env-row" data-env-name={env.name} data-env-id={env.id}>
              <div className="env-main">
                <div className="env-title">
                  <span className="env-name">{env.name}</span>
                  <LabelBadge label={env.label} />
                  {env.id === activeEnv?.id && <span className="pill">Active</span>}
                </div>
                <div className="env-meta mono">{env.env_url}</div>
                <div className="env-meta">
                  <span className="mono">{env.client_id}</span> · Last used {relativeTime(env.last_used_at)}
                  {env.is_sandbox && " · Managed by Kitbench"}
                </div>
              </div>
              <div className="env-actions">
                {env.id !== activeEnv?.id && (
                  <button className="btn btn-small" onClick={() => guard(() => switchEnv(env.id))} data-testid="env-row-activate">Use</button>
                )}
                <button className="btn btn-small" onClick={() => test(env)} disabled={t === "running"} data-testid="env-row-test">
                  {t === "running" ? "Testing…" : "Test"}
                </button>
                {!env.is_sandbox && (
                  <>
                    <button className="btn btn-small" onClick={() => setDialog({ kind: "edit", env })} data-testid="env-row-edit">Edit</button>
                    <button className="btn btn-small" onClick={() => duplicate(env)} data-testid="env-row-duplicate">Duplicate</button>
                    <button className="btn btn-small btn-danger" onClick={() => setDialog({ kind: "delete", env })} data-testid="env-row-delete">Delete</button>
                  </>
                )}
              </div>
              {t && t !== "running" && (
                <div className="env-test">
                  <TestResult result={t} testId="env-row-test-result" />
                </div>
              )}
            </article>
          );
        })}
      </div>

      {(dialog?.kind === "add" || dialog?.kind === "edit") && (
        <EnvironmentForm
          existing={dialog.kind === "edit" ? dialog.env : null}
          onClose={() => setDialog(null)}
          onSaved={(env) => saved(env, dialog.kind === "edit" ? "Saved" : "Added")}
        />
      )}
      {dialog?.kind === "import" && (
        <ImportDialog onClose={() => setDialog(null)} onImported={(env) => saved(env, "Imported")} />
      )}
      {dialog?.kind === "delete" && (
        <Modal title={`Delete ${dialog.env.name}?`} onClose={() => setDialog(null)} testId="delete-dialog">
          <p>
            This removes the environment and its client secret from the keychain. The Scalekit environment itself is not
            touched.
          </p>
          <footer className="modal-foot">
            <span className="spacer" />
            <button className="btn btn-ghost" onClick={() => setDialog(null)}>Cancel</button>
            <button className="btn btn-danger" onClick={() => remove(dialog.env)} data-testid="confirm-delete">Delete</button>
          </footer>
        </Modal>
      )}
    </section>
  );
}
