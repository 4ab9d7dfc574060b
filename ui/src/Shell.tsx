import { Outlet } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { commands, events } from "./bindings/ipc";
import { CommandPalette } from "./components/CommandPalette";
import { SecretBanner } from "./components/SecretBanner";
import { Sidebar } from "./components/Sidebar";
import { Toasts } from "./components/Toasts";
import { useBoot } from "./lib/session";
import { notify } from "./lib/toasts";

const LINK_RECEIVED = "Kitbench received a kitbench:// link.";

export function Shell() {
  const boot = useBoot();
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
    const off = events.deepLink(() => notify("info", LINK_RECEIVED));
    // Links that arrived before anyone listened wait in Rust until asked for.
    commands.takePendingLinks().then(
      (links) => links.forEach(() => notify("info", LINK_RECEIVED)),
      () => undefined,
    );
    return () => {
      off.then((f) => f()).catch(() => undefined);
    };
  }, []);

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
        <Outlet />
      </main>
      {palette && <CommandPalette onClose={() => setPalette(false)} />}
      <Toasts />
    </div>
  );
}
