import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import type { Bootstrap } from "../bindings/Bootstrap";
import type { Environment } from "../bindings/Environment";
import type { SecretStatus } from "../bindings/SecretStatus";
import { api } from "./api";
import { isSection, type SectionId } from "./sections";

export interface Toast {
  id: number;
  tone: "ok" | "error" | "info";
  text: string;
}

interface AppValue {
  boot: Bootstrap;
  environments: Environment[];
  activeEnv: Environment | null;
  section: SectionId;
  secrets: SecretStatus;
  toasts: Toast[];
  setSection: (s: SectionId) => void;
  switchEnv: (id: string) => Promise<void>;
  reloadEnvironments: () => Promise<Environment[]>;
  setSecrets: (s: SecretStatus) => void;
  notify: (tone: Toast["tone"], text: string) => void;
  dismiss: (id: number) => void;
}

const Ctx = createContext<AppValue | null>(null);

let toastSeq = 0;

export function AppProvider({ boot, children }: { boot: Bootstrap; children: ReactNode }) {
  const [environments, setEnvironments] = useState(boot.environments);
  const [activeId, setActiveId] = useState<string | null>(boot.active_env_id);
  const [section, setSectionState] = useState<SectionId>(
    isSection(boot.last_section) ? boot.last_section : "overview",
  );
  const [secrets, setSecrets] = useState(boot.secrets);
  const [toasts, setToasts] = useState<Toast[]>([]);

  const dismiss = useCallback((id: number) => {
    setToasts((t) => t.filter((x) => x.id !== id));
  }, []);

  const notify = useCallback(
    (tone: Toast["tone"], text: string) => {
      const id = ++toastSeq;
      setToasts((t) => [...t.slice(-3), { id, tone, text }]);
      window.setTimeout(() => dismiss(id), tone === "error" ? 8000 : 4000);
    },
    [dismiss],
  );

  const setSection = useCallback((s: SectionId) => {
    setSectionState(s);
    api.setLastSection(s).catch(() => undefined);
  }, []);

  const reloadEnvironments = useCallback(async () => {
    const list = await api.listEnvironments();
    setEnvironments(list);
    setActiveId((current) => {
      if (current && list.some((e) => e.id === current)) return current;
      return list.find((e) => e.is_sandbox)?.id ?? list[0]?.id ?? null;
    });
    return list;
  }, []);

  const switchEnv = useCallback(
    async (id: string) => {
      const env = await api.setActiveEnvironment(id);
      setActiveId(env.id);
      setEnvironments((list) => list.map((e) => (e.id === env.id ? env : e)));
    },
    [],
  );

  const value = useMemo<AppValue>(
    () => ({
      boot,
      environments,
      activeEnv: environments.find((e) => e.id === activeId) ?? null,
      section,
      secrets,
      toasts,
      setSection,
      switchEnv,
      reloadEnvironments,
      setSecrets,
      notify,
      dismiss,
    }),
    [boot, environments, activeId, section, secrets, toasts, setSection, switchEnv, reloadEnvironments, notify, dismiss],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useApp(): AppValue {
  const v = useContext(Ctx);
  if (!v) throw new Error("useApp outside AppProvider");
  return v;
}
