// One MCP instance in a drawer over the list: its URL (masked; reveal and copy on request), the
// auth state of each connection with Authorize, add-to-client snippets, rename, switch config,
// delete (the user's identifier typed in production).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useRef, useState } from "react";
import type { Environment } from "../../bindings/Environment";
import { commands } from "../../bindings/ipc";
import { useDialog } from "../../components/dialog";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Icon } from "../../components/Icon";
import { fieldErrors } from "../../lib/accounts";
import { toIpcError } from "../../lib/errors";
import { notify } from "../../lib/toasts";
import { AuthState } from "./AuthState";
import { instanceQuery, mcpKeys } from "./queries";
import { SecretUrl, Snippets } from "./Snippets";

export function InstanceDrawer({ env, id, configNames, onClose }: { env: Environment; id: string; configNames: string[]; onClose: () => void }) {
  const queryClient = useQueryClient();
  const ref = useRef<HTMLElement>(null);
  useDialog(ref, onClose);
  const detail = useQuery(instanceQuery(env.id, id));
  const i = detail.data;
  const [name, setName] = useState<string | null>(null);
  const [config, setConfig] = useState<string | null>(null);
  const [confirm, setConfirm] = useState("");
  const [deleting, setDeleting] = useState(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: mcpKeys.instances(env.id) });
  const update = useMutation({
    mutationFn: () => commands.updateMcpInstance(env.id, id, name, config),
    onSuccess: () => {
      setName(null);
      setConfig(null);
      notify("ok", "Instance saved");
      refresh();
      void queryClient.invalidateQueries({ queryKey: mcpKeys.authState(env.id, id) });
    },
  });
  const remove = useMutation({
    mutationFn: () => commands.deleteMcpInstance(env.id, id, confirm || null),
    onSuccess: () => {
      notify("ok", "Instance deleted; its URL no longer works");
      refresh();
      onClose();
    },
  });
  const deleteErrors = remove.error ? fieldErrors(toIpcError(remove.error).fields) : {};

  return (
    <div className="drawer-overlay" onMouseDown={onClose}>
      <aside ref={ref} className="drawer" role="dialog" aria-modal="true" aria-label={i?.name ?? "MCP instance"} tabIndex={-1} data-testid="mcp-instance-drawer" data-id={id} onMouseDown={(e) => e.stopPropagation()}>
        <header className="modal-head">
          <h2 data-testid="mcp-instance-name">{i?.name ?? "MCP instance"}</h2>
          <button type="button" className="icon-btn" onClick={onClose} aria-label="Close" data-testid="mcp-instance-close">
            <Icon name="close" />
          </button>
        </header>
        {detail.isError && <ErrorMessage error={toIpcError(detail.error)} />}
        {!i && !detail.isError && <div className="skeleton-bar" />}
        {i && (
          <>
            <dl className="facts">
              <dt>User</dt>
              <dd className="mono" data-testid="mcp-instance-user">{i.user_identifier}</dd>
              <dt>Config</dt>
              <dd className="mono" data-testid="mcp-instance-config">{i.config_name || "—"}</dd>
              <dt>Instance ID</dt>
              <dd className="mono">{i.id}</dd>
              <dt>Last used</dt>
              <dd>{i.last_used_at ? new Date(i.last_used_at).toLocaleString() : "never"}</dd>
            </dl>
            <section>
              <h3>URL</h3>
              <p className="muted small">Pre-authenticated: whoever has it can use the instance. Treat it as a secret.</p>
              <SecretUrl envId={env.id} instanceId={id} masked={i.url_masked} />
              <p>
                <Link to="/mcp/inspector" search={{ instance: id }} data-testid="mcp-open-inspector">Open in the inspector</Link>
              </p>
            </section>
            <AuthState envId={env.id} instanceId={id} />
            <section>
              <h3>Add to a client</h3>
              <Snippets envId={env.id} instanceId={id} />
            </section>
            <section>
              <h3>Change</h3>
              <div className="row">
                <input value={name ?? i.name} onChange={(e) => setName(e.target.value)} aria-label="Instance name" data-testid="mcp-instance-rename" />
                <select value={config ?? i.config_name} onChange={(e) => setConfig(e.target.value)} aria-label="Config" data-testid="mcp-instance-switch">
                  {!configNames.includes(i.config_name) && <option value={i.config_name}>{i.config_name}</option>}
                  {configNames.map((n) => (
                    <option key={n} value={n}>{n}</option>
                  ))}
                </select>
                <button className="btn btn-small" disabled={(name === null && config === null) || update.isPending} onClick={() => update.mutate()} data-testid="mcp-instance-save">
                  Save
                </button>
              </div>
              {update.error && <ErrorMessage error={toIpcError(update.error)} />}
            </section>
            <section>
              {!deleting ? (
                <button className="btn btn-small btn-danger" onClick={() => setDeleting(true)} data-testid="mcp-instance-delete">
                  <Icon name="trash" size={14} /> Delete instance
                </button>
              ) : (
                <div className="callout" data-testid="mcp-instance-delete-confirm">
                  <div>
                    <p>Delete this instance? Its URL stops working for every client it was given to.</p>
                    {env.label === "production" && (
                      <label className="field">
                        <span>Type {i.user_identifier} to confirm</span>
                        <input value={confirm} onChange={(e) => setConfirm(e.target.value)} data-testid="mcp-instance-confirm-identifier" />
                        {deleteErrors.confirm_identifier && <span className="field-error">{deleteErrors.confirm_identifier}</span>}
                      </label>
                    )}
                    {remove.error && !deleteErrors.confirm_identifier && <ErrorMessage error={toIpcError(remove.error)} />}
                    <div className="row">
                      <button className="btn btn-danger btn-small" disabled={remove.isPending} onClick={() => remove.mutate()} data-testid="mcp-instance-delete-yes">Delete</button>
                      <button className="btn btn-ghost btn-small" onClick={() => setDeleting(false)}>Keep it</button>
                    </div>
                  </div>
                </div>
              )}
            </section>
          </>
        )}
      </aside>
    </div>
  );
}
