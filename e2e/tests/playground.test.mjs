// The playground on the real app and its built-in Sandbox: a gmail tool run from the form
// generated from its schema, an invalid input blocked with its field message (and no execute
// request in the Sandbox's journal), a proxied GET and its echo, and, with faults on, one
// execute request per click and an answer every time.
import assert from "node:assert/strict";
import { test } from "node:test";
import { sandboxRequests } from "../lib/authorize.mjs";
import { useApp } from "../lib/fixture.mjs";
import { shot } from "../lib/harness.mjs";
import { choose, go, history, openTool, proxy, tools } from "../lib/screens.mjs";

const app = useApp("playground");
const EXECUTE = "/api/v1/execute_tool";

async function executeRequests() {
  return (await sandboxRequests(app)).filter((r) => r.split("?")[0] === `POST ${EXECUTE}`).length;
}

/** The gmail fetch tool's page, run as alice on the gmail connection. */
async function fetchMailsAsAlice(s) {
  await openTool(s, { provider: "gmail", name: "gmail_fetch_mails", words: "fetch_mails" });
  await (await s.find(tools.identifier)).fill("alice@example.com");
  await choose(s, tools.connection, "gmail");
}

test("a gmail tool runs from the generated form and shows its result", async () => {
  const s = app.session;
  await fetchMailsAsAlice(s);
  await (await s.find(tools.formField("max_results"))).fill("3");
  await (await s.find(tools.run)).click();
  await s.find(tools.outcome("ok"), { timeout: 20000 });
  assert.equal(await (await s.find(tools.status)).text(), "200");
  assert.match(await (await s.find(tools.executionId)).text(), /\S{6,}/);
  const data = await (await s.find(tools.data)).text();
  assert.match(data, /"messages"/);
  // The answer came first; the history's commit is reported after it, with a link to the entry.
  const saved = await s.find(tools.saved, { timeout: 10000 });
  const id = (await saved.attr("href")).match(/#\/history\?id=(\d+)$/)?.[1];
  assert.ok(id, "the link names the history entry");
  await shot(s, "tool-runner");
  await saved.click();
  const detail = await s.find(`${history.detail}[data-id="${id}"]`);
  assert.equal(await (await s.find(history.detailStatus)).text(), "200");
  assert.ok(detail);
});

test("an invalid input is blocked with its field message and nothing is sent", async () => {
  const s = app.session;
  await fetchMailsAsAlice(s);
  const before = await executeRequests();
  await (await s.find(tools.formField("max_results"))).fill("0");
  await (await s.find(tools.run)).click();
  await s.waitForText(tools.blocked, "nothing was sent");
  const message = await s.waitForText(tools.formErrors, /\S/);
  assert.match(message, />=\s*1|must be/);
  await shot(s, "tool-runner-invalid");
  assert.equal(await executeRequests(), before, "no execute request reached the Sandbox");
  assert.equal((await s.findAll(tools.result)).length, 0);
});

test("a proxied GET shows its echoed response", async () => {
  const s = app.session;
  await go(s, "proxy");
  await s.find(proxy.root);
  await choose(s, proxy.connection, "gmail");
  await (await s.find(proxy.identifier)).fill("alice@example.com");
  await (await s.find(proxy.path)).fill("/gmail/v1/users/me/profile");
  await (await s.find(proxy.queryName)).fill("q");
  await (await s.find(proxy.queryValue)).fill("is:unread");
  await (await s.find(proxy.send)).click();
  await s.find(proxy.response, { timeout: 20000 });
  assert.equal(await (await s.find(proxy.status)).text(), "200");
  const body = await (await s.find(proxy.body)).text();
  assert.match(body, /\/gmail\/v1\/users\/me\/profile/);
  assert.match(body, /is:unread/);
  await shot(s, "proxy-runner");
});

test("with Sandbox faults on, one click sends one execute request and the UI always answers", { timeout: 120000 }, async () => {
  const s = app.session;
  await fetchMailsAsAlice(s);
  // One run without faults: the tool's schema is then cached and a click makes one call only.
  await (await s.find(tools.run)).click();
  await s.find(tools.outcome("ok"), { timeout: 20000 });
  const { admin } = await app.sandbox();
  // The Sandbox's latency has no jitter knob: 1 s on every call, 20% 500s, 10% 429s.
  await admin.call("PUT", "/faults", {
    rules: [{ route: "*", latency_ms: 1000, error_rate: 0.2, error_status: 500, rate_limit: { rate: 0.1, next: 0, retry_after_secs: 1 } }],
    token_expiry: null,
  });
  const outcomes = [];
  for (let i = 0; i < 5; i++) {
    await admin.call("DELETE", "/journal");
    await (await s.find(tools.formField("max_results"))).fill(String(i + 2));
    await (await s.find(tools.run)).click();
    // Run clears the last result at once: what shows next is this click's answer.
    await s.waitFor(async () => (await s.findAll(tools.resultDone)).length === 0, { timeout: 5000, what: "the last result cleared" });
    // A run in flight, then an answer (result or error), never a hang.
    await s.waitFor(async () => (await s.findAll(tools.running)).length === 0 && (await s.findAll(tools.resultDone)).length > 0, {
      timeout: 20000,
      what: `run ${i} to end`,
    });
    const el = await s.find(tools.resultDone);
    outcomes.push(await el.attr("data-outcome"));
    assert.equal(await executeRequests(), 1, `run ${i}: one execute request`);
  }
  console.error(`playground: outcomes under faults: ${outcomes.join(", ")}`);
  await admin.call("PUT", "/faults", { rules: [], token_expiry: null });
});
