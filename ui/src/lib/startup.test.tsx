import { QueryClientProvider } from "@tanstack/react-query";
import { createMemoryHistory, RouterProvider } from "@tanstack/react-router";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Breakdown } from "../bindings/Breakdown";
import type { Overview } from "../bindings/Overview";
import type { OverviewProgress } from "../bindings/OverviewProgress";
import { commands, events } from "../bindings/ipc";
import { boot, env } from "../test/render";
import { createQueryClient } from "./queryClient";
import { keys } from "./queries";
import { atMost, FIRST_RENDER_WAIT_MS, start } from "./startup";

vi.mock("../bindings/ipc");
const ipc = vi.mocked(commands);
const ev = vi.mocked(events);

const sandbox = env("env_sbx", "Sandbox", "sandbox");
const prod = env("env_prod", "Acme production", "production");

const overview = (envId: string): Overview => ({
  env_id: envId,
  connections: 84,
  connected_accounts: 6,
  mcp_configs: 1,
  mcp_instances: 2,
  fetched_at: "2026-11-22T09:00:00Z",
  elapsed_ms: 3,
});

const breakdown = (scanned: number, done: boolean): Breakdown => ({
  env_id: sandbox.id,
  by_status: [
    { status: "ACTIVE", count: Math.min(scanned, 4) },
    { status: "EXPIRED", count: Math.max(0, scanned - 4) },
  ].filter((s) => s.count > 0),
  scanned,
  total: 6,
  done,
  computed_at: done ? "2026-11-22T09:00:01Z" : null,
  error: null,
});

let progress: (p: OverviewProgress) => void = () => undefined;

beforeEach(() => {
  vi.resetAllMocks();
  ipc.perfMark.mockResolvedValue(null);
  ipc.setLastSection.mockResolvedValue(null);
  ipc.takeLinkOutcomes.mockResolvedValue([]);
  ipc.listEnvironments.mockResolvedValue([sandbox, prod]);
  ipc.overview.mockImplementation(async (envId) => overview(envId));
  ipc.overviewBreakdown.mockResolvedValue(breakdown(2, false));
  ipc.sandboxStatus.mockResolvedValue({ info: null, knobs: { latency_ms: 0, error_rate: 0, error_status: 500, rate_limit_rate: 0, rate_limit_next: 0, retry_after_secs: 1 }, error: "Not running", accounts: null });
  ev.linkOutcome.mockResolvedValue(() => undefined);
  ev.authorizationUpdated.mockResolvedValue(() => undefined);
  ev.overviewProgress.mockImplementation(async (handler) => {
    progress = handler;
    return () => undefined;
  });
});

async function launch(lastSection: string | null, url = "/") {
  ipc.bootstrap.mockResolvedValue(boot([sandbox, prod], lastSection));
  const queryClient = createQueryClient();
  const history = createMemoryHistory({ initialEntries: [url] });
  const started = await start(queryClient, history);
  if ("error" in started) throw new Error(started.error.message);
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={started.router} />
    </QueryClientProvider>,
  );
  await screen.findByTestId("app-ready");
  return { queryClient, router: started.router, history };
}

describe("start-up", () => {
  it("has the overview's numbers before the first render", async () => {
    const queryClient = createQueryClient();
    ipc.bootstrap.mockResolvedValue(boot([sandbox, prod]));
    await start(queryClient, createMemoryHistory({ initialEntries: ["/"] }));
    expect(queryClient.getQueryData(keys.overview(sandbox.id))).toEqual(overview(sandbox.id));
    expect(queryClient.getQueryData(keys.breakdown(sandbox.id))).toEqual(breakdown(2, false));
    expect(ipc.overviewBreakdown).toHaveBeenCalledWith(sandbox.id, false);
    // The listener was in place before the breakdown was asked for.
    expect(ev.overviewProgress.mock.invocationCallOrder[0]).toBeLessThan(ipc.overviewBreakdown.mock.invocationCallOrder[0]!);
  });

  it("does not wait long for a slow environment", async () => {
    ipc.overview.mockReturnValue(new Promise(() => undefined));
    ipc.bootstrap.mockResolvedValue(boot([sandbox]));
    const began = Date.now();
    const started = await start(createQueryClient(), createMemoryHistory({ initialEntries: ["/"] }));
    expect("router" in started).toBe(true);
    expect(Date.now() - began).toBeLessThan(FIRST_RENDER_WAIT_MS + 200);
  });

  it("the shell shows link outcomes that happened before it listened", async () => {
    ipc.takeLinkOutcomes.mockResolvedValue([{ kind: "denied", message: "The user denied access.", authorization: null }]);
    await launch(null);
    expect(await screen.findByText("The user denied access.")).toHaveClass("toast-warn");
    expect(ev.linkOutcome.mock.invocationCallOrder[0]).toBeLessThan(ipc.takeLinkOutcomes.mock.invocationCallOrder[0]!);
  });

  it("the sidebar opens connections, accounts and authorizations", async () => {
    ipc.listConnections.mockResolvedValue({ connections: [], total_size: 0, next_page_token: null });
    ipc.listAccounts.mockResolvedValue({ accounts: [], total_size: 0, next_page_token: null });
    ipc.listAuthorizations.mockResolvedValue([]);
    await launch(null);
    await userEvent.click(screen.getByTestId("nav-connections"));
    expect(await screen.findByTestId("connections")).toBeInTheDocument();
    await userEvent.click(screen.getByTestId("nav-accounts"));
    expect(await screen.findByTestId("accounts-count")).toHaveTextContent("0 accounts");
    await userEvent.click(screen.getByTestId("nav-authorizations"));
    expect(await screen.findByTestId("authorizations")).toBeInTheDocument();
    expect(ipc.listAuthorizations).toHaveBeenCalledWith(sandbox.id);
  });

  it("says why it could not start", async () => {
    ipc.bootstrap.mockRejectedValue({ kind: "internal", message: "The database is locked.", fields: [] });
    const started = await start(createQueryClient(), createMemoryHistory({ initialEntries: ["/"] }));
    expect(started).toEqual({ error: { kind: "internal", message: "The database is locked.", fields: [] } });
  });

  it("stops waiting after the limit", async () => {
    const began = Date.now();
    await atMost(new Promise(() => undefined), 30);
    expect(Date.now() - began).toBeGreaterThanOrEqual(25);
    await expect(atMost(Promise.reject(new Error("x")), 1000)).resolves.toBeUndefined();
  });
});

describe("screens by URL", () => {
  it("reopens the last screen, and remembers the next one by its path", async () => {
    const { router } = await launch("/environments");
    expect(router.state.location.pathname).toBe("/environments");
    expect(await screen.findByTestId("environments")).toBeInTheDocument();
    expect(screen.getByTestId("nav-environments")).toHaveAttribute("aria-current", "page");
    await userEvent.click(screen.getByTestId("nav-sandbox"));
    expect(await screen.findByTestId("sandbox-panel")).toBeInTheDocument();
    await vi.waitFor(() => expect(ipc.setLastSection).toHaveBeenLastCalledWith("/sandbox"));
    // Back goes to the list again.
    act(() => router.history.back());
    expect(await screen.findByTestId("environments")).toBeInTheDocument();
  });

  it("reads a section id stored by an older version", async () => {
    const { router } = await launch("sandbox");
    expect(router.state.location.pathname).toBe("/sandbox");
  });

  it("opens an environment's edit form at /environments/$id", async () => {
    await launch(null, "/environments/env_prod");
    const form = await screen.findByTestId("env-form");
    expect(within(form).getByTestId("env-name")).toHaveValue("Acme production");
  });

  it("the palette opens any screen", async () => {
    const { router } = await launch(null);
    await screen.findByTestId("overview");
    await userEvent.keyboard("{Control>}k{/Control}");
    await userEvent.type(screen.getByTestId("palette-input"), "go environments{Enter}");
    expect(await screen.findByTestId("environments")).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/environments");
    expect(screen.queryByTestId("palette")).toBeNull();
  });
});

describe("overview", () => {
  it("shows totals, then the breakdown as it is counted, then refreshes it on request", async () => {
    const { queryClient } = await launch(null);
    const page = await screen.findByTestId("overview");
    expect(page).toHaveAttribute("data-state", "ready");
    expect(screen.getByTestId("count-connections")).toHaveTextContent("84");
    expect(screen.getByTestId("count-accounts")).toHaveTextContent("6");

    // Counting: a progress bar, and what is counted so far.
    expect(screen.getByTestId("breakdown")).toHaveAttribute("data-done", "false");
    expect(screen.getByRole("progressbar", { name: "Counting accounts" })).toHaveAttribute("aria-valuenow", "2");
    act(() => progress({ env_id: sandbox.id, breakdown: breakdown(6, true) }));
    await waitFor(() => expect(screen.getByTestId("breakdown")).toHaveAttribute("data-done", "true"));
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(within(screen.getByTestId("status-ACTIVE")).getByText("4")).toBeInTheDocument();
    expect(within(screen.getByTestId("status-EXPIRED")).getByText("2")).toBeInTheDocument();

    // Events for another environment land in that environment's cache only.
    act(() => progress({ env_id: prod.id, breakdown: { ...breakdown(1, false), env_id: prod.id } }));
    expect(queryClient.getQueryData<Breakdown>(keys.breakdown(prod.id))?.scanned).toBe(1);
    expect(screen.getByTestId("breakdown")).toHaveAttribute("data-done", "true");

    ipc.overviewBreakdown.mockResolvedValue(breakdown(0, false));
    await userEvent.click(screen.getByTestId("breakdown-refresh"));
    expect(ipc.overviewBreakdown).toHaveBeenLastCalledWith(sandbox.id, true);
    expect(await screen.findByRole("progressbar")).toHaveAttribute("aria-valuenow", "0");
  });

  it("switching environments shows the other one's overview", async () => {
    ipc.setActiveEnvironment.mockResolvedValue(prod);
    await launch(null);
    await screen.findByTestId("overview");
    await userEvent.click(screen.getByTestId("env-switcher"));
    const option = screen.getAllByTestId("env-option").find((o) => o.dataset.envName === prod.name)!;
    // Pointing at it starts loading its numbers.
    await userEvent.hover(option);
    expect(ipc.overview).toHaveBeenCalledWith(prod.id);
    await userEvent.click(option);
    expect(await screen.findByText(prod.env_url)).toBeInTheDocument();
    expect(screen.getByTestId("active-env-name")).toHaveTextContent(prod.name);
    expect(screen.getByTestId("overview")).toHaveAttribute("data-state", "ready");
  });

  it("an error says what went wrong and folds the detail", async () => {
    ipc.overview.mockRejectedValue({ kind: "unauthorized", message: "The client ID or secret was rejected.", fields: [], detail: { http_status: 401 } });
    await launch(null);
    const error = await screen.findByTestId("overview-error");
    expect(error).toHaveAttribute("data-kind", "unauthorized");
    expect(error).toHaveTextContent("The client ID or secret was rejected.");
    expect(within(error).getByTestId("error-technical")).toHaveTextContent("HTTP status401");
    expect(screen.getByTestId("overview")).toHaveAttribute("data-state", "error");
  });
});
