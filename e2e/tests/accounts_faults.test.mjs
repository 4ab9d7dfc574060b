// The accounts screens against a Sandbox that fails: 20% of calls answered 500 and 10% 429,
// plus a forced first failure of the create and of the delete. Every failure shows its error
// with a retry, the UI never hangs, and each click sends its create or delete exactly once
// (the Sandbox's journal counts them): creates and deletes are never retried behind the
// user's back, since a lost answer may hide one that happened.
import assert from "node:assert/strict";
import { test } from "node:test";
import { sandboxRequests } from "../lib/authorize.mjs";
import { useApp } from "../lib/fixture.mjs";
import { shot } from "../lib/harness.mjs";
import { accounts, choose, go } from "../lib/screens.mjs";

const app = useApp("accounts_faults");
const CREATE = "POST /api/v1/connected_accounts";
const DELETE = "POST /api/v1/connected_accounts:delete";
const IDENTIFIER = "e2e-faults@kitbench.test";
/** More clicks than this would mean the retry never gets through (odds ~0.3^8). */
const MAX_CLICKS = 8;

/** "Try again" of a failed read (a list, the connection picker, the account's details). */
const READ_RETRY = ["table-retry", "account-form-connections-retry", "account-error-retry"]
  .map((id) => `[data-testid="${id}"]:not([disabled])`)
  .join(", ");

const count = async (request) => (await sandboxRequests(app)).filter((r) => r === request).length;

/**
 * Clicks `first`, then the retry button while an error shows, until `done()` holds.
 * After each click, waits for its one request to reach the Sandbox and for the UI to settle
 * (done, or the error again). Returns the number of clicks and the error kinds seen.
 */
async function clickUntilDone(s, { first, error, retry, done, request }) {
  const kinds = [];
  let clicks = 0;
  let button = first;
  for (;;) {
    assert.ok(clicks < MAX_CLICKS, `still failing after ${clicks} clicks (errors: ${kinds.join(", ")})`);
    const sentBefore = await count(request);
    await (await s.find(button)).click();
    clicks += 1;
    await s.waitFor(async () => (await count(request)) > sentBefore, { timeout: 15000, what: `${request} to reach the Sandbox` });
    let outcome = null;
    await s.waitFor(
      async () => {
        if (await done()) outcome = "done";
        else if ((await s.findAll(`${error} ${retry}:not([disabled])`)).length > 0) outcome = "error";
        return outcome !== null;
      },
      { timeout: 20000, what: "the result of the click: done, or an error with a retry (never a hang)" },
    );
    assert.equal(await count(request), sentBefore + 1, "one click sent exactly one request");
    if (outcome === "done") return { clicks, kinds };
    kinds.push(await (await s.find(error)).attr("data-kind"));
    button = retry;
  }
}

/** Waits until `ready()` holds, clicking "Try again" on every failed read meanwhile. */
async function settle(s, ready, what) {
  let retries = 0;
  await s.waitFor(
    async () => {
      if (await ready()) return true;
      for (const button of await s.findAll(READ_RETRY)) {
        retries += 1;
        await button.click().catch(() => undefined); // it may have gone since
      }
      return false;
    },
    { timeout: 30000, what },
  );
  return retries;
}

const present = (s, css) => async () => (await s.findAll(css)).length > 0;

test("with faults on, creates and deletes go out once per click and errors offer a retry", async () => {
  const s = app.session;
  const { admin } = await app.sandbox();
  await admin.call("PUT", "/faults", {
    rules: [
      { route: CREATE, error_next: 1 },
      { route: DELETE, rate_limit: { next: 1, retry_after_secs: 1 } },
      { route: "*", error_rate: 0.2, rate_limit: { rate: 0.1, retry_after_secs: 1 } },
    ],
  });

  await go(s, "accounts");
  await (await s.find(accounts.add)).click();
  await s.find(accounts.form);
  let readRetries = await settle(s, present(s, `${accounts.formConnection} option[value="gmail"]`), "the connection picker");
  await choose(s, accounts.formConnection, "gmail");
  await (await s.find(accounts.formIdentifier)).fill(IDENTIFIER);
  const created = await clickUntilDone(s, {
    first: accounts.formSubmit,
    error: accounts.formError,
    retry: accounts.formRetry,
    done: async () => (await s.findAll(accounts.drawer)).length > 0,
    request: CREATE,
  });
  assert.equal(created.kinds[0], "server", "the forced 500 shows as a server error");
  assert.equal(await count(CREATE), created.clicks, "creates sent = clicks");
  readRetries += await settle(s, present(s, accounts.statusIs("PENDING_AUTH")), "the new account's details");

  await (await s.find(accounts.delete)).click();
  await s.find(accounts.deleteDialog);
  const deleted = await clickUntilDone(s, {
    first: accounts.deleteConfirm,
    error: accounts.deleteError,
    retry: accounts.deleteRetry,
    done: async () => (await s.findAll(accounts.deleteDialog)).length === 0,
    request: DELETE,
  });
  assert.equal(deleted.kinds[0], "rate_limited", "the forced 429 shows as rate limited");
  assert.equal(await count(DELETE), deleted.clicks, "deletes sent = clicks");
  await shot(s, "accounts-after-faults");

  // What the Sandbox holds: no account left for the identifier (created once, deleted once).
  await admin.call("PUT", "/faults", { rules: [] });
  const left = await admin.api("GET", `/connected_accounts?identifier=${encodeURIComponent(IDENTIFIER)}`);
  assert.deepEqual(left.connected_accounts ?? [], []);
  console.error(
    `faults: create took ${created.clicks} click(s) (${created.kinds}), delete ${deleted.clicks} (${deleted.kinds}), ` +
      `${readRetries} failed read(s) retried`,
  );
});
