import { useMutation } from "@tanstack/react-query";
import { commands } from "../bindings/ipc";
import { toIpcError } from "../lib/errors";
import { setSecrets, useSecrets } from "../lib/session";
import { notify } from "../lib/toasts";
import { Icon } from "./Icon";

/** Shown whenever secrets are not in the OS keychain. */
export function SecretBanner() {
  const secrets = useSecrets();
  const sessionOnly = useMutation({
    mutationFn: () => commands.useSessionSecrets(),
    onSuccess: setSecrets,
    onError: (e) => notify("error", toIpcError(e).message),
  });
  if (!secrets || secrets.mode === "keychain") return null;

  return (
    <div className={`banner banner-${secrets.mode}`} role="status" data-testid="secret-banner" data-mode={secrets.mode}>
      <Icon name="key" />
      {secrets.mode === "unavailable" ? (
        <>
          <span>
            <strong>No system keychain.</strong> {secrets.detail} New client secrets cannot be saved.
            {secrets.technical && (
              <details className="banner-details" data-testid="secret-technical">
                <summary>Technical details</summary>
                <code>{secrets.technical}</code>
              </details>
            )}
          </span>
          <button className="btn btn-small" onClick={() => sessionOnly.mutate()} disabled={sessionOnly.isPending} data-testid="secret-use-session">
            Keep secrets for this session
          </button>
        </>
      ) : (
        <span>
          <strong>Session-only secrets.</strong> Client secrets are kept in memory and are forgotten when
          Kitbench quits.
        </span>
      )}
    </div>
  );
}
