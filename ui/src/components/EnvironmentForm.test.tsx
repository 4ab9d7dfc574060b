import { act, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { EnvironmentInput } from "../bindings/EnvironmentInput";
import { commands } from "../bindings/ipc";
import { renderWithQuery } from "../test/render";
import { EnvironmentForm, VALIDATE_DEBOUNCE_MS } from "./EnvironmentForm";

vi.mock("../bindings/ipc");
const ipc = vi.mocked(commands);

/** What Rust says about an input, for these tests. */
function rules(input: EnvironmentInput) {
  const errors = [];
  if (!input.name.trim()) errors.push({ field: "name", message: "Enter a name." });
  if (input.env_url.startsWith("http://")) {
    errors.push({ field: "env_url", message: "The environment URL must start with https:// (http is allowed only for localhost)" });
  }
  if (!input.client_secret?.trim()) errors.push({ field: "client_secret", message: "Enter the client secret." });
  return errors;
}

const noop = () => undefined;

beforeEach(() => {
  vi.resetAllMocks();
  ipc.validateEnvironmentInput.mockImplementation(async (input) => rules(input));
});

async function fill(secret: string) {
  await userEvent.type(screen.getByTestId("env-name"), "Prod");
  await userEvent.type(screen.getByTestId("env-url"), "https://acme.scalekit.com");
  await userEvent.type(screen.getByTestId("env-client-id"), "skc_1");
  await userEvent.type(screen.getByTestId("env-client-secret"), secret);
}

describe("EnvironmentForm", () => {
  it("asks Rust for the rules as the user types (debounced) and shows messages of touched fields", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      renderWithQuery(<EnvironmentForm existing={null} onClose={noop} onSaved={noop} />);
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      await user.type(screen.getByTestId("env-url"), "http://acme.scalekit.com");
      // Nothing asked while typing fast.
      expect(ipc.validateEnvironmentInput).not.toHaveBeenCalled();
      await act(() => vi.advanceTimersByTimeAsync(VALIDATE_DEBOUNCE_MS + 10));
      expect(await screen.findByTestId("field-error-env_url")).toHaveTextContent("must start with https://");
      expect(ipc.validateEnvironmentInput).toHaveBeenCalledTimes(1);
      expect(ipc.validateEnvironmentInput.mock.calls[0]).toEqual([
        { name: "", env_url: "http://acme.scalekit.com", client_id: "", client_secret: "", label: "dev" },
        null,
      ]);
      // The name was not touched: its message waits for Save.
      expect(screen.queryByTestId("field-error-name")).toBeNull();
      expect(screen.getByTestId("env-url")).toHaveAttribute("aria-invalid", "true");
    } finally {
      vi.useRealTimers();
    }
  });

  it("checks every field on Save and sends nothing that Rust rejects", async () => {
    renderWithQuery(<EnvironmentForm existing={null} onClose={noop} onSaved={noop} />);
    await userEvent.type(screen.getByTestId("env-url"), "http://acme.scalekit.com");
    await userEvent.click(screen.getByTestId("env-save"));
    expect(await screen.findByTestId("field-error-name")).toHaveTextContent("Enter a name.");
    expect(screen.getByTestId("field-error-env_url")).toHaveTextContent("https://");
    expect(screen.getByTestId("field-error-client_secret")).toBeInTheDocument();
    expect(ipc.createEnvironment).not.toHaveBeenCalled();
  });

  it("sends the form and shows the command's field errors", async () => {
    ipc.createEnvironment.mockRejectedValue({
      kind: "conflict",
      message: "taken",
      fields: [{ field: "name", message: 'An environment named "Prod" already exists.' }],
    });
    const saved = vi.fn();
    renderWithQuery(<EnvironmentForm existing={null} onClose={noop} onSaved={saved} />);
    await fill("shh");
    await userEvent.click(screen.getByTestId("env-save"));
    expect(await screen.findByTestId("field-error-name")).toHaveTextContent("already exists");
    expect(ipc.createEnvironment).toHaveBeenCalledWith({
      name: "Prod",
      env_url: "https://acme.scalekit.com",
      client_id: "skc_1",
      client_secret: "shh",
      label: "dev",
    });
    expect(saved).not.toHaveBeenCalled();
  });

  it("updates an existing environment with its id and reports it saved", async () => {
    const existing = { id: "env_1", name: "Prod", env_url: "https://a.example.com", client_id: "skc_1", label: "production" as const, is_sandbox: false, created_at: "", last_used_at: null, callback_mode: "deep_link" as const };
    ipc.validateEnvironmentInput.mockResolvedValue([]);
    ipc.updateEnvironment.mockResolvedValue({ ...existing, name: "Prod EU" });
    const saved = vi.fn();
    renderWithQuery(<EnvironmentForm existing={existing} onClose={noop} onSaved={saved} />);
    await userEvent.type(screen.getByTestId("env-name"), " EU");
    await userEvent.click(screen.getByTestId("env-save"));
    await vi.waitFor(() => expect(saved).toHaveBeenCalledWith(expect.objectContaining({ name: "Prod EU" })));
    expect(ipc.validateEnvironmentInput).toHaveBeenCalledWith(expect.objectContaining({ name: "Prod EU", client_secret: "" }), "env_1");
    expect(ipc.updateEnvironment).toHaveBeenCalledWith("env_1", expect.objectContaining({ name: "Prod EU" }));
  });

  it("shows a connection test result", async () => {
    ipc.testEnvironmentInput.mockResolvedValue({
      ok: false,
      stage: "token",
      message: "The client ID or secret was rejected (401 Unauthorized).",
      error_kind: "unauthorized",
      http_status: 401,
      network_cause: null,
      connections: null,
      elapsed_ms: 12,
    });
    renderWithQuery(<EnvironmentForm existing={null} onClose={noop} onSaved={noop} />);
    await fill("bad");
    await userEvent.click(screen.getByTestId("env-test"));
    const result = await screen.findByTestId("env-test-result");
    expect(result).toHaveAttribute("data-ok", "false");
    expect(result).toHaveTextContent("rejected (401 Unauthorized)");
    expect(ipc.testEnvironmentInput).toHaveBeenCalledWith(expect.objectContaining({ client_secret: "bad" }), null);
  });

  it("reveals the secret on request", async () => {
    renderWithQuery(<EnvironmentForm existing={null} onClose={noop} onSaved={noop} />);
    const secret = screen.getByTestId("env-client-secret");
    expect(secret).toHaveAttribute("type", "password");
    await userEvent.click(screen.getByRole("button", { name: "Show secret" }));
    expect(secret).toHaveAttribute("type", "text");
    expect(screen.getByRole("button", { name: "Hide secret" })).toHaveAttribute("aria-pressed", "true");
  });

  it("folds an error's technical detail", async () => {
    ipc.validateEnvironmentInput.mockResolvedValue([]);
    ipc.testEnvironmentInput.mockRejectedValue({
      kind: "secret_store_unavailable",
      message: "The system keychain is not available.",
      fields: [],
      detail: { cause: "org.freedesktop.DBus.Error.ServiceUnknown" },
    });
    renderWithQuery(<EnvironmentForm existing={null} onClose={noop} onSaved={noop} />);
    await fill("x");
    await userEvent.click(screen.getByTestId("env-test"));
    const error = await screen.findByTestId("env-form-error");
    expect(error).toHaveTextContent("The system keychain is not available.");
    expect(screen.getByTestId("error-technical")).not.toHaveAttribute("open");
    expect(screen.getByTestId("error-technical")).toHaveTextContent("ServiceUnknown");
  });
});
