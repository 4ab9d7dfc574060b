import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Account } from "../bindings/Account";
import type { Connection } from "../bindings/Connection";
import { commands } from "../bindings/ipc";
import { renderWithQuery } from "../test/render";
import { AccountForm } from "./AccountForm";

vi.mock("../bindings/ipc");
const ipc = vi.mocked(commands);

const connection = (name: string, auth_type: string): Connection => ({
  id: `conn_${name}`,
  name,
  provider: name,
  auth_type,
  status: "COMPLETED",
  enabled: true,
  mcp_server_url: null,
  created_at: null,
  auth_mode: null,
});

const account = (over: Partial<Account> = {}): Account => ({
  id: "ca_1",
  identifier: "alice",
  connection: "gmail",
  provider: "google",
  status: "PENDING_AUTH",
  auth_type: "OAUTH",
  token_expires_at: null,
  last_used_at: null,
  updated_at: null,
  organization_id: null,
  user_id: null,
  api_config: null,
  created_at: null,
  ...over,
});

const noop = () => undefined;

beforeEach(() => {
  vi.resetAllMocks();
  ipc.listConnections.mockResolvedValue({
    connections: [connection("gmail", "OAUTH"), connection("stripe", "API_KEY"), connection("jira", "BASIC"), connection("linear", "BEARER")],
    total_size: 4,
    next_page_token: null,
  });
});

async function pick(name: string) {
  await screen.findByRole("option", { name: new RegExp(`^${name} `) });
  await userEvent.selectOptions(screen.getByTestId("account-form-connection"), name);
}

describe("AccountForm", () => {
  it("asks for the credentials the connection's auth type needs", async () => {
    renderWithQuery(<AccountForm envId="env_1" existing={null} onClose={noop} onSaved={noop} />);
    await pick("gmail");
    expect(screen.getByTestId("account-form-oauth-note")).toBeInTheDocument();
    expect(screen.queryByTestId("account-form-api-key")).toBeNull();
    expect(screen.queryByTestId("account-form-password")).toBeNull();

    await pick("stripe");
    expect(screen.getByTestId("account-form-api-key")).toHaveAttribute("type", "password");
    expect(screen.queryByTestId("account-form-oauth-note")).toBeNull();

    await pick("jira");
    expect(screen.getByTestId("account-form-username")).toBeInTheDocument();
    expect(screen.getByTestId("account-form-password")).toHaveAttribute("type", "password");
    expect(screen.queryByTestId("account-form-api-key")).toBeNull();

    await pick("linear");
    expect(screen.getByTestId("account-form-token")).toBeInTheDocument();
  });

  it("says when the connections cannot be loaded, and loads them on Try again", async () => {
    ipc.listConnections.mockRejectedValueOnce({ kind: "server", message: "Internal error", fields: [], detail: null });
    renderWithQuery(<AccountForm envId="env_1" existing={null} onClose={noop} onSaved={noop} />);
    expect(await screen.findByTestId("account-form-connections-error")).toHaveTextContent("Internal error");
    await userEvent.click(screen.getByTestId("account-form-connections-retry"));
    await pick("gmail");
    expect(screen.queryByTestId("account-form-connections-error")).toBeNull();
  });

  it("creates an OAuth account without credentials", async () => {
    ipc.createAccount.mockResolvedValue(account());
    const saved = vi.fn();
    renderWithQuery(<AccountForm envId="env_1" existing={null} onClose={noop} onSaved={saved} />);
    await pick("gmail");
    await userEvent.type(screen.getByTestId("account-form-identifier"), "alice");
    await userEvent.click(screen.getByTestId("account-form-submit"));
    await waitFor(() => expect(saved).toHaveBeenCalledWith(expect.objectContaining({ id: "ca_1" })));
    expect(ipc.createAccount).toHaveBeenCalledWith("env_1", { connection: "gmail", identifier: "alice", credentials: { kind: "oauth" }, api_config: null });
  });

  it("shows the command's field errors under their fields, and re-submits only on Try again", async () => {
    ipc.createAccount.mockRejectedValue({
      kind: "validation",
      message: "The account is not valid.",
      fields: [
        { field: "credentials.api_key", message: "The API key is empty or malformed." },
        { field: "identifier", message: "This identifier is taken." },
      ],
    });
    renderWithQuery(<AccountForm envId="env_1" existing={null} onClose={noop} onSaved={noop} />);
    await pick("stripe");
    await userEvent.type(screen.getByTestId("account-form-identifier"), "bob");
    await userEvent.type(screen.getByTestId("account-form-api-key"), "sk_x");
    await userEvent.type(screen.getByTestId("account-form-api-config"), '{{"region": "eu"}');
    await userEvent.click(screen.getByTestId("account-form-submit"));
    expect(await screen.findByTestId("field-error-api_key")).toHaveTextContent("empty or malformed");
    expect(screen.getByTestId("field-error-identifier")).toHaveTextContent("taken");
    expect(screen.getByTestId("account-form-error")).toHaveTextContent("The account is not valid.");
    expect(ipc.createAccount).toHaveBeenCalledTimes(1);
    expect(ipc.createAccount).toHaveBeenCalledWith("env_1", {
      connection: "stripe",
      identifier: "bob",
      credentials: { kind: "api_key", api_key: "sk_x" },
      api_config: { region: "eu" },
    });
    // No automatic retry: only the button sends it again.
    await new Promise((r) => setTimeout(r, 50));
    expect(ipc.createAccount).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByTestId("account-form-retry"));
    await waitFor(() => expect(ipc.createAccount).toHaveBeenCalledTimes(2));
  });

  it("says when the API config is not valid JSON, and sends nothing", async () => {
    renderWithQuery(<AccountForm envId="env_1" existing={null} onClose={noop} onSaved={noop} />);
    await pick("gmail");
    await userEvent.type(screen.getByTestId("account-form-identifier"), "alice");
    await userEvent.type(screen.getByTestId("account-form-api-config"), "{{ nope");
    expect(screen.getByTestId("field-error-api_config")).toHaveTextContent("not valid JSON");
    await userEvent.click(screen.getByTestId("account-form-submit"));
    expect(ipc.createAccount).not.toHaveBeenCalled();
  });

  it("gets or creates when asked to", async () => {
    ipc.getOrCreateAccount.mockResolvedValue(account());
    renderWithQuery(<AccountForm envId="env_1" existing={null} onClose={noop} onSaved={noop} />);
    await pick("gmail");
    await userEvent.type(screen.getByTestId("account-form-identifier"), "alice");
    await userEvent.click(screen.getByTestId("account-form-get-or-create"));
    await userEvent.click(screen.getByTestId("account-form-submit"));
    await waitFor(() => expect(ipc.getOrCreateAccount).toHaveBeenCalledTimes(1));
    expect(ipc.createAccount).not.toHaveBeenCalled();
  });

  it("updates credentials, keeping them when left blank", async () => {
    const existing = account({ auth_type: "API_KEY", connection: "stripe", api_config: { a: 1 } });
    ipc.updateAccount.mockResolvedValue(existing);
    const saved = vi.fn();
    renderWithQuery(<AccountForm envId="env_1" existing={existing} onClose={noop} onSaved={saved} />);
    expect(screen.getByTestId("account-form-api-config")).toHaveValue('{\n  "a": 1\n}');
    await userEvent.click(screen.getByTestId("account-form-submit"));
    await waitFor(() => expect(saved).toHaveBeenCalled());
    expect(ipc.updateAccount).toHaveBeenLastCalledWith("env_1", "ca_1", { credentials: null, api_config: { a: 1 } });
    await userEvent.type(screen.getByTestId("account-form-api-key"), "sk_new");
    await userEvent.click(screen.getByTestId("account-form-submit"));
    await waitFor(() =>
      expect(ipc.updateAccount).toHaveBeenLastCalledWith("env_1", "ca_1", { credentials: { kind: "api_key", api_key: "sk_new" }, api_config: { a: 1 } }),
    );
  });
});
