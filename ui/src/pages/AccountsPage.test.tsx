import { QueryClientProvider } from "@tanstack/react-query";
import { createMemoryHistory, RouterProvider } from "@tanstack/react-router";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { AccountFilter } from "../bindings/AccountFilter";
import type { AccountPage } from "../bindings/AccountPage";
import type { AccountRow } from "../bindings/AccountRow";
import { commands, events } from "../bindings/ipc";
import { createQueryClient } from "../lib/queryClient";
import { start } from "../lib/startup";
import { boot, env } from "../test/render";
import { FILTER_DEBOUNCE_MS } from "./AccountsPage";

vi.mock("../bindings/ipc");
const ipc = vi.mocked(commands);
const ev = vi.mocked(events);

const sandbox = env("env_sbx", "Sandbox", "sandbox");
const TOTAL = 100_000;
const PAGE = 99;
const ROW_HEIGHT = 40;
const VIEW = 600;

const row = (i: number): AccountRow => ({
  id: `ca_${i}`,
  identifier: `user${i}@example.com`,
  connection: "gmail",
  provider: "google",
  status: i % 3 === 0 ? "EXPIRED" : "ACTIVE",
  auth_type: "OAUTH",
  token_expires_at: null,
  last_used_at: null,
  updated_at: null,
});

/** Page n (0-based) of a 100,000-account environment, as Rust answers it. */
function page(token: string | null): AccountPage {
  const n = token ? Number(token.slice(1)) : 0;
  const accounts = Array.from({ length: PAGE }, (_, i) => row(n * PAGE + i));
  return { accounts, total_size: TOTAL, next_page_token: `p${n + 1}` };
}

// jsdom lays nothing out: give the scroll box the height the CSS would (after resetAllMocks).
function layout() {
  vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockImplementation(function (this: HTMLElement) {
    return this.classList.contains("table-scroll") ? VIEW : 0;
  });
  vi.spyOn(HTMLElement.prototype, "clientWidth", "get").mockReturnValue(1000);
}
afterAll(() => vi.restoreAllMocks());

beforeEach(() => {
  vi.resetAllMocks();
  layout();
  ipc.perfMark.mockResolvedValue(null);
  ipc.setLastSection.mockResolvedValue(null);
  ipc.takeLinkOutcomes.mockResolvedValue([]);
  ipc.listEnvironments.mockResolvedValue([sandbox]);
  ipc.listConnections.mockResolvedValue({ connections: [], total_size: 0, next_page_token: null });
  ipc.listAccounts.mockImplementation(async (_env, _filter, token) => page(token));
  ev.linkOutcome.mockResolvedValue(() => undefined);
  ev.authorizationUpdated.mockResolvedValue(() => undefined);
  ev.overviewProgress.mockResolvedValue(() => undefined);
});

async function launch(url: string) {
  ipc.bootstrap.mockResolvedValue(boot([sandbox]));
  const queryClient = createQueryClient();
  const history = createMemoryHistory({ initialEntries: [url] });
  const started = await start(queryClient, history);
  if ("error" in started) throw new Error(started.error.message);
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={started.router} />
    </QueryClientProvider>,
  );
  await screen.findByTestId("accounts");
  return { router: started.router };
}

const tokens = () => ipc.listAccounts.mock.calls.map((c) => c[2]);
const NO_FILTER: AccountFilter = { connection: null, identifier: null, provider: null, query: null };

function scrollTo(top: number) {
  const box = document.querySelector(".table-scroll") as HTMLElement;
  act(() => {
    box.scrollTop = top;
    fireEvent.scroll(box);
  });
}

describe("the accounts list", () => {
  it("shows the total, and asks for the next page only when scrolling near the end of what is loaded", async () => {
    await launch("/accounts");
    expect(await screen.findByTestId("accounts-count")).toHaveTextContent("100,000 accounts");
    await screen.findAllByTestId("account-row");
    // Only the rows in view (and a few more) are in the DOM; one page was asked for.
    expect(screen.getAllByTestId("account-row").length).toBeLessThan(40);
    expect(tokens()).toEqual([null]);
    expect(ipc.listAccounts).toHaveBeenCalledWith("env_sbx", NO_FILTER, null);

    // Halfway down the first page: still far from its end.
    scrollTo(40 * ROW_HEIGHT);
    await act(async () => new Promise((r) => setTimeout(r, 20)));
    expect(tokens()).toEqual([null]);

    // Near the end of page 1: page 2, once.
    scrollTo(PAGE * ROW_HEIGHT - VIEW);
    await waitFor(() => expect(tokens()).toEqual([null, "p1"]));
    await waitFor(() => expect(screen.getByTestId("accounts-loaded")).toHaveTextContent("198 loaded"));
    expect(screen.getAllByTestId("account-row").length).toBeLessThan(60);
    expect(tokens()).toEqual([null, "p1"]);

    // Near the end of page 2: page 3. Never every page.
    scrollTo(2 * PAGE * ROW_HEIGHT - VIEW);
    await waitFor(() => expect(tokens()).toEqual([null, "p1", "p2"]));
    expect(screen.getByTestId("accounts-count")).toHaveTextContent("100,000 accounts");
  });

  it("a list that fails to load says so, with no loading placeholder left behind", async () => {
    ipc.listAccounts.mockRejectedValue({ kind: "server", message: "AgentKit answered 500.", fields: [], detail: { status: 500 } });
    await launch("/accounts");
    expect(await screen.findByTestId("table-error")).toHaveTextContent("AgentKit answered 500.");
    expect(document.querySelector(".skeleton, .skeleton-bar")).toBeNull();
    expect(screen.queryByTestId("accounts-count")).toBeNull();
  });

  it("rows carry their identifier and status", async () => {
    await launch("/accounts");
    const first = (await screen.findAllByTestId("account-row"))[0];
    expect(first).toHaveAttribute("data-identifier", "user0@example.com");
    expect(first).toHaveAttribute("data-status", "EXPIRED");
  });

  it("turns the URL's filters into listAccounts arguments, and typed filters into the URL (debounced)", async () => {
    const { router } = await launch("/accounts?connection=gmail&provider=google");
    await waitFor(() =>
      expect(ipc.listAccounts).toHaveBeenCalledWith("env_sbx", { connection: "gmail", identifier: null, provider: "google", query: null }, null),
    );
    ipc.listAccounts.mockClear();

    await userEvent.type(screen.getByTestId("filter-identifier"), "alice");
    await userEvent.type(screen.getByTestId("filter-query"), "ex");
    // Nothing is asked while typing.
    expect(ipc.listAccounts).not.toHaveBeenCalled();
    await waitFor(
      () =>
        expect(ipc.listAccounts).toHaveBeenCalledWith("env_sbx", { connection: "gmail", identifier: "alice", provider: "google", query: null }, null),
      { timeout: FILTER_DEBOUNCE_MS * 5 },
    );
    // Two characters of free text are not sent; three are.
    await userEvent.type(screen.getByTestId("filter-query"), "a");
    await waitFor(
      () =>
        expect(ipc.listAccounts).toHaveBeenLastCalledWith("env_sbx", { connection: "gmail", identifier: "alice", provider: "google", query: "exa" }, null),
      { timeout: FILTER_DEBOUNCE_MS * 5 },
    );
    expect(router.state.location.search).toEqual({ connection: "gmail", provider: "google", identifier: "alice", q: "exa" });
  });
});
