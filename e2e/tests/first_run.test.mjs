// A new user starts Kitbench: it opens on the built-in Sandbox and the overview shows its counts.
// The file's app is launched on a fresh HOME and data dir, and this is its first test: a true
// first run.
import assert from "node:assert/strict";
import { test } from "node:test";
import { useApp } from "../lib/fixture.mjs";
import { shot } from "../lib/harness.mjs";
import { go, overview, overviewCount, sandbox, shell } from "../lib/screens.mjs";

const app = useApp("first-run");

test("opens on the Sandbox and the overview shows its counts", async () => {
  const s = app.session;
  await s.waitForText(shell.activeEnvName, /^Sandbox$/);
  await s.find(overview.ready, { timeout: 30000 });

  const connections = await overviewCount(s, "connections");
  const accounts = await overviewCount(s, "accounts");
  const configs = await overviewCount(s, "mcp-configs");
  const instances = await overviewCount(s, "mcp-instances");
  assert.ok(connections > 0, `connections: ${connections}`);
  assert.ok(accounts > 0, `accounts: ${accounts}`);
  assert.ok(configs >= 1, `mcp configs: ${configs}`);
  assert.ok(instances >= 1, `mcp instances: ${instances}`);
  // The status breakdown, counted in the background, adds up to the account count.
  await s.find(overview.breakdownDone, { timeout: 30000 });
  const rows = await s.findAll(overview.statusRows);
  let sum = 0;
  for (const row of rows) sum += Number((await (await row.findAll(overview.statusCount))[0].text()).trim());
  assert.equal(sum, accounts);
  await (await s.find(overview.statusRow("ACTIVE"))).text();
  await shot(s, "overview");

  // The Sandbox panel shows where it runs and its knobs.
  await go(s, "sandbox");
  const url = await (await s.find(sandbox.url)).text();
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
  await shot(s, "sandbox");
});
