import { QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { EditorView } from "@codemirror/view";
import type { ToolInfo } from "../../bindings/ToolInfo";
import type { HistoryRow } from "../../bindings/HistoryRow";
import type { ToolRunResult } from "../../bindings/ToolRunResult";
import { commands } from "../../bindings/ipc";
import { createQueryClient } from "../../lib/queryClient";
import tools from "../../test/fixtures/sandbox-tools.json";
import { ToolRunner } from "./ToolRunner";

vi.mock("../../bindings/ipc");

// jsdom has no layout: CodeMirror measures text ranges, which jsdom leaves out.
const noRects = () => Object.assign([], { item: () => null }) as unknown as DOMRectList;
Range.prototype.getClientRects = noRects;
Range.prototype.getBoundingClientRect = () => new DOMRect();
const ipc = vi.mocked(commands);

const fixture = (tools as unknown as { name: string; provider: string; input_schema: object }[]).find((t) => t.name === "gmail_send_email")!;
const tool: ToolInfo = {
  id: "tool_1",
  name: fixture.name,
  provider: fixture.provider,
  description: "Send an email",
  input_schema: fixture.input_schema as ToolInfo["input_schema"],
  output_schema: null,
  annotations: null,
  tags: [],
};

function setup() {
  ipc.listConnections.mockResolvedValue({ connections: [{ id: "conn_1", name: "gmail", provider: "gmail", auth_type: "OAUTH", status: "ACTIVE", enabled: true, mcp_server_url: null, created_at: null, auth_mode: null }], total_size: 1, next_page_token: null });
  ipc.listPresets.mockResolvedValue([]);
  const qc = createQueryClient();
  return render(
    <QueryClientProvider client={qc}>
      <ToolRunner envId="env_1" tool={tool} />
    </QueryClientProvider>,
  );
}

const jsonView = () => EditorView.findFromDOM(screen.getByTestId("run-json").querySelector(".cm-editor") as HTMLElement)!;

describe("ToolRunner", () => {
  beforeEach(() => vi.resetAllMocks());

  it("renders a field per property, with descriptions as help and required marks", () => {
    setup();
    const form = screen.getByTestId("schema-form");
    expect(form.querySelector("#root_to")).not.toBeNull();
    expect(form.querySelector("#root_subject")).not.toBeNull();
    expect(within(form).getAllByText("*").length).toBeGreaterThan(0);
  });

  it("blocks an invalid input with a message on each bad field and sends nothing", async () => {
    setup();
    fireEvent.click(screen.getByTestId("run-tool"));
    expect(await screen.findByTestId("run-blocked")).toHaveTextContent("nothing was sent");
    const errors = screen.getByTestId("schema-form").querySelectorAll(".error-detail");
    expect(errors.length).toBeGreaterThan(0);
    expect(screen.getByTestId("schema-form")).toHaveTextContent("must have required property");
    expect(ipc.runTool).not.toHaveBeenCalled();
  });

  it("keeps the form and the JSON in sync both ways", async () => {
    setup();
    fireEvent.change(screen.getByTestId("schema-form").querySelector("#root_subject")!, { target: { value: "Hello" } });
    await waitFor(() => expect(JSON.parse(jsonView().state.doc.toString())).toMatchObject({ subject: "Hello" }));
    const view = jsonView();
    act(() => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: '{"subject": "From JSON", "to": ["bob@example.com"]}' } }));
    await waitFor(() => expect(screen.getByTestId("schema-form").querySelector<HTMLInputElement>("#root_subject")!.value).toBe("From JSON"));
    act(() => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: "{ not json" } }));
    expect(await screen.findByTestId("run-json-error")).toBeInTheDocument();
    expect(screen.getByTestId("run-tool")).toBeDisabled();
  });

  it("runs a valid input, shows the result, and shows Rust's field errors", async () => {
    const ok: ToolRunResult = { run_id: "r1", tool_name: tool.name, outcome: "ok", status: 200, duration_ms: 12.3, size: 20, execution_id: "exec_123", data: { id: "msg_1" }, error: null, error_summary: null };
    ipc.runTool.mockResolvedValueOnce(ok);
    ipc.historyForRun.mockResolvedValue([{ id: 7 } as HistoryRow]);
    setup();
    fireEvent.change(screen.getByTestId("run-identifier"), { target: { value: "alice@example.com" } });
    const view = jsonView();
    const input = { to: ["bob@example.com"], subject: "Hi", body: "Hello" };
    act(() => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: JSON.stringify(input) } }));
    const problems = screen.queryByTestId("run-blocked");
    expect(problems).toBeNull();
    fireEvent.click(screen.getByTestId("run-tool"));
    expect(await screen.findByTestId("run-result")).toHaveAttribute("data-outcome", "ok");
    expect(screen.getByTestId("run-execution-id")).toHaveTextContent("exec_123");
    expect(screen.getByTestId("run-duration")).toHaveTextContent("12 ms");
    // The answer comes first; "saved" once the history has committed the run's entries.
    expect(await screen.findByText("Saved in history")).toHaveAttribute("href", "#/history?id=7");
    expect(ipc.historyForRun).toHaveBeenCalledWith("r1");
    const sent = ipc.runTool.mock.calls[0]![1];
    // The form adds the schema's defaults (is_html: false) to what was typed.
    expect(sent.params).toMatchObject(input);
    expect(sent.target).toEqual({ account_id: null, identifier: "alice@example.com", connection: null });
    expect(sent.run_id).toMatch(/[0-9a-f-]{36}/);

    ipc.runTool.mockRejectedValueOnce({ kind: "validation", message: "bad", fields: [{ field: "target.connection", message: "Choose the connection the tool runs on." }] });
    fireEvent.click(screen.getByTestId("run-tool"));
    expect(await screen.findByTestId("field-error-target.connection")).toHaveTextContent("Choose the connection");
  });

  it("shows a tool error's code and kind in plain words, and cancels a run in flight", async () => {
    let finish: (r: ToolRunResult) => void = () => undefined;
    ipc.runTool.mockReturnValueOnce(new Promise((r) => (finish = r)));
    ipc.cancelRun.mockResolvedValue(true);
    setup();
    const view = jsonView();
    act(() => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: '{"to": ["b@example.com"], "subject": "s", "body": "b"}' } }));
    fireEvent.click(screen.getByTestId("run-tool"));
    fireEvent.click(await screen.findByTestId("run-cancel"));
    const runId = ipc.runTool.mock.calls[0]![1].run_id;
    expect(ipc.cancelRun).toHaveBeenCalledWith(runId);
    act(() =>
      finish({
        run_id: runId!, tool_name: tool.name, outcome: "error", status: 500, duration_ms: 5, size: 0, execution_id: "exec_9", data: null,
        error: { kind: "tool", message: "gmail API answered 500", fields: [], detail: { status: 500, grpc_code: 13, grpc_status: "INTERNAL", error_code: "TOOL_ERROR", retry_after_secs: null, execution_id: "exec_9", tool_error_code: "500", network: null } },
        error_summary: "Tool error (provider code 500): gmail API answered 500",
      }),
    );
    expect(await screen.findByTestId("run-error-summary")).toHaveTextContent("Tool error (provider code 500)");
    expect(screen.getByTestId("run-result")).toHaveTextContent("Tool error code");
  });
});
