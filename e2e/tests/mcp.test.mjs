// MCP on the real app and its built-in Sandbox: a config made from the tool pickers, an
// instance ensured for a new user, its connections pending with links, gmail authorized
// through the deep link and shown ACTIVE without a refresh, the inspector listing the config's
// tools from the instance and calling one (the URL masked in everything shown), and a deleted
// instance's URL failing clearly in the inspector.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { consent, deliver as deliverTo, nextOpenedUrl, openedUrlLog, openedUrls } from "../lib/authorize.mjs";
import { useApp } from "../lib/fixture.mjs";
import { ipc, shot } from "../lib/harness.mjs";
import { authorization, choose, createMcpConfig, go, mcp } from "../lib/screens.mjs";

const OPENED = openedUrlLog();
const app = useApp("mcp", { extraEnv: { KITBENCH_OPEN_URL_LOG: OPENED } });
const USER = "e2e-mcp@kitbench.test";
const TOOLS = ["gmail_fetch_mails", "gmail_send_email", "slack_send_message"];

test("config → instance → authorize gmail → the inspector lists and calls the config's tools", async () => {
  const s = app.session;
  const { envId } = await app.sandbox();
  await createMcpConfig(s, "e2e-inbox", [
    ["gmail", ["gmail_fetch_mails", "gmail_send_email"]],
    ["slack", ["slack_send_message"]],
  ], () => shot(s, "mcp-config-editor"));
  await shot(s, "mcp-configs");

  await go(s, "instances");
  await choose(s, mcp.ensureConfig, "e2e-inbox");
  await (await s.find(mcp.ensureUser)).fill(USER);
  await (await s.find(mcp.ensureSubmit)).click();
  await s.find(mcp.drawer, { timeout: 20000 });
  const masked = await (await s.find(mcp.url)).text();
  assert.match(masked, /\/mcp\/v1\/\*\*\*\*$/);
  const [instance] = (await ipc(s, "list_mcp_instances", { env_id: envId, filter: { user_identifier: USER }, page_token: null })).instances;
  const url = await ipc(s, "reveal_mcp_instance_url", { env_id: envId, instance_id: instance.id });
  const token = url.split("/").pop();

  // Both connections pending, each with a fresh link on request.
  await s.find(mcp.conn("gmail"));
  await (await s.find(mcp.freshLinks)).click();
  for (const c of ["gmail", "slack"]) {
    await s.find(mcp.connStatus(c, "PENDING_AUTH"), { timeout: 20000 });
    await s.find(mcp.connLink(c));
  }
  assert.ok(!(await s.execute("return document.body.innerText")).includes(token), "the URL stays masked");
  await shot(s, "mcp-instance");

  // Authorize gmail the way a user does: browser consent, the kitbench:// link back.
  const before = openedUrls(OPENED).length;
  await (await s.find(mcp.connAuthorize("gmail"))).click();
  await s.find(authorization.statusIs("pending"));
  const link = await nextOpenedUrl(s, OPENED, before);
  await deliverTo(app, await consent(link, "allow"));
  await s.find(authorization.statusIs("verified"), { timeout: 20000 });
  await (await s.find(authorization.close)).click();
  await s.find(mcp.connStatus("gmail", "ACTIVE"), { timeout: 20000 });
  await s.find(mcp.connStatus("slack", "PENDING_AUTH"));

  // The inspector, from the instance (its URL never passes through the page).
  await (await s.find(mcp.openInspector)).click();
  await s.find(mcp.inspector);
  await s.waitFor(async () => (await s.execute(`return document.querySelector(arguments[0])?.value`, [mcp.inspectorInstance])) === instance.id, { what: "the instance preselected" });
  await (await s.find(mcp.connect)).click();
  await s.find(mcp.session, { timeout: 20000 });
  const names = await Promise.all((await s.findAll(mcp.tools)).map((t) => t.attr("data-name")));
  assert.deepEqual(names.sort(), TOOLS.slice().sort());
  assert.match(await (await s.find(mcp.target)).text(), /\/mcp\/v1\/\*\*\*\*$/);
  await (await s.find(mcp.tool("gmail_fetch_mails"))).click();
  await s.find(mcp.call("gmail_fetch_mails"));
  await (await s.find(mcp.run)).click();
  await s.find(mcp.result("ok"), { timeout: 20000 });
  await s.waitFor(async () => (await s.findAll(mcp.messages)).length >= 5, { what: "the message log", timeout: 10000 });
  await s.execute(`document.querySelector(arguments[0]).scrollIntoView({ block: "start" })`, [mcp.result("ok")]);
  assert.ok(!(await s.execute("return document.body.innerText")).includes(token), "nothing shown holds the URL");
  await shot(s, "mcp-inspector");

  // The call is in the history, the instance URL's credential masked.
  const recorded = await ipc(s, "history_list", { filter: { kind: "mcp" }, before: null, limit: 10 });
  const call = recorded.entries.find((e) => e.tool_name === "gmail_fetch_mails");
  assert.ok(call, `an mcp entry for the call: ${JSON.stringify(recorded.entries)}`);
  const entry = await ipc(s, "history_get", { id: call.id });
  assert.ok(!JSON.stringify(entry).includes(token), "the history holds no instance URL");
  assert.match(entry.url ?? call.path, /\*\*\*\*/);
});

test("a deleted instance's URL shows a clear error in the inspector", async () => {
  const s = app.session;
  const { envId } = await app.sandbox();
  const [instance] = (await ipc(s, "list_mcp_instances", { env_id: envId, filter: { user_identifier: "alice@example.com" }, page_token: null })).instances;
  const url = await ipc(s, "reveal_mcp_instance_url", { env_id: envId, instance_id: instance.id });
  await ipc(s, "delete_mcp_instance", { env_id: envId, instance_id: instance.id, confirm_identifier: null });
  await go(s, "inspector");
  await (await s.find(mcp.inspectorSourceUrl)).click();
  await (await s.find(mcp.inspectorUrl)).fill(url);
  const started = Date.now();
  await (await s.find(mcp.connect)).click();
  const error = await s.find(`${mcp.connectError}[data-kind="not_found"]`, { timeout: 10000 });
  assert.ok(Date.now() - started < 8000, "an answer, not a spinner");
  const text = await error.text();
  assert.match(text, /deleted/);
  assert.ok(!text.includes(url.split("/").pop()), "the message masks the URL");
  await shot(s, "mcp-inspector-deleted");

  // Nothing listening: a network error; and no URL of this test in any file the app wrote
  // outside the Sandbox's own store (logs included: rmcp logs transport errors with the URL).
  const unreachable = "http://127.0.0.1:9/mcp/v1/E2eUnreachableToken0123456789abcdef";
  await (await s.find(mcp.inspectorUrl)).fill(unreachable);
  await (await s.find(mcp.connect)).click();
  await s.find(`${mcp.connectError}[data-kind="network"]`, { timeout: 10000 });
  const leaks = filesUnder(app.home.home)
    .filter((f) => !/sandbox/i.test(f))
    .filter((f) => {
      const text = readFileSync(f, "latin1");
      return text.includes("E2eUnreachableToken") || text.includes(url.split("/").pop());
    });
  assert.deepEqual(leaks, [], "an instance URL was written to disk");
});

/** Every regular file under `dir`. */
function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name));
}
