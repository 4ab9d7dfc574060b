// "Waiting for the browser…": an authorization in progress, kept current by
// `authorization_updated` (lib/links.ts writes the cache entry this reads).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { Authorization } from "../bindings/Authorization";
import type { AuthorizationStatus } from "../bindings/AuthorizationStatus";
import { commands } from "../bindings/ipc";
import { countdown, maskLink } from "../lib/accounts";
import { toIpcError } from "../lib/errors";
import { applyAuthorization } from "../lib/links";
import { keys } from "../lib/queries";
import { notify } from "../lib/toasts";
import { ErrorMessage } from "./ErrorMessage";
import { Icon } from "./Icon";
import { Modal } from "./Modal";

export const AUTH_STATUS_TEXT: Record<AuthorizationStatus, string> = {
  pending: "Pending",
  verified: "Verified",
  denied: "Denied",
  expired: "Expired",
  rejected: "Rejected",
  cancelled: "Cancelled",
  failed: "Failed",
};

export function authStatusPill(status: AuthorizationStatus): string {
  if (status === "verified") return "pill pill-ok";
  if (status === "pending" || status === "denied") return "pill pill-warn";
  if (status === "rejected" || status === "failed") return "pill pill-bad";
  return "pill";
}

/** Seconds tick for countdowns (only while mounted). */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [active]);
  return now;
}

/** The link (masked until revealed), with copy. */
export function AuthLink({ link }: { link: string }) {
  const [shown, setShown] = useState(false);
  const copy = () =>
    navigator.clipboard.writeText(link).then(
      () => notify("ok", "Link copied"),
      () => notify("error", "Could not copy the link."),
    );
  return (
    <div className="auth-link">
      <code data-testid="auth-link" data-masked={String(!shown)}>
        {shown ? link : maskLink(link)}
      </code>
      <button type="button" className="btn btn-small" onClick={() => setShown((s) => !s)} aria-pressed={shown} data-testid="auth-link-reveal">
        {shown ? "Hide" : "Show"}
      </button>
      <button type="button" className="btn btn-small" onClick={() => void copy()} aria-label="Copy the link" data-testid="auth-link-copy">
        <Icon name="copy" size={14} /> Copy
      </button>
    </div>
  );
}

/** Reopen and cancel of one authorization; the answer goes into the cache like an event would. */
export function useAuthorizationActions() {
  const queryClient = useQueryClient();
  const apply = (a: Authorization) => applyAuthorization(queryClient, a);
  const reopen = useMutation({ mutationFn: (id: string) => commands.reopenAuthorization(id), onSuccess: apply });
  const cancel = useMutation({ mutationFn: (id: string) => commands.cancelAuthorization(id), onSuccess: apply });
  return { reopen, cancel };
}

export function AuthorizationDialog({ authorization, onClose }: { authorization: Authorization; onClose: () => void }) {
  const { data } = useQuery({
    queryKey: keys.authorization(authorization.id),
    // Events keep this entry current; a refetch reads it back from the list.
    queryFn: async () => (await commands.listAuthorizations(authorization.env_id)).find((a) => a.id === authorization.id) ?? authorization,
    initialData: authorization,
    staleTime: Infinity,
  });
  const a = data ?? authorization;
  const pending = a.status === "pending";
  const now = useNow(pending);
  const { reopen, cancel } = useAuthorizationActions();
  const failure = reopen.error ?? cancel.error;

  return (
    <Modal title={`Authorize ${a.identifier}`} onClose={onClose} testId="auth-dialog">
      <p className="row">
        <span className={authStatusPill(a.status)} data-testid="auth-status" data-status={a.status}>
          {AUTH_STATUS_TEXT[a.status]}
        </span>
        <span className="muted">{a.connection}</span>
      </p>
      {pending ? (
        <div data-testid="auth-waiting">
          <p>
            <strong>Waiting for the browser…</strong> Finish signing in there; this updates by itself.
          </p>
          <p className="muted small">
            Expires in <span data-testid="auth-expiry">{countdown(a.expires_at, now)}</span> ·{" "}
            {a.callback_mode === "loopback" ? "returns to http://127.0.0.1" : "returns through a kitbench:// link"}
          </p>
          {a.link ? <AuthLink link={a.link} /> : <p className="muted small">The link is gone (Kitbench restarted): open it again for a fresh one.</p>}
        </div>
      ) : (
        <p data-testid="auth-result">
          {a.status === "verified" ? "The account is authorized." : `This authorization ended: ${AUTH_STATUS_TEXT[a.status].toLowerCase()}.`}
          {a.reason && <span className="muted"> {a.reason}</span>}
        </p>
      )}
      {failure && (
        <div className="callout callout-error" role="alert" data-testid="auth-error">
          <Icon name="alert" />
          <div>
            <ErrorMessage error={toIpcError(failure)} />
          </div>
        </div>
      )}
      <footer className="modal-foot">
        {pending && (
          <>
            <button className="btn" onClick={() => reopen.mutate(a.id)} disabled={reopen.isPending} data-testid="auth-reopen">
              <Icon name="external" size={14} /> Open again
            </button>
            <button className="btn btn-danger" onClick={() => cancel.mutate(a.id)} disabled={cancel.isPending} data-testid="auth-cancel">
              Cancel authorization
            </button>
          </>
        )}
        <span className="spacer" />
        <button className="btn btn-ghost" onClick={onClose} data-testid="auth-close">
          Close
        </button>
      </footer>
    </Modal>
  );
}
