// Environments against a second, separately started Sandbox: add and test it, find it again
// after a restart (secret read back from the keychain), delete it (keychain entry gone), and
// the messages for a bad URL and bad credentials.
import assert from "node:assert/strict";
import { test } from "node:test";
import { freshHome, keychainAccounts, launch, shot, startSandbox } from "../lib/harness.mjs";
import { Keys } from "../lib/webdriver.mjs";

const NAME = "Second sandbox";
const row = (name) => `[data-testid="env-row"][data-env-name="${name}"]`;

async function openForm(s) {
  await (await s.byTestId("nav-environments")).click();
  await (await s.byTestId("env-add")).click();
  await s.byTestId("env-form");
}

async function fillForm(s, { name, url, clientId, secret, label }) {
  if (name !== undefined) await (await s.byTestId("env-name")).fill(name);
  if (url !== undefined) await (await s.byTestId("env-url")).fill(url);
  if (clientId !== undefined) await (await s.byTestId("env-client-id")).fill(clientId);
  if (secret !== undefined) await (await s.byTestId("env-client-secret")).fill(secret);
  if (label !== undefined) await s.execute(
    `const el = document.querySelector('[data-testid="env-label"]');
     const set = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set;
     set.call(el, arguments[0]); el.dispatchEvent(new Event('change', { bubbles: true }));`,
    [label],
  );
}

async function testResult(s, testId = "env-test-result") {
  const el = await s.byTestId(testId, { timeout: 20000 });
  return { ok: await el.attr("data-ok"), kind: await el.attr("data-kind"), text: await el.text() };
}

test("add, test, restart, switch, delete an environment on a second Sandbox", async (t) => {
  const sbx = await startSandbox();
  t.after(sbx.stop);
  const home = freshHome("environments");

  let app = await launch(home);
  let envId;
  try {
    const s = app.session;
    await s.byTestId("app-ready", { timeout: 30000 });
    await openForm(s);
    await fillForm(s, { name: NAME, url: sbx.url, clientId: sbx.client_id, secret: sbx.client_secret, label: "staging" });
    await (await s.byTestId("env-test")).click();
    const result = await testResult(s);
    assert.equal(result.ok, "true", result.text);
    assert.match(result.text, /Connected\. The credentials work/);
    await shot(s, "environment-test-ok");

    await (await s.byTestId("env-save")).click();
    const saved = await s.find(row(NAME));
    envId = await saved.attr("data-env-id");
    assert.match(envId, /^env_/);
    assert.ok(keychainAccounts().includes(envId), "the secret is in the keychain");
    await shot(s, "environments");
  } finally {
    await app.close();
  }

  app = await launch(home);
  try {
    const s = app.session;
    await s.byTestId("app-ready", { timeout: 30000 });
    // The last section is remembered: the app reopens on Environments.
    await s.byTestId("environments");
    await s.find(row(NAME));
    await (await s.find(`${row(NAME)} [data-testid="env-row-test"]`)).click();
    const result = await testResult(s, "env-row-test-result");
    assert.equal(result.ok, "true", `secret read back from the keychain: ${result.text}`);

    // Switch with the command palette, then see the second Sandbox's overview.
    await (await s.byTestId("nav-overview")).click();
    await s.keys([Keys.CONTROL, "k"]);
    await (await s.byTestId("palette-input")).type("second");
    await s.byTestId("palette-item");
    await shot(s, "palette");
    await s.keys(Keys.ENTER);
    await s.waitForText('[data-testid="active-env-name"]', NAME);
    await s.find('[data-testid="overview"][data-state="ready"]', { timeout: 20000 });
    assert.ok(Number(await (await s.byTestId("count-connections")).text()) > 0);
    await shot(s, "overview-second-sandbox");

    await (await s.byTestId("nav-environments")).click();
    await (await s.find(`${row(NAME)} [data-testid="env-row-delete"]`)).click();
    await (await s.byTestId("confirm-delete")).click();
    await s.waitFor(async () => (await s.findAll(row(NAME))).length === 0, { what: "the row to go" });
    assert.ok(!keychainAccounts().includes(envId), "the keychain entry is gone");
    // The active environment fell back to the Sandbox.
    await s.waitForText('[data-testid="active-env-name"]', "Sandbox");
  } finally {
    await app.close();
  }
});

test("a bad URL and bad credentials say what went wrong", async (t) => {
  const sbx = await startSandbox();
  t.after(sbx.stop);
  const home = freshHome("bad-input");
  const app = await launch(home);
  t.after(app.close);
  const s = app.session;
  await s.byTestId("app-ready", { timeout: 30000 });
  await openForm(s);

  // Not https: caught by the form before any request.
  await fillForm(s, { name: "Broken", url: "http://acme.scalekit.com", clientId: "skc_1", secret: "x" });
  await (await s.byTestId("env-test")).click();
  await s.waitForText('[data-testid="field-error-env_url"]', "must start with https://");

  // Nothing listening.
  await fillForm(s, { url: "http://127.0.0.1:9" });
  await (await s.byTestId("env-test")).click();
  let result = await testResult(s);
  assert.equal(result.ok, "false");
  assert.equal(result.kind, "network");
  assert.match(result.text, /connection refused/i);
  await shot(s, "environment-bad-url");

  // Right URL, wrong secret.
  await fillForm(s, { url: sbx.url, clientId: sbx.client_id, secret: "not-the-secret" });
  await (await s.byTestId("env-test")).click();
  result = await s.waitFor(async () => {
    const r = await testResult(s);
    return r.kind === "unauthorized" ? r : null;
  }, { what: "an unauthorized result" });
  assert.equal(result.ok, "false");
  assert.match(result.text, /client ID or secret was rejected \(401 Unauthorized\)/);
  await shot(s, "environment-bad-credentials");
});
