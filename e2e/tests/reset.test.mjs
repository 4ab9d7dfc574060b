// The per-file fixture itself: whatever one test leaves behind (an extra environment and its
// keychain secret, another active environment and section, Sandbox data and faults changed,
// the window resized), the next test starts clean.
import assert from "node:assert/strict";
import { test } from "node:test";
import { useApp } from "../lib/fixture.mjs";
import { keychainAccounts } from "../lib/harness.mjs";
import {
  environments as env,
  fillEnvironmentForm,
  go,
  openEnvironmentForm,
  overview,
  palette,
  shell,
} from "../lib/screens.mjs";
import { Keys } from "../lib/webdriver.mjs";

const app = useApp("reset");
const NAME = "Left behind";
let seed;
let leftEnvId;

test("a test leaves the app and its Sandbox dirty", async () => {
  const s = app.session;
  const { url, clientId, secret, admin } = await app.sandbox();
  seed = await admin.counts();

  // An environment (secret in the keychain), made active.
  await openEnvironmentForm(s);
  await fillEnvironmentForm(s, { name: NAME, url, clientId, secret, label: "staging" });
  await (await s.find(env.save)).click();
  leftEnvId = await (await s.find(env.row(NAME))).attr("data-env-id");
  assert.ok(keychainAccounts().includes(leftEnvId));
  await go(s, "overview");
  await s.keys([Keys.CONTROL, "k"]);
  await (await s.find(palette.input)).type("left behind");
  await s.find(palette.item);
  await s.keys(Keys.ENTER);
  await s.waitForText(shell.activeEnvName, NAME);

  // Sandbox data and faults changed.
  const { connected_accounts: accounts } = await admin.api("GET", "/connected_accounts");
  const active = accounts.find((a) => /ACTIVE/.test(String(a.status)));
  assert.ok(active, `an active account among ${JSON.stringify(accounts.map((a) => a.status))}`);
  await admin.call("POST", `/accounts/${active.id}/expire`);
  await admin.call("PUT", "/faults", { rules: [{ route: "GET /api/v1/tools*", latency_ms: 50 }] });
  assert.notDeepEqual((await admin.counts()).accounts_by_status, seed.accounts_by_status);

  // The window resized; the app left on Environments.
  await s.windowRect({ width: 900, height: 600 });
  await go(s, "environments");
  await s.find(env.root);
});

test("the next test starts clean", async () => {
  const s = app.session;
  const { admin, envId } = await app.sandbox();
  assert.deepEqual(await admin.counts(), seed, "Sandbox data back to its seed");
  assert.deepEqual((await admin.call("GET", "/faults")).rules, [], "no faults");
  assert.ok(!keychainAccounts().includes(leftEnvId), "the left-behind secret is gone");
  assert.ok(keychainAccounts().includes(envId), "the Sandbox's secret stays");

  // On the start screen, the Sandbox active, at the launch size.
  await s.find(overview.ready);
  assert.equal(await (await s.find(shell.activeEnvName)).text(), "Sandbox");
  const rect = await s.windowRect();
  assert.deepEqual([rect.width, rect.height], [app.initialRect.width, app.initialRect.height]);
  await go(s, "environments");
  await s.find(env.root);
  const rows = await s.findAll(env.rows);
  assert.equal(rows.length, 1, "only the Sandbox environment is listed");
  assert.equal(await rows[0].attr("data-env-id"), envId);
});
