// Environments against a second, separately started Sandbox: add and test it, find it again
// after a restart (secret read back from the keychain), delete it (keychain entry gone), and
// the messages for a bad URL and bad credentials.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchingTest, useApp } from "../lib/fixture.mjs";
import { keychainAccounts, shot, startSandbox } from "../lib/harness.mjs";
import {
  connectionResult,
  environments as env,
  fillEnvironmentForm,
  go,
  openEnvironmentForm,
  overview,
  palette,
  shell,
} from "../lib/screens.mjs";
import { Keys } from "../lib/webdriver.mjs";

const NAME = "Second sandbox";
const app = useApp("environments");

// The second Sandbox, shared by this file's tests (they only test connections to it).
let sbx;
before(async () => {
  sbx = await startSandbox();
});
after(() => sbx?.stop());

test("add, test, restart, switch, delete an environment on a second Sandbox", launchingTest(1), async () => {
  let s = app.session;
  await openEnvironmentForm(s);
  await fillEnvironmentForm(s, { name: NAME, url: sbx.url, clientId: sbx.client_id, secret: sbx.client_secret, label: "staging" });
  await (await s.find(env.test)).click();
  let result = await connectionResult(s);
  assert.equal(result.ok, "true", result.text);
  assert.match(result.text, /Connected\. The credentials work/);
  await shot(s, "environment-test-ok");

  await (await s.find(env.save)).click();
  const saved = await s.find(env.row(NAME));
  const envId = await saved.attr("data-env-id");
  assert.match(envId, /^env_/);
  assert.ok(keychainAccounts().includes(envId), "the secret is in the keychain");
  await shot(s, "environments");

  // Quit and reopen on the same data.
  await app.restart();
  s = app.session;
  // The last section is remembered: the app reopens on Environments.
  await s.find(env.root);
  await s.find(env.row(NAME));
  await (await s.find(env.rowTest(NAME))).click();
  result = await connectionResult(s, env.rowTestResult);
  assert.equal(result.ok, "true", `secret read back from the keychain: ${result.text}`);

  // Switch with the command palette, then see the second Sandbox's overview.
  await go(s, "overview");
  await s.keys([Keys.CONTROL, "k"]);
  await (await s.find(palette.input)).type("second");
  await s.find(palette.item);
  await shot(s, "palette");
  await s.keys(Keys.ENTER);
  await s.waitForText(shell.activeEnvName, NAME);
  await s.find(overview.ready, { timeout: 20000 });
  assert.ok(Number(await (await s.find(overview.count("connections"))).text()) > 0);
  await shot(s, "overview-second-sandbox");

  await go(s, "environments");
  await (await s.find(env.rowDelete(NAME))).click();
  await (await s.find(env.confirmDelete)).click();
  await s.waitFor(async () => (await s.findAll(env.row(NAME))).length === 0, { what: "the row to go" });
  assert.ok(!keychainAccounts().includes(envId), "the keychain entry is gone");
  // The active environment fell back to the Sandbox.
  await s.waitForText(shell.activeEnvName, "Sandbox");
});

test("a bad URL and bad credentials say what went wrong", async () => {
  const s = app.session;
  await openEnvironmentForm(s);

  // Not https: caught by the form before any request.
  await fillEnvironmentForm(s, { name: "Broken", url: "http://acme.scalekit.com", clientId: "skc_1", secret: "x" });
  await (await s.find(env.test)).click();
  await s.waitForText(env.fieldError("env_url"), "must start with https://");

  // Nothing listening.
  await fillEnvironmentForm(s, { url: "http://127.0.0.1:9" });
  await (await s.find(env.test)).click();
  let result = await connectionResult(s);
  assert.equal(result.ok, "false");
  assert.equal(result.kind, "network");
  assert.match(result.text, /connection refused/i);
  await shot(s, "environment-bad-url");

  // Right URL, wrong secret.
  await fillEnvironmentForm(s, { url: sbx.url, clientId: sbx.client_id, secret: "not-the-secret" });
  await (await s.find(env.test)).click();
  result = await s.waitFor(async () => {
    const r = await connectionResult(s);
    return r.kind === "unauthorized" ? r : null;
  }, { what: "an unauthorized result" });
  assert.equal(result.ok, "false");
  assert.match(result.text, /client ID or secret was rejected \(401 Unauthorized\)/);
  await shot(s, "environment-bad-credentials");
});
