// Where each connection of an instance stands for its user, with Authorize (the accounts'
// deep-link flow) and fresh links on request. It refreshes itself when an authorization
// changes (`authorization_updated`, `link_outcome`).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { Authorization } from "../../bindings/Authorization";
import type { McpConnectionState } from "../../bindings/McpConnectionState";
import { commands, events } from "../../bindings/ipc";
import { AuthLink, AuthorizationDialog } from "../../components/AuthorizationDialog";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Icon } from "../../components/Icon";
import { StatusPill } from "../../components/StatusPill";
import { toIpcError } from "../../lib/errors";
import { applyAuthorization } from "../../lib/links";
import { authStateQuery, mcpKeys } from "./queries";

export function AuthState({ envId, instanceId }: { envId: string; instanceId: string }) {
  const queryClient = useQueryClient();
  const state = useQuery(authStateQuery(envId, instanceId));
  const [links, setLinks] = useState<McpConnectionState[] | null>(null);
  const [authorization, setAuthorization] = useState<Authorization | null>(null);
  useEffect(() => {
    const refresh = () => void queryClient.invalidateQueries({ queryKey: mcpKeys.authState(envId, instanceId) });
    const offs = [events.authorizationUpdated(refresh), events.linkOutcome(refresh)];
    return () => offs.forEach((off) => off.then((f) => f()).catch(() => undefined));
  }, [queryClient, envId, instanceId]);
  const authorize = useMutation({
    mutationFn: (connection: string) => commands.authorizeMcpConnection(envId, instanceId, connection),
    onSuccess: (a) => {
      applyAuthorization(queryClient, a);
      setAuthorization(a);
    },
  });
  const fresh = useMutation({
    mutationFn: () => commands.mcpInstanceAuthState(envId, instanceId, true),
    onSuccess: (withLinks) => {
      setLinks(withLinks);
      void queryClient.invalidateQueries({ queryKey: mcpKeys.authState(envId, instanceId) });
    },
  });
  const linkOf = (name: string) => links?.find((l) => l.connection_name === name)?.authentication_link ?? null;

  return (
    <section data-testid="mcp-auth-state">
      <div className="row">
        <h3>Connections</h3>
        <span className="spacer" />
        <button className="btn btn-small" onClick={() => void state.refetch()} aria-label="Refresh the auth state" data-testid="mcp-auth-refresh">
          <Icon name="refresh" size={14} />
        </button>
        <button className="btn btn-small" onClick={() => fresh.mutate()} disabled={fresh.isPending} data-testid="mcp-auth-links">
          Fresh links
        </button>
      </div>
      {state.isError && <ErrorMessage error={toIpcError(state.error)} />}
      {!state.data && !state.isError && <div className="skeleton-bar" />}
      {state.data?.length === 0 && <p className="muted">The config maps no connection.</p>}
      <ul className="mcp-conn-list">
        {state.data?.map((c) => (
          <li key={c.connection_name} data-testid="mcp-conn" data-connection={c.connection_name} data-status={c.status ?? "NONE"}>
            <div className="row">
              <span className="mono">{c.connection_name}</span>
              <StatusPill status={c.status ?? "NO ACCOUNT"} testId="mcp-conn-status" />
              <span className="spacer" />
              {!c.active && (
                <button className="btn btn-primary btn-small" onClick={() => authorize.mutate(c.connection_name)} disabled={authorize.isPending} data-testid="mcp-conn-authorize">
                  Authorize
                </button>
              )}
            </div>
            {!c.active && linkOf(c.connection_name) && <AuthLink link={linkOf(c.connection_name) ?? ""} />}
          </li>
        ))}
      </ul>
      {(authorize.error ?? fresh.error) && <ErrorMessage error={toIpcError(authorize.error ?? fresh.error)} />}
      {authorization && <AuthorizationDialog authorization={authorization} onClose={() => setAuthorization(null)} />}
    </section>
  );
}
