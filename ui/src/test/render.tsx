// Test helpers: a fresh QueryClient per test, the whole app at a URL, and sample data.
import { QueryClientProvider } from "@tanstack/react-query";
import { createMemoryHistory, RouterProvider } from "@tanstack/react-router";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import type { Bootstrap } from "../bindings/Bootstrap";
import type { Environment } from "../bindings/Environment";
import { createQueryClient } from "../lib/queryClient";
import { start } from "../lib/startup";

export function renderWithQuery(ui: ReactElement) {
  const queryClient = createQueryClient();
  return { queryClient, ...render(<QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>) };
}

/**
 * Starts the whole app at `url` as `main.tsx` does (bootstrap, router, first data), with the
 * test's mocked IPC: set `bootstrap`'s answer first.
 */
export async function mountApp(url: string) {
  const queryClient = createQueryClient();
  const started = await start(queryClient, createMemoryHistory({ initialEntries: [url] }));
  if ("error" in started) throw new Error(started.error.message);
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={started.router} />
    </QueryClientProvider>,
  );
  return { queryClient, router: started.router };
}

export const env = (id: string, name: string, label: Environment["label"]): Environment => ({
  id,
  name,
  env_url: `https://${id}.example.com`,
  client_id: "skc",
  label,
  is_sandbox: label === "sandbox",
  created_at: "2025-01-01T00:00:00Z",
  last_used_at: null,
  callback_mode: "deep_link",
});

export const boot = (environments: Environment[], lastSection: string | null = null): Bootstrap => ({
  version: "0.1.0",
  data_dir: "/tmp/kitbench",
  environments,
  active_env_id: environments[0]?.id ?? null,
  last_section: lastSection,
  secrets: { mode: "keychain", detail: null, technical: null },
  sandbox: null,
  sandbox_error: null,
});
