import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClientProvider } from "@tanstack/react-query";
import type { HistoryRow } from "../bindings/HistoryRow";
import type { ProxyAnswer } from "../bindings/ProxyAnswer";
import { commands } from "../bindings/ipc";
import { createQueryClient } from "../lib/queryClient";
import { keys } from "../lib/queries";
import { session } from "../lib/session";
import { boot, env, renderWithQuery } from "../test/render";
import { ProxyPage } from "./ProxyPage";
import { ProxyResponseView } from "./ProxyResponse";

vi.mock("../bindings/ipc");
const ipc = vi.mocked(commands);
const sandbox = env("env_sbx", "Sandbox", "sandbox");

const answer = (over: Partial<ProxyAnswer>): ProxyAnswer => ({
  run_id: "r1",
  outcome: "ok",
  status: 200,
  headers: [{ name: "content-type", value: "application/json" }],
  content_type: "application/json",
  body_text: '{"path":"/v1/me","query":{"q":["x"]}}',
  body_base64: null,
  size: 37,
  truncated: false,
  duration_ms: 8,
  error: null,
  ...over,
});

function setup() {
  session.set({ boot: boot([sandbox]), activeEnvId: sandbox.id, secrets: null });
  ipc.listConnections.mockResolvedValue({ connections: [{ id: "c1", name: "gmail", provider: "gmail", auth_type: "OAUTH", status: "ACTIVE", enabled: true, mcp_server_url: null, created_at: null, auth_mode: null }], total_size: 1, next_page_token: null });
  ipc.listEnvironments.mockResolvedValue([sandbox]);
  const qc = createQueryClient();
  qc.setQueryData(keys.environments, [sandbox]);
  return render(
    <QueryClientProvider client={qc}>
      <ProxyPage />
    </QueryClientProvider>,
  );
}

describe("the proxy runner", () => {
  beforeEach(() => vi.resetAllMocks());

  it("sends the edited request and shows the JSON answer", async () => {
    ipc.proxyRequest.mockResolvedValue(answer({}));
    setup();
    const connection = await screen.findByTestId("proxy-connection");
    await waitFor(() => expect(connection.querySelector('option[value="gmail"]')).not.toBeNull());
    fireEvent.change(connection, { target: { value: "gmail" } });
    fireEvent.change(screen.getByTestId("proxy-identifier"), { target: { value: "alice@example.com" } });
    fireEvent.change(screen.getByTestId("proxy-method"), { target: { value: "POST" } });
    fireEvent.change(screen.getByTestId("proxy-path"), { target: { value: "/v1/me" } });
    fireEvent.change(screen.getAllByTestId("proxy-query-name")[0]!, { target: { value: "q" } });
    fireEvent.change(screen.getAllByTestId("proxy-query-value")[0]!, { target: { value: "x" } });
    // A new blank row appears to type the next parameter into.
    expect(screen.getAllByTestId("proxy-query-row")).toHaveLength(2);
    fireEvent.click(screen.getByTestId("proxy-body-form"));
    fireEvent.change(screen.getAllByTestId("proxy-form-name")[0]!, { target: { value: "a" } });
    fireEvent.change(screen.getAllByTestId("proxy-form-value")[0]!, { target: { value: "1" } });
    fireEvent.click(screen.getByTestId("proxy-send"));
    expect(await screen.findByTestId("proxy-response")).toBeInTheDocument();
    const sent = ipc.proxyRequest.mock.calls[0]![1];
    expect(sent).toMatchObject({
      connection: "gmail",
      identifier: "alice@example.com",
      method: "POST",
      path: "/v1/me",
      query: [{ name: "q", value: "x" }],
      headers: [],
      body: { kind: "form", fields: [{ name: "a", value: "1" }] },
    });
    expect(screen.getByTestId("proxy-body")).toHaveTextContent('"query"');
    expect(screen.getByTestId("run-status")).toHaveTextContent("200");
  });

  it("shows field errors from Rust beside their fields", async () => {
    ipc.proxyRequest.mockRejectedValue({ kind: "validation", message: "x", fields: [{ field: "path", message: "Give the API path" }, { field: "body", message: "The body is not valid JSON" }] });
    setup();
    fireEvent.click(await screen.findByTestId("proxy-send"));
    expect(await screen.findByTestId("field-error-path")).toHaveTextContent("Give the API path");
    expect(screen.getByTestId("field-error-body")).toHaveTextContent("not valid JSON");
  });

  it("says when the call is saved in the history, and refreshes the history then", async () => {
    ipc.historyForRun.mockResolvedValue([{ id: 42 } as HistoryRow]);
    const qc = createQueryClient();
    const stale = vi.spyOn(qc, "invalidateQueries");
    render(
      <QueryClientProvider client={qc}>
        <ProxyResponseView answer={answer({})} />
      </QueryClientProvider>,
    );
    const saved = await screen.findByText("Saved in history");
    expect(saved).toHaveAttribute("href", "#/history?id=42");
    expect(ipc.historyForRun).toHaveBeenCalledWith("r1");
    expect(stale).toHaveBeenCalledWith({ queryKey: ["history"] });
  });

  it("says when the history could not save the call", async () => {
    ipc.historyForRun.mockRejectedValue({ kind: "internal", message: "the history could not be saved", fields: [] });
    renderWithQuery(<ProxyResponseView answer={answer({})} />);
    await waitFor(() => expect(screen.getByTestId("run-saved")).toHaveAttribute("data-state", "failed"));
    expect(screen.getByTestId("run-saved")).toHaveTextContent("Not saved in the history: the history could not be saved");
  });

  it("renders bodies by content type, never as live HTML", () => {
    const html = renderWithQuery(<ProxyResponseView answer={answer({ content_type: "text/html", body_text: "<h1>Hi</h1><script>x()</script>" })} />);
    expect(html.container.querySelector("h1, script")).toBeNull();
    expect(screen.getByTestId("proxy-body")).toHaveTextContent("<h1>Hi</h1>");
    html.unmount();
    const png = renderWithQuery(<ProxyResponseView answer={answer({ content_type: "image/png", body_text: null, body_base64: "iVBORw==" })} />);
    expect(screen.getByTestId("proxy-image")).toHaveAttribute("src", "data:image/png;base64,iVBORw==");
    png.unmount();
    renderWithQuery(<ProxyResponseView answer={answer({ content_type: "image/svg+xml", body_text: null, body_base64: "PHN2Zz4=" })} />);
    expect(screen.queryByTestId("proxy-image")).toBeNull();
    expect(screen.getByTestId("proxy-binary")).toBeInTheDocument();
  });

  it("notes a cut body and shows failures", () => {
    const big = renderWithQuery(<ProxyResponseView answer={answer({ content_type: "text/plain", body_text: "abc", size: 6 * 1024 * 1024, truncated: true })} />);
    expect(screen.getByTestId("proxy-truncated")).toHaveTextContent("of 6.0 MB");
    big.unmount();
    renderWithQuery(<ProxyResponseView answer={answer({ outcome: "error", status: null, error: { kind: "network", message: "Connection refused", fields: [] } })} />);
    expect(screen.getByTestId("proxy-error")).toHaveTextContent("Connection refused");
  });
});
