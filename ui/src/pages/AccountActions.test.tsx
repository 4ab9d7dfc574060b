import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Account } from "../bindings/Account";
import { commands, events } from "../bindings/ipc";
import { keys } from "../lib/queries";
import { env, renderWithQuery } from "../test/render";
import { DeleteAccount } from "./AccountDrawer";
import { BulkDelete } from "./AccountsPage";

vi.mock("../bindings/ipc");
const ipc = vi.mocked(commands);
const ev = vi.mocked(events);

const prod = env("env_prod", "Acme production", "production");
const dev = env("env_dev", "Acme dev", "dev");

const account: Account = {
  id: "ca_1",
  identifier: "alice@acme.com",
  connection: "gmail",
  provider: "google",
  status: "ACTIVE",
  auth_type: "OAUTH",
  token_expires_at: null,
  last_used_at: null,
  updated_at: null,
  organization_id: null,
  user_id: null,
  api_config: null,
  created_at: null,
};

const noop = () => undefined;

beforeEach(() => {
  vi.resetAllMocks();
  ev.bulkDeleteProgress.mockResolvedValue(() => undefined);
});

describe("deleting an account", () => {
  it("in production, needs the identifier typed, and sends it as confirmIdentifier", async () => {
    ipc.deleteAccount.mockResolvedValue(null);
    const deleted = vi.fn();
    const { queryClient } = renderWithQuery(<DeleteAccount env={prod} account={account} onClose={noop} onDeleted={deleted} />);
    const invalidate = vi.spyOn(queryClient, "invalidateQueries");
    const confirm = screen.getByTestId("account-delete-confirm");
    expect(confirm).toBeDisabled();
    await userEvent.type(screen.getByTestId("confirm-identifier"), "alice@acme");
    expect(confirm).toBeDisabled();
    await userEvent.type(screen.getByTestId("confirm-identifier"), ".com");
    expect(confirm).toBeEnabled();
    await userEvent.click(confirm);
    await waitFor(() => expect(deleted).toHaveBeenCalled());
    expect(ipc.deleteAccount).toHaveBeenCalledWith("env_prod", "ca_1", "alice@acme.com");
    expect(invalidate).toHaveBeenCalledWith({ queryKey: keys.accounts("env_prod") });
  });

  it("shows the command's confirm_identifier error under the field", async () => {
    ipc.deleteAccount.mockRejectedValue({
      kind: "validation",
      message: "Type the identifier to confirm.",
      fields: [{ field: "confirm_identifier", message: "Does not match the account's identifier." }],
    });
    renderWithQuery(<DeleteAccount env={prod} account={account} onClose={noop} onDeleted={noop} />);
    await userEvent.type(screen.getByTestId("confirm-identifier"), "alice@acme.com");
    await userEvent.click(screen.getByTestId("account-delete-confirm"));
    expect(await screen.findByTestId("field-error-confirm_identifier")).toHaveTextContent("Does not match");
    expect(ipc.deleteAccount).toHaveBeenCalledTimes(1);
  });

  it("elsewhere, a plain confirm; a failure says why and is tried again only on request", async () => {
    ipc.deleteAccount.mockRejectedValueOnce({ kind: "unavailable", message: "AgentKit is unavailable.", fields: [], detail: { status: 503 } });
    ipc.deleteAccount.mockResolvedValueOnce(null);
    const deleted = vi.fn();
    renderWithQuery(<DeleteAccount env={dev} account={account} onClose={noop} onDeleted={deleted} />);
    expect(screen.queryByTestId("confirm-identifier")).toBeNull();
    await userEvent.click(screen.getByTestId("account-delete-confirm"));
    expect(await screen.findByTestId("account-delete-error")).toHaveTextContent("AgentKit is unavailable.");
    expect(screen.getByTestId("error-technical")).toHaveTextContent("503");
    expect(ipc.deleteAccount).toHaveBeenCalledWith("env_dev", "ca_1", null);
    await new Promise((r) => setTimeout(r, 50));
    expect(ipc.deleteAccount).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByTestId("account-delete-retry"));
    await waitFor(() => expect(deleted).toHaveBeenCalled());
    expect(ipc.deleteAccount).toHaveBeenCalledTimes(2);
  });
});

describe("bulk delete", () => {
  it("confirms by typing the count in production, shows progress and a result per account", async () => {
    let progress: (p: { env_id: string; done: number; total: number }) => void = noop;
    ev.bulkDeleteProgress.mockImplementation(async (handler) => {
      progress = handler;
      return noop;
    });
    let finish: (r: Awaited<ReturnType<typeof commands.deleteAccounts>>) => void = noop;
    ipc.deleteAccounts.mockImplementation(() => new Promise((resolve) => (finish = resolve)));
    const closed = vi.fn();
    const names = new Map([
      ["ca_1", "alice"],
      ["ca_2", "bob"],
      ["ca_3", "carol"],
    ]);
    renderWithQuery(<BulkDelete env={prod} ids={["ca_1", "ca_2", "ca_3"]} names={names} onClose={closed} />);
    const confirm = screen.getByTestId("bulk-confirm");
    expect(confirm).toBeDisabled();
    await userEvent.type(screen.getByTestId("bulk-confirm-input"), "3");
    await userEvent.click(confirm);
    expect(ipc.deleteAccounts).toHaveBeenCalledWith("env_prod", ["ca_1", "ca_2", "ca_3"]);

    await waitFor(() => expect(ev.bulkDeleteProgress).toHaveBeenCalled());
    act(() => progress({ env_id: "env_prod", done: 2, total: 3 }));
    act(() => progress({ env_id: "env_other", done: 9, total: 9 }));
    expect(screen.getByTestId("bulk-progress")).toHaveAttribute("data-done", "2");
    expect(screen.getByTestId("bulk-progress")).toHaveAttribute("aria-valuenow", "2");

    act(() => progress({ env_id: "env_prod", done: 3, total: 3 }));
    await act(async () =>
      finish([
        { id: "ca_1", ok: true, error: null },
        { id: "ca_2", ok: false, error: { kind: "not_found", message: "The account no longer exists.", fields: [] } },
        { id: "ca_3", ok: true, error: null },
      ]),
    );
    const results = await screen.findAllByTestId("bulk-result");
    expect(results.map((r) => [r.getAttribute("data-id"), r.getAttribute("data-ok")])).toEqual([
      ["ca_1", "true"],
      ["ca_2", "false"],
      ["ca_3", "true"],
    ]);
    expect(results[1]).toHaveTextContent("bob");
    expect(results[1]).toHaveTextContent("The account no longer exists.");
    expect(screen.getByTestId("bulk-summary")).toHaveTextContent("2 deleted, 1 failed");
    await userEvent.click(screen.getByTestId("bulk-close"));
    expect(closed).toHaveBeenCalledWith(["ca_1", "ca_3"]);
    expect(ipc.deleteAccounts).toHaveBeenCalledTimes(1);
  });

  it("outside production, a plain confirm", async () => {
    ipc.deleteAccounts.mockResolvedValue([{ id: "ca_1", ok: true, error: null }]);
    renderWithQuery(<BulkDelete env={dev} ids={["ca_1"]} names={new Map()} onClose={noop} />);
    expect(screen.queryByTestId("bulk-confirm-input")).toBeNull();
    await userEvent.click(screen.getByTestId("bulk-confirm"));
    expect(await screen.findByTestId("bulk-summary")).toHaveTextContent("1 deleted.");
  });
});
