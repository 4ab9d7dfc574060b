// A new user starts Kitbench: it opens on the built-in Sandbox and the overview shows its counts.
import assert from "node:assert/strict";
import { test } from "node:test";
import { freshHome, launch, shot } from "../lib/harness.mjs";

const countOf = async (session, id) => Number((await (await session.byTestId(id)).text()).replace(/,/g, ""));

test("opens on the Sandbox and the overview shows its counts", async (t) => {
  const home = freshHome("first-run");
  const app = await launch(home);
  t.after(app.close);
  const s = app.session;

  await s.byTestId("app-ready", { timeout: 30000 });
  await s.waitForText('[data-testid="active-env-name"]', /^Sandbox$/);
  await s.find('[data-testid="overview"][data-state="ready"]', { timeout: 30000 });

  const connections = await countOf(s, "count-connections");
  const accounts = await countOf(s, "count-accounts");
  const configs = await countOf(s, "count-mcp-configs");
  const instances = await countOf(s, "count-mcp-instances");
  assert.ok(connections > 0, `connections: ${connections}`);
  assert.ok(accounts > 0, `accounts: ${accounts}`);
  assert.ok(configs >= 1, `mcp configs: ${configs}`);
  assert.ok(instances >= 1, `mcp instances: ${instances}`);
  // The status breakdown adds up to the account count.
  const rows = await s.findAll('[data-testid^="status-"]');
  let sum = 0;
  for (const row of rows) sum += Number((await (await row.findAll(".status-count"))[0].text()).trim());
  assert.equal(sum, accounts);
  await (await s.byTestId("status-ACTIVE")).text();
  await shot(s, "overview");

  // The Sandbox panel shows where it runs and its knobs.
  await (await s.byTestId("nav-sandbox")).click();
  const url = await (await s.byTestId("sandbox-url")).text();
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
  await shot(s, "sandbox");
});
