import { useEffect, useState } from "react";
import { listen } from "@tauri-apps/api/event";
import type { Bootstrap } from "./bindings/Bootstrap";
import type { IpcError } from "./bindings/IpcError";
import { CommandPalette } from "./components/CommandPalette";
import { SecretBanner } from "./components/SecretBanner";
import { Sidebar } from "./components/Sidebar";
import { Toasts } from "./components/Toasts";
import { AppProvider, useApp } from "./lib/AppContext";
import { api, toIpcError } from "./lib/api";
import { atMost, prefetchOverview } from "./lib/prefetch";
import { EnvironmentsPage } from "./pages/EnvironmentsPage";
import { OverviewPage } from "./pages/OverviewPage";
import { SandboxPage } from "./pages/SandboxPage";

/** How long the first render waits for the active environment's overview. */
const FIRST_OVERVIEW_WAIT_MS = 250;

export function App() {
  const [boot, setBoot] = useState<Bootstrap | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(() => {
    api.perfMark("first_ipc").catch(() => undefined);
    api.bootstrap().then(
      async (b) => {
        performance.mark("kb:bootstrap");
        // A slow environment must not hold the window up: past this, the page shows skeletons.
        if (b.last_section === null || b.last_section === "overview") {
          await atMost(prefetchOverview(b.active_env_id), FIRST_OVERVIEW_WAIT_MS);
        }
        setBoot(b);
      },
      (e) => setError(toIpcError(e)),
    );
  }, []);

  if (error) {
    return (
      <div className="splash" data-testid="boot-error">
        <h1>Kitbench could not start</h1>
        <p>{error.message}</p>
      </div>
    );
  }
  if (!boot) {
    return (
      <div className="splash" data-testid="booting">
        <img src="./icon.png" width={64} height={64} alt="" />
        <p className="splash-text">Starting Kitbench…</p>
      </div>
    );
  }
  return (
    <AppProvider boot={boot}>
      <Shell />
    </AppProvider>
  );
}

function Shell() {
  const { section, boot, notify } = useApp();
  const [palette, setPalette] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setPalette((p) => !p);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  useEffect(() => {
    const off = listen<string>("deep-link", () => notify("info", "Kitbench received a kitbench:// link."));
    return () => {
      off.then((f) => f()).catch(() => undefined);
    };
  }, [notify]);

  return (
    <div className="layout" data-testid="app-ready">
      <Sidebar onOpenPalette={() => setPalette(true)} />
      <main className="content">
        <SecretBanner />
        {boot.sandbox_error && (
          <div className="banner banner-unavailable" role="status" data-testid="sandbox-banner">
            The built-in Sandbox did not start: {boot.sandbox_error}
          </div>
        )}
        {section === "overview" && <OverviewPage />}
        {section === "environments" && <EnvironmentsPage />}
        {section === "sandbox" && <SandboxPage />}
      </main>
      {palette && <CommandPalette onClose={() => setPalette(false)} />}
      <Toasts />
    </div>
  );
}
