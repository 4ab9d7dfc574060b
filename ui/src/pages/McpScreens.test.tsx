import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { Authorization } from "../bindings/Authorization";
import type { InspectorCallResult } from "../bindings/InspectorCallResult";
import type { InspectorSession } from "../bindings/InspectorSession";
import type { McpConfigView } from "../bindings/McpConfigView";
import type { McpInstanceView } from "../bindings/McpInstanceView";
import { commands, events } from "../bindings/ipc";
import { boot, env, mountApp } from "../test/render";
import { imageSrc, InspectorResult } from "./mcp/InspectorResult";

vi.mock("../bindings/ipc");
const ipc = vi.mocked(commands);
const ev = vi.mocked(events);
const sandbox = env("env_sbx", "Sandbox", "sandbox");

const config: McpConfigView = {
  id: "cfg_1",
  name: "inbox-tools",
  description: "Mail",
  mappings: [{ connection_name: "gmail", connection_id: "conn_g", provider: "gmail", tools: ["gmail_fetch_mails"] }],
  mcp_server_url: "http://127.0.0.1:1/mcp/v3/servers/cfg_1",
};

const instance: McpInstanceView = {
  id: "inst_1",
  name: "inbox-tools-ann",
  user_identifier: "ann@example.com",
  config_name: "inbox-tools",
  config_id: "cfg_1",
  connections: ["gmail", "slack"],
  url_masked: "http://127.0.0.1:4010/mcp/v1/****",
  last_used_at: null,
  updated_at: null,
};

const FULL_URL = "http://127.0.0.1:4010/mcp/v1/SeCrEtToKeN0123456789abcdefABCDEF";

const pendingAuth: Authorization = {
  id: "auth_1",
  env_id: "env_sbx",
  account_id: "ca_1",
  connection: "gmail",
  identifier: "ann@example.com",
  status: "pending",
  reason: null,
  link: "http://127.0.0.1:4010/magic/abc?state=s",
  created_at: new Date().toISOString(),
  expires_at: new Date(Date.now() + 60_000).toISOString(),
  completed_at: null,
  callback_mode: "deep_link",
};

let authUpdated: (a: Authorization) => void = () => undefined;

afterAll(() => vi.restoreAllMocks());

beforeEach(() => {
  vi.resetAllMocks();
  vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockImplementation(function (this: HTMLElement) {
    return this.classList.contains("table-scroll") ? 560 : 0;
  });
  vi.spyOn(HTMLElement.prototype, "clientWidth", "get").mockReturnValue(1000);
  ipc.perfMark.mockResolvedValue(null);
  ipc.setLastSection.mockResolvedValue(null);
  ipc.takeLinkOutcomes.mockResolvedValue([]);
  ipc.listEnvironments.mockResolvedValue([sandbox]);
  ev.linkOutcome.mockResolvedValue(() => undefined);
  ev.overviewProgress.mockResolvedValue(() => undefined);
  ev.authorizationUpdated.mockImplementation(async (h) => {
    authUpdated = h;
    return () => undefined;
  });
  ipc.listMcpConfigs.mockResolvedValue({ configs: [config], total_size: 1, next_page_token: null });
  ipc.listMcpInstances.mockResolvedValue({ instances: [instance], total_size: 1, next_page_token: null });
  ipc.listConnections.mockResolvedValue({
    connections: ["gmail", "slack"].map((name) => ({ id: `conn_${name}`, name, provider: name, auth_type: "OAUTH", status: "COMPLETED", enabled: true, mcp_server_url: null, created_at: null, auth_mode: null })),
    total_size: 2,
    next_page_token: null,
  });
  ipc.listTools.mockImplementation(async (_env, filter) => {
    const names = filter.connection === "gmail" ? ["gmail_fetch_mails", "gmail_send_email", "gmail_get_message"] : ["slack_send_message", "slack_list_channels"];
    return { tools: names.map((name) => ({ name, provider: filter.connection ?? "", description: "", input_schema: { type: "object" }, output_schema: null, tags: [] })), total_size: names.length, next_page_token: null } as never;
  });
});

async function launch(url: string) {
  ipc.bootstrap.mockResolvedValue(boot([sandbox]));
  await mountApp(url);
}

describe("MCP configs", () => {
  it("creates a config from each connection's tool catalog and shows the API's field errors in place", async () => {
    ipc.createMcpConfig.mockRejectedValueOnce({
      kind: "validation",
      message: "tool is not a tool of connection",
      fields: [{ field: "connection_tool_mappings[1].tools[0]", message: 'tool "slack_send_message" is not a tool of connection "gmail"' }],
    });
    ipc.createMcpConfig.mockResolvedValueOnce({ ...config, id: "cfg_2", name: "triage" });
    await launch("/mcp");
    expect(await screen.findByTestId("mcp-configs-count")).toHaveTextContent("1 configs");
    expect(screen.getByTestId("mcp-config-open")).toHaveTextContent("inbox-tools");
    fireEvent.click(screen.getByTestId("mcp-config-new"));
    fireEvent.change(await screen.findByTestId("mcp-config-name"), { target: { value: "triage" } });
    fireEvent.click(screen.getByTestId("mcp-add-mapping"));
    const first = screen.getAllByTestId("mcp-mapping-connection")[0]!;
    await waitFor(() => expect(first.querySelector('option[value="gmail"]')).not.toBeNull());
    fireEvent.change(first, { target: { value: "gmail" } });
    const gmail = await screen.findByTestId("mcp-tool-picks");
    await waitFor(() => expect(within(gmail).getAllByTestId("mcp-tool-pick")).toHaveLength(3));
    fireEvent.click(within(gmail).getByRole("checkbox", { name: "gmail_fetch_mails" }));
    fireEvent.click(within(gmail).getByRole("checkbox", { name: "gmail_send_email" }));
    fireEvent.click(screen.getByTestId("mcp-add-mapping"));
    const second = screen.getAllByTestId("mcp-mapping-connection")[1]!;
    // A connection already mapped is not offered twice.
    expect(second.querySelector('option[value="gmail"]')).toBeNull();
    fireEvent.change(second, { target: { value: "slack" } });
    await waitFor(() => expect(screen.getAllByTestId("mcp-tool-picks")).toHaveLength(2));
    const slack = screen.getAllByTestId("mcp-tool-picks")[1]!;
    await waitFor(() => expect(within(slack).getAllByTestId("mcp-tool-pick")).toHaveLength(2));
    fireEvent.click(within(slack).getByRole("checkbox", { name: "slack_send_message" }));

    fireEvent.click(screen.getByTestId("mcp-config-save"));
    const error = await screen.findByTestId("mcp-mapping-error");
    expect(error).toHaveTextContent("slack_send_message");
    expect(screen.getAllByTestId("mcp-mapping")[1]).toContainElement(error);
    expect(ipc.createMcpConfig).toHaveBeenLastCalledWith("env_sbx", {
      name: "triage",
      description: "",
      mappings: [
        { connection_name: "gmail", tools: ["gmail_fetch_mails", "gmail_send_email"] },
        { connection_name: "slack", tools: ["slack_send_message"] },
      ],
    });
    fireEvent.click(screen.getByTestId("mcp-config-save"));
    await waitFor(() => expect(screen.queryByTestId("mcp-config-editor")).toBeNull());
    expect(ipc.createMcpConfig).toHaveBeenCalledTimes(2);
  });
});

describe("MCP instances", () => {
  it("keeps the URL masked, reveals it on request, authorizes a connection and refreshes when it completes", async () => {
    ipc.getMcpInstance.mockResolvedValue(instance);
    ipc.revealMcpInstanceUrl.mockResolvedValue(FULL_URL);
    const states = [
      [
        { connection_name: "gmail", connection_id: "c", provider: "gmail", connected_account_id: null, status: null, active: false, authentication_link: null },
        { connection_name: "slack", connection_id: "c", provider: "slack", connected_account_id: "ca_2", status: "PENDING_AUTH", active: false, authentication_link: null },
      ],
      [
        { connection_name: "gmail", connection_id: "c", provider: "gmail", connected_account_id: "ca_1", status: "ACTIVE", active: true, authentication_link: null },
        { connection_name: "slack", connection_id: "c", provider: "slack", connected_account_id: "ca_2", status: "PENDING_AUTH", active: false, authentication_link: null },
      ],
    ];
    ipc.mcpInstanceAuthState.mockResolvedValueOnce(states[0]!).mockResolvedValue(states[1]!);
    ipc.authorizeMcpConnection.mockResolvedValue(pendingAuth);
    ipc.listAuthorizations.mockResolvedValue([pendingAuth]);
    ipc.mcpClientSnippets.mockImplementation(async (_e, _i, reveal) => [
      { client: "claude_code", title: "Claude Code", target: "Terminal", language: "shell", text: `claude mcp add --transport http 'inbox' '${reveal ? FULL_URL : instance.url_masked}'` },
    ]);
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });

    await launch("/mcp/instances");
    expect(await screen.findByText("ann@example.com")).toBeInTheDocument();
    expect(screen.getByText(instance.url_masked)).toBeInTheDocument();
    fireEvent.click(screen.getByTestId("mcp-instance-open"));
    const drawer = await screen.findByTestId("mcp-instance-drawer");
    const url = await within(drawer).findByTestId("mcp-instance-url");
    expect(url).toHaveTextContent(instance.url_masked);
    expect(document.body.textContent).not.toContain("SeCrEt");
    const snippet = await within(drawer).findByTestId("mcp-snippet-text");
    expect(snippet).toHaveTextContent("/mcp/v1/****");
    fireEvent.click(within(drawer).getByTestId("mcp-snippet-copy"));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(`claude mcp add --transport http 'inbox' '${FULL_URL}'`));
    expect(document.body.textContent).not.toContain("SeCrEt");
    fireEvent.click(within(drawer).getByTestId("mcp-url-reveal"));
    await waitFor(() => expect(url).toHaveTextContent(FULL_URL));

    const conns = await within(drawer).findAllByTestId("mcp-conn");
    expect(conns.map((c) => c.dataset.connection)).toEqual(["gmail", "slack"]);
    fireEvent.click(within(conns[0]!).getByTestId("mcp-conn-authorize"));
    expect(await screen.findByTestId("auth-dialog")).toBeInTheDocument();
    expect(ipc.authorizeMcpConnection).toHaveBeenCalledWith("env_sbx", "inst_1", "gmail");
    authUpdated({ ...pendingAuth, status: "verified", link: null });
    await waitFor(() => expect(within(drawer).getAllByTestId("mcp-conn")[0]).toHaveAttribute("data-status", "ACTIVE"));
    expect(within(within(drawer).getAllByTestId("mcp-conn")[0]!).queryByTestId("mcp-conn-authorize")).toBeNull();
  }, 20_000);
});

const session: InspectorSession = {
  session_id: "mcp_1",
  target: instance.url_masked,
  transport: "streamable_http",
  server_name: "kitbench-sandbox",
  server_version: "0.1.0",
  protocol_version: "2025-06-18",
  capabilities: { tools: {} },
  instructions: null,
  tools: [
    { name: "gmail_fetch_mails", title: null, description: "Fetch mail", input_schema: { type: "object", properties: { query: { type: "string" } } }, output_schema: null, annotations: { readOnlyHint: true } },
  ],
  prompts: [],
  resources: [],
  connect_ms: 12,
};

describe("MCP inspector", () => {
  it("connects to an instance by id, lists tools with annotations, calls one and shows the result", async () => {
    ipc.inspectorConnect.mockResolvedValue(session);
    ipc.inspectorMessages.mockResolvedValue([
      { seq: 0, direction: "sent", at: new Date().toISOString(), method: "initialize", id: 0, json: '{"method":"initialize"}', truncated: false },
    ]);
    const result: InspectorCallResult = {
      run_id: "r",
      tool_name: "gmail_fetch_mails",
      content: [{ kind: "json", value: { messages: [{ subject: "Hi" }] } }],
      structured_content: { messages: [{ subject: "Hi" }] },
      is_error: false,
      error: null,
      duration_ms: 5,
    };
    ipc.inspectorCallTool.mockResolvedValue(result);
    await launch("/mcp/inspector?instance=inst_1");
    const submit = await screen.findByTestId("inspector-connect-submit");
    await waitFor(() => expect(screen.getByTestId("inspector-instance")).toHaveValue("inst_1"));
    fireEvent.click(submit);
    expect(await screen.findByTestId("inspector-target")).toHaveTextContent("/mcp/v1/****");
    expect(ipc.inspectorConnect).toHaveBeenCalledWith({ env_id: "env_sbx", instance_id: "inst_1", url: null, headers: [], transport: "streamable_http" });
    expect(screen.getByTestId("inspector-annotation")).toHaveTextContent("read-only");
    fireEvent.click(screen.getByTestId("inspector-run"));
    expect(await screen.findByTestId("inspector-result")).toHaveAttribute("data-outcome", "ok");
    expect(ipc.inspectorCallTool.mock.calls[0]![0]).toMatchObject({ session_id: "mcp_1", tool_name: "gmail_fetch_mails", arguments: {} });
    expect(await screen.findAllByTestId("inspector-message")).toHaveLength(1);
  });

  it("gets a prompt with its arguments and reads a resource, over HTTP+SSE with a header", async () => {
    ipc.inspectorConnect.mockResolvedValue({
      ...session,
      transport: "sse",
      tools: [],
      prompts: [{ name: "greet", description: "Hello", arguments: [{ name: "who", required: true }] }],
      resources: [{ uri: "file:///notes.txt", name: "notes", mime_type: "text/plain", description: "" }],
    });
    ipc.inspectorMessages.mockResolvedValue([]);
    ipc.inspectorGetPrompt.mockResolvedValue({ description: "Hello", messages: [{ role: "user", content: { kind: "text", text: "Hello Ada" } }] });
    ipc.inspectorReadResource.mockResolvedValue([{ kind: "resource", uri: "file:///notes.txt", mime_type: "text/plain", text: "hello notes", blob_bytes: null, link: false }]);
    await launch("/mcp/inspector");
    fireEvent.change(await screen.findByTestId("inspector-url"), { target: { value: "http://127.0.0.1:9/sse" } });
    fireEvent.change(screen.getByTestId("inspector-transport"), { target: { value: "sse" } });
    fireEvent.change(screen.getAllByTestId("inspector-headers-name")[0]!, { target: { value: "Authorization" } });
    fireEvent.change(screen.getAllByTestId("inspector-headers-value")[0]!, { target: { value: "Bearer t0ken" } });
    fireEvent.click(screen.getByTestId("inspector-connect-submit"));
    fireEvent.click(await screen.findByTestId("inspector-prompt-open"));
    expect(ipc.inspectorConnect).toHaveBeenCalledWith({ env_id: null, instance_id: null, url: "http://127.0.0.1:9/sse", headers: [{ name: "Authorization", value: "Bearer t0ken" }], transport: "sse" });
    fireEvent.change(screen.getByTestId("inspector-prompt-arg"), { target: { value: "Ada" } });
    fireEvent.click(screen.getByTestId("inspector-prompt-get"));
    expect(await screen.findByTestId("inspector-prompt-message")).toHaveTextContent("Hello Ada");
    expect(ipc.inspectorGetPrompt).toHaveBeenCalledWith("mcp_1", "greet", { who: "Ada" });
    fireEvent.click(screen.getByTestId("inspector-resource-open"));
    fireEvent.click(await screen.findByTestId("inspector-resource-read"));
    expect(await screen.findByText("hello notes")).toBeInTheDocument();
    expect(ipc.inspectorReadResource).toHaveBeenCalledWith("mcp_1", "file:///notes.txt");
  });

  it("shows a dead URL's error, not a spinner", async () => {
    ipc.inspectorConnect.mockRejectedValue({ kind: "not_found", message: "No MCP server at http://x/mcp/v1/**** (HTTP 404): the URL is wrong, or the instance was deleted or its URL revoked.", fields: [] });
    await launch("/mcp/inspector");
    fireEvent.change(await screen.findByTestId("inspector-url"), { target: { value: "http://x/mcp/v1/abc" } });
    fireEvent.click(screen.getByTestId("inspector-connect-submit"));
    const error = await screen.findByTestId("inspector-connect-error");
    expect(error).toHaveAttribute("data-kind", "not_found");
    expect(error).toHaveTextContent("deleted");
    expect(screen.getByTestId("inspector-connect-submit")).toHaveTextContent("Connect");
  });

  it("never renders server content as HTML, and shows only raster images", () => {
    expect(imageSrc("image/svg+xml", "PHN2Zz4=")).toBeNull();
    expect(imageSrc("image/png", "iVBOR<script>")).toBeNull();
    expect(imageSrc("image/png", "iVBORw0KGgo=")).toBe("data:image/png;base64,iVBORw0KGgo=");
    render(
      <InspectorResult
        result={{
          run_id: "r",
          tool_name: "t",
          content: [
            { kind: "text", text: "<b id='bold'>hi</b><img src=x onerror=alert(1)>" },
            { kind: "image", data: "iVBORw0KGgo=", mime_type: "image/png" },
            { kind: "image", data: "PHN2Zz4=", mime_type: "image/svg+xml" },
          ],
          structured_content: null,
          is_error: true,
          error: null,
          duration_ms: 1,
        }}
      />,
    );
    expect(document.getElementById("bold")).toBeNull();
    expect(screen.getByTestId("inspector-content-0")).toHaveTextContent("<b id='bold'>hi</b>");
    expect(screen.getByTestId("inspector-content-1").tagName).toBe("IMG");
    expect(screen.getByTestId("inspector-content-2").tagName).toBe("P");
    expect(document.querySelectorAll("img")).toHaveLength(1);
    expect(screen.getByTestId("inspector-result")).toHaveAttribute("data-outcome", "tool_error");
  });
});
