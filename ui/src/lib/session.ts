// Client state of this app session: what bootstrap said, the active environment, the secret mode.
// An external store (not a context value) so a change re-renders only the components that read it,
// and route loaders can read the active environment outside React.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Bootstrap } from "../bindings/Bootstrap";
import type { Environment } from "../bindings/Environment";
import type { SecretStatus } from "../bindings/SecretStatus";
import { commands } from "../bindings/ipc";
import { toIpcError } from "./errors";
import { environmentsQuery, keys, pickActive } from "./queries";
import { createStore, useStore } from "./store";
import { notify } from "./toasts";

export interface Session {
  boot: Bootstrap | null;
  activeEnvId: string | null;
  secrets: SecretStatus | null;
}

export const session = createStore<Session>({ boot: null, activeEnvId: null, secrets: null });

export function startSession(boot: Bootstrap): void {
  session.set({ boot, activeEnvId: boot.active_env_id, secrets: boot.secrets });
}

export function useBoot(): Bootstrap {
  const boot = useStore(session, (s) => s.boot);
  if (!boot) throw new Error("useBoot before bootstrap");
  return boot;
}

export function useSecrets(): SecretStatus | null {
  return useStore(session, (s) => s.secrets);
}

export function setSecrets(secrets: SecretStatus): void {
  session.set((s) => ({ ...s, secrets }));
}

/** Every environment (seeded from bootstrap, refetched when a mutation invalidates it). */
export function useEnvironments(): Environment[] {
  return useQuery(environmentsQuery()).data ?? [];
}

/** The active environment (falls back to the Sandbox when the chosen one is gone). */
export function useActiveEnv(): Environment | null {
  const chosen = useStore(session, (s) => s.activeEnvId);
  return pickActive(useEnvironments(), chosen);
}

/** Makes an environment active; errors become a toast. */
export function useSwitchEnv() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => commands.setActiveEnvironment(id),
    onSuccess: (env) => {
      queryClient.setQueryData<Environment[]>(keys.environments, (list) => list?.map((e) => (e.id === env.id ? env : e)));
      session.set((s) => ({ ...s, activeEnvId: env.id }));
    },
    onError: (e) => notify("error", toIpcError(e).message),
  });
}
