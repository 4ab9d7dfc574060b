import { useState } from "react";
import { useApp } from "../lib/AppContext";
import { api, toIpcError } from "../lib/api";
import { Icon } from "./Icon";

/** Shown whenever secrets are not in the OS keychain. */
export function SecretBanner() {
  const { secrets, setSecrets, notify } = useApp();
  const [busy, setBusy] = useState(false);
  if (secrets.mode === "keychain") return null;

  const useSession = async () => {
    setBusy(true);
    try {
      setSecrets(await api.useSessionSecrets());
    } catch (e) {
      notify("error", toIpcError(e).message);
    } finally {
      setBusy(false);
    }
  };

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
          <button className="btn btn-small" onClick={useSession} disabled={busy} data-testid="secret-use-session">
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
