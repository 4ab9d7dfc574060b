import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Authorization } from "../bindings/Authorization";
import type { Connection } from "../bindings/Connection";
import { commands, events } from "../bindings/ipc";
import { boot, env, mountApp } from "../test/render";

vi.mock("../bindings/ipc");
const ipc = vi.mocked(commands);
const ev = vi.mocked(events);

const sandbox = env("env_sbx", "Sandbox", "sandbox");

const connection = (name: string): Connection => ({
  id: `conn_${name}`,
  name,
  provider: "google",
  auth_type: "OAUTH",
  status: "COMPLETED",
  enabled: true,
  mcp_server_url: `https://mcp.example.com/${name}`,
  created_at: null,
  auth_mode: null,
});

const authorization = (id: string, status: Authorization["status"], reason: string | null = null): Authorization => ({
  id,
  env_id: "env_sbx",
  account_id: `ca_${id}`,
  connection: "gmail",
  identifier: `user-${id}`,
  status,
  reason,
  link: null,
  created_at: new Date().toISOString(),
  expires_at: new Date(Date.now() + 60_000).toISOString(),
  completed_at: null,
  callback_mode: "deep_link",
});

let updated: (a: Authorization) => void = () => undefined;

afterAll(() => vi.restoreAllMocks());

beforeEach(() => {
  vi.resetAllMocks();
  // jsdom lays nothing out: give the tables' scroll boxes the height the CSS would.
  vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockImplementation(function (this: HTMLElement) {
    return this.classList.contains("table-scroll") ? 560 : 0;
  });
  vi.spyOn(HTMLElement.prototype, "clientWidth", "get").mockReturnValue(1000);
  ipc.perfMark.mockResolvedValue(null);
  ipc.setLastSection.mockResolvedValue(null);
  ipc.takeLinkOutcomes.mockResolvedValue([]);
  ipc.listEnvironments.mockResolvedValue([sandbox]);
  ipc.listAccounts.mockResolvedValue({ accounts: [], total_size: 0, next_page_token: null });
  ev.linkOutcome.mockResolvedValue(() => undefined);
  ev.overviewProgress.mockResolvedValue(() => undefined);
  ev.authorizationUpdated.mockImplementation(async (h) => {
    updated = h;
    return () => undefined;
  });
});

async function launch(url: string) {
  ipc.bootstrap.mockResolvedValue(boot([sandbox]));
  const { router } = await mountApp(url);
  return router;
}

describe("connections", () => {
  it("searches on the server from 3 characters, loads more on request, and jumps to a connection's accounts", async () => {
    ipc.listConnections.mockImplementation(async (_env, query, token) => {
      if (query) return { connections: [connection(`${query}-match`)], total_size: 1, next_page_token: null };
      return token
        ? { connections: [connection("slack")], total_size: 2, next_page_token: null }
        : { connections: [connection("gmail")], total_size: 2, next_page_token: "p1" };
    });
    ipc.getConnection.mockResolvedValue(connection("gmail"));
    const router = await launch("/connections");
    expect(await screen.findByTestId("connections-count")).toHaveTextContent("2 connections");
    await screen.findByText("gmail");
    await userEvent.click(screen.getByTestId("connections-more"));
    expect(await screen.findByText("slack")).toBeInTheDocument();
    expect(ipc.listConnections).toHaveBeenCalledWith("env_sbx", null, "p1");
    expect(screen.queryByTestId("connections-more")).toBeNull();

    await userEvent.type(screen.getByTestId("connections-search"), "gm");
    await act(async () => new Promise((r) => setTimeout(r, 400)));
    expect(ipc.listConnections.mock.calls.every((c) => c[1] === null)).toBe(true);
    await userEvent.type(screen.getByTestId("connections-search"), "a");
    expect(await screen.findByText("gma-match")).toBeInTheDocument();
    expect(ipc.listConnections).toHaveBeenCalledWith("env_sbx", "gma", null);

    await userEvent.clear(screen.getByTestId("connections-search"));
    await userEvent.dblClick(await screen.findByText("gmail"));
    expect(await screen.findByTestId("connection-detail")).toBeInTheDocument();
    expect(await screen.findByTestId("connection-name")).toHaveTextContent("gmail");
    expect(ipc.getConnection).toHaveBeenCalledWith("env_sbx", "gmail");
    await userEvent.click(screen.getByTestId("connection-accounts"));
    await waitFor(() => expect(router.state.location.pathname).toBe("/accounts"));
    expect(router.state.location.search).toEqual({ connection: "gmail" });
    await waitFor(() => expect(ipc.listAccounts).toHaveBeenCalledWith("env_sbx", { connection: "gmail", identifier: null, provider: null, query: null }, null));
  });
});

describe("authorizations", () => {
  it("lists pending and recent ones with their outcome, follows updates, and cancels a pending one", async () => {
    ipc.listAuthorizations.mockResolvedValue([
      authorization("a1", "pending"),
      authorization("a2", "rejected", "The link's state did not match."),
      authorization("a3", "verified"),
    ]);
    ipc.cancelAuthorization.mockResolvedValue(authorization("a1", "cancelled"));
    await launch("/authorizations");
    const rows = await screen.findAllByTestId("authorizations-row");
    expect(rows.map((r) => r.getAttribute("data-status"))).toEqual(["pending", "rejected", "verified"]);
    expect(rows[1]).toHaveTextContent("The link's state did not match.");
    expect(ipc.listAuthorizations).toHaveBeenCalledWith("env_sbx");

    act(() => updated(authorization("a1", "expired")));
    await waitFor(() => expect(screen.getAllByTestId("authorizations-row")[0]).toHaveAttribute("data-status", "expired"));
    act(() => updated(authorization("a1", "pending")));
    await userEvent.click(await screen.findByTestId("authorizations-cancel"));
    expect(ipc.cancelAuthorization).toHaveBeenCalledWith("a1");
    await waitFor(() => expect(screen.getAllByTestId("authorizations-row")[0]).toHaveAttribute("data-status", "cancelled"));
  });

  it("sets the environment's callback mode", async () => {
    ipc.listAuthorizations.mockResolvedValue([]);
    ipc.setCallbackMode.mockResolvedValue({ ...sandbox, callback_mode: "loopback" });
    await launch("/authorizations");
    expect(await screen.findByTestId("callback-mode")).toHaveAttribute("data-mode", "deep_link");
    expect(screen.getByTestId("callback-mode-deep_link")).toBeChecked();
    await userEvent.click(screen.getByTestId("callback-mode-loopback"));
    expect(ipc.setCallbackMode).toHaveBeenCalledWith("env_sbx", "loopback");
    await waitFor(() => expect(screen.getByTestId("callback-mode")).toHaveAttribute("data-mode", "loopback"));
  });
});
