import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Navigate, Outlet, useNavigate, useParams } from "@tanstack/react-router";
import { revealItemInDir } from "@tauri-apps/plugin-opener";
import { useMemo, useState } from "react";
import type { ConnectionTest } from "../bindings/ConnectionTest";
import type { Environment } from "../bindings/Environment";
import { commands } from "../bindings/ipc";
import { DataTable, type Column } from "../components/DataTable";
import { EnvironmentForm } from "../components/EnvironmentForm";
import { ErrorMessage } from "../components/ErrorMessage";
import { Icon } from "../components/Icon";
import { ImportDialog } from "../components/ImportDialog";
import { LabelBadge } from "../components/LabelBadge";
import { Modal } from "../components/Modal";
import { TestResult } from "../components/TestResult";
import { toIpcError } from "../lib/errors";
import { environmentsQuery, keys } from "../lib/queries";
import { useActiveEnv, useSwitchEnv } from "../lib/session";
import { relativeTime } from "../lib/status";
import { notify } from "../lib/toasts";

type Dialog = { kind: "add" } | { kind: "delete"; env: Environment } | { kind: "import" } | null;
type Tests = Record<string, ConnectionTest | "running">;

const fail = (e: unknown) => notify("error", toIpcError(e).message);

export function EnvironmentsPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const environments = useQuery(environmentsQuery());
  const activeEnv = useActiveEnv();
  const switchEnv = useSwitchEnv();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [tests, setTests] = useState<Tests>({});

  const invalidate = () => queryClient.invalidateQueries({ queryKey: keys.environments });
  const forgetTest = (id: string) =>
    setTests((t) => {
      const rest = { ...t };
      delete rest[id];
      return rest;
    });

  const test = useMutation({
    mutationFn: (env: Environment) => commands.testEnvironment(env.id),
    onMutate: (env) => setTests((t) => ({ ...t, [env.id]: "running" })),
    onSuccess: (result, env) => setTests((t) => ({ ...t, [env.id]: result })),
    onError: (e, env) => {
      forgetTest(env.id);
      fail(e);
    },
  });

  const duplicate = useMutation({
    mutationFn: (env: Environment) => commands.duplicateEnvironment(env.id),
    onSuccess: async (copy) => {
      await invalidate();
      notify("ok", `Created ${copy.name}`);
    },
    onError: fail,
  });

  const remove = useMutation({
    mutationFn: (env: Environment) => commands.deleteEnvironment(env.id),
    onSuccess: async (_, env) => {
      setDialog(null);
      forgetTest(env.id);
      queryClient.removeQueries({ queryKey: keys.overview(env.id) });
      queryClient.removeQueries({ queryKey: keys.breakdown(env.id) });
      await invalidate();
      notify("ok", `Deleted ${env.name} and its keychain entry`);
    },
    onError: fail,
  });

  const exportAll = useMutation({
    mutationFn: () => commands.exportEnvironments(),
    onSuccess: (path) => {
      notify("ok", `Exported to ${path}`);
      revealItemInDir(path).catch(() => undefined);
    },
    onError: fail,
  });

  const open = (env: Environment) => {
    if (env.is_sandbox) void navigate({ to: "/sandbox" });
    else void navigate({ to: "/environments/$id", params: { id: env.id } });
  };

  const columns = useMemo<Column<Environment>[]>(
    () => [
      {
        id: "name",
        header: "Environment",
        width: "minmax(0, 1fr)",
        sortValue: (env) => env.name,
        cell: (env) => (
          <div className="env-main">
            <div className="env-title">
              <span className="env-name" title={env.name}>{env.name}</span>
              <LabelBadge label={env.label} />
              {env.id === activeEnv?.id && <span className="pill">Active</span>}
            </div>
            <div className="env-meta mono" title={`${env.env_url} · ${env.client_id}`}>
              {env.env_url} · {env.client_id}
              {env.is_sandbox && <span className="env-managed"> · Managed by Kitbench</span>}
            </div>
          </div>
        ),
      },
      {
        id: "last_used",
        header: "Last used",
        width: "104px",
        sortValue: (env) => (env.last_used_at ? Date.parse(env.last_used_at) : null),
        cell: (env) => <span className="env-meta">{relativeTime(env.last_used_at)}</span>,
      },
      {
        id: "actions",
        header: "",
        width: "300px",
        align: "end",
        cell: (env) => {
          const t = tests[env.id];
          return (
            <div className="env-actions">
              {env.id !== activeEnv?.id && (
                <button className="btn btn-small" onClick={() => switchEnv.mutate(env.id)} data-testid="env-row-activate">Use</button>
              )}
              <button className="btn btn-small" onClick={() => test.mutate(env)} disabled={t === "running"} data-testid="env-row-test">
                {t === "running" ? "Testing…" : "Test"}
              </button>
              {!env.is_sandbox && (
                <>
                  <button className="btn btn-small" onClick={() => open(env)} data-testid="env-row-edit">Edit</button>
                  <button className="btn btn-small" onClick={() => duplicate.mutate(env)} data-testid="env-row-duplicate">Duplicate</button>
                  <button className="btn btn-small btn-danger" onClick={() => setDialog({ kind: "delete", env })} data-testid="env-row-delete">Delete</button>
                </>
              )}
            </div>
          );
        },
      },
    ],
    // `open` and the mutations' `mutate` only navigate or call; the cells depend on these values.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [activeEnv?.id, tests],
  );

  const results = (environments.data ?? []).filter((env) => {
    const t = tests[env.id];
    return t !== undefined && t !== "running";
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
          <button className="btn" onClick={() => exportAll.mutate()} data-testid="env-export">
            <Icon name="download" /> Export
          </button>
          <button className="btn btn-primary" onClick={() => setDialog({ kind: "add" })} data-testid="env-add">
            <Icon name="plus" /> Add environment
          </button>
        </div>
      </header>

      <DataTable
        label="Environments"
        testId="env-list"
        columns={columns}
        rows={environments.data}
        rowKey={(env) => env.id}
        status={environments.isPending ? "loading" : environments.isError ? "error" : "ready"}
        error={environments.isError ? <ErrorMessage error={toIpcError(environments.error)} /> : undefined}
        onRetry={() => void environments.refetch()}
        empty="No environments yet. Add one, or import a .env file."
        onOpen={open}
        rowHeight={60}
        rowClassName={(env) => (env.id === activeEnv?.id ? "env-row-current" : undefined)}
        rowProps={(env) => ({ "data-testid": "env-row", "data-env-name": env.name, "data-env-id": env.id })}
      />

      {results.map((env) => {
        const t = tests[env.id];
        return t && t !== "running" ? (
          <div key={env.id} className="env-test" data-testid="env-row-test-block" data-env-id={env.id}>
            <div className="env-test-head">
              <span className="env-name">{env.name}</span>
              <button className="icon-btn" onClick={() => forgetTest(env.id)} aria-label={`Dismiss the test of ${env.name}`}>
                <Icon name="close" size={14} />
              </button>
            </div>
            <TestResult result={t} testId="env-row-test-result" />
          </div>
        ) : null;
      })}

      {dialog?.kind === "add" && (
        <EnvironmentForm
          existing={null}
          onClose={() => setDialog(null)}
          onSaved={(env) => {
            setDialog(null);
            notify("ok", `Added ${env.name}`);
          }}
        />
      )}
      {dialog?.kind === "import" && (
        <ImportDialog
          onClose={() => setDialog(null)}
          onImported={(env) => {
            setDialog(null);
            notify("ok", `Imported ${env.name}`);
          }}
        />
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
            <button className="btn btn-danger" onClick={() => remove.mutate(dialog.env)} disabled={remove.isPending} data-testid="confirm-delete">
              Delete
            </button>
          </footer>
        </Modal>
      )}
      <Outlet />
    </section>
  );
}

/** `/environments/$id`: the edit form over the list. */
export function EnvironmentEdit() {
  const { id } = useParams({ from: "/environments/$id" });
  const navigate = useNavigate();
  const environments = useQuery(environmentsQuery());
  const env = environments.data?.find((e) => e.id === id);
  const back = () => void navigate({ to: "/environments" });

  if (environments.isPending) return null;
  if (!env || env.is_sandbox) return <Navigate to="/environments" replace />;
  return (
    <EnvironmentForm
      key={env.id}
      existing={env}
      onClose={back}
      onSaved={(saved) => {
        notify("ok", `Saved ${saved.name}`);
        back();
      }}
    />
  );
}
