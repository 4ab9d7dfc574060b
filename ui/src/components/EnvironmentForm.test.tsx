import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { EnvironmentForm } from "./EnvironmentForm";

afterEach(() => clearMocks());

describe("EnvironmentForm", () => {
  it("shows field messages without calling the app", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
    });
    render(<EnvironmentForm existing={null} onClose={() => undefined} onSaved={() => undefined} />);
    await userEvent.type(screen.getByTestId("env-url"), "http://acme.scalekit.com");
    await userEvent.click(screen.getByTestId("env-save"));
    expect(screen.getByTestId("field-error-name")).toHaveTextContent("Enter a name.");
    expect(screen.getByTestId("field-error-env_url")).toHaveTextContent("https://");
    expect(screen.getByTestId("field-error-client_secret")).toBeInTheDocument();
    expect(calls).toEqual([]);
  });

  it("sends the form and shows server-side field errors", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      sent.push({ cmd, args });
      if (cmd === "create_environment") {
        throw { kind: "validation", message: "taken", fields: [{ field: "name", message: 'An environment named "Prod" already exists.' }] };
      }
    });
    render(<EnvironmentForm existing={null} onClose={() => undefined} onSaved={() => undefined} />);
    await userEvent.type(screen.getByTestId("env-name"), "Prod");
    await userEvent.type(screen.getByTestId("env-url"), "https://acme.scalekit.com");
    await userEvent.type(screen.getByTestId("env-client-id"), "skc_1");
    await userEvent.type(screen.getByTestId("env-client-secret"), "shh");
    await userEvent.click(screen.getByTestId("env-save"));
    expect(await screen.findByTestId("field-error-name")).toHaveTextContent("already exists");
    expect(sent).toEqual([
      {
        cmd: "create_environment",
        args: { input: { name: "Prod", env_url: "https://acme.scalekit.com", client_id: "skc_1", client_secret: "shh", label: "dev" } },
      },
    ]);
  });

  it("shows a connection test result", async () => {
    mockIPC((cmd) => {
      if (cmd === "test_environment_input") {
        return { ok: false, stage: "token", message: "The client ID or secret was rejected (401 Unauthorized).", error_kind: "unauthorized", http_status: 401, network_cause: null, connections: null, elapsed_ms: 12 };
      }
    });
    render(<EnvironmentForm existing={null} onClose={() => undefined} onSaved={() => undefined} />);
    await userEvent.type(screen.getByTestId("env-name"), "Prod");
    await userEvent.type(screen.getByTestId("env-url"), "https://acme.scalekit.com");
    await userEvent.type(screen.getByTestId("env-client-id"), "skc_1");
    await userEvent.type(screen.getByTestId("env-client-secret"), "bad");
    await userEvent.click(screen.getByTestId("env-test"));
    const result = await screen.findByTestId("env-test-result");
    expect(result).toHaveAttribute("data-ok", "false");
    expect(result).toHaveTextContent("rejected (401 Unauthorized)");
  });
});
