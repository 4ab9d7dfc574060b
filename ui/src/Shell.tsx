import { useQueryClient } from "@tanstack/react-query";
import { Outlet } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { CommandPalette } from "./components/CommandPalette";
import { SecretBanner } from "./components/SecretBanner";
import { Sidebar } from "./components/Sidebar";
import { Toasts } from "./components/Toasts";
import { useBoot } from "./lib/session";
import { listenForLinks } from "./lib/links";

export function Shell() {
  const boot = useBoot();
  const [palette, setPalette] = useState(false);
  const queryClient = useQueryClient();

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

  // Link outcomes become toasts and authorization updates go into the cache, on every screen.
  // Listening starts first; then the outcomes that waited in Rust are taken (each once).
  useEffect(() => listenForLinks(queryClient), [queryClient]);

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
