// The accounts screens against a Sandbox that fails: 20% of calls answered 500 and 10% 429,
// plus a forced first failure of the create and of the delete. Every failure shows its error
// with a retry, the UI never hangs, and each click sends its create or delete at most once (none
// when a read it needs first failed), so exactly one create and one delete succeed in all (the
// Sandbox's journal counts them): creates and deletes are never retried behind the user's back,
// since a lost answer may hide one that happened.
import assert from "node:assert/strict";
import { test } from "node:test";
import { sandboxJournal } from "../lib/authorize.mjs";
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

const sent = async (request) => (await sandboxJournal(app)).filter((e) => `${e.method} ${e.path}` === request);
const count = async (request) => (await sent(request)).length;
const succeeded = async (request) => (await sent(request)).filter((e) => e.status < 300).length;

/**
 * Clicks `first`, then the retry button while an error shows, until `done()` holds.
 * After each click, waits for the UI to settle (done, or an error with its retry again) and
 * checks the click sent at most one request. Returns the clicks and the error kinds seen.
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
    let outcome = null;
    await s.waitFor(
      async () => {
        if (await done()) outcome = "done";
        else if ((await s.findAll(`${error} ${retry}:not([disabled])`)).length > 0) outcome = "error";
        return outcome !== null;
      },
      { timeout: 20000, what: "the result of the click: done, or an error with a retry (never a hang)" },
    );
    const sentNow = (await count(request)) - sentBefore;
    assert.ok(sentNow <= 1, `one click sent ${sentNow} requests`);
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
  assert.ok(created.kinds.includes("server"), `the forced 500 shows as a server error: ${created.kinds}`);
  assert.ok((await count(CREATE)) <= created.clicks, "no more creates sent than clicks");
  assert.equal(await succeeded(CREATE), 1, "exactly one create succeeded");
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
  assert.ok(deleted.kinds.includes("rate_limited"), `the forced 429 shows as rate limited: ${deleted.kinds}`);
  assert.ok((await count(DELETE)) <= deleted.clicks, "no more deletes sent than clicks");
  assert.equal(await succeeded(DELETE), 1, "exactly one delete succeeded");
  // Faults off before the screenshot: with 30 % of reads still failing, the list's own retries
  // (1 s Retry-After, backoff) could keep its skeleton up past the screenshot's 10 s wait.
  await admin.call("PUT", "/faults", { rules: [] });
  await shot(s, "accounts-after-faults");

  // What the Sandbox holds: no account left for the identifier (created once, deleted once).
  const left = await admin.api("GET", `/connected_accounts?identifier=${encodeURIComponent(IDENTIFIER)}`);
  assert.deepEqual(left.connected_accounts ?? [], []);
  console.error(
    `faults: create took ${created.clicks} click(s) (${created.kinds}), delete ${deleted.clicks} (${deleted.kinds}), ` +
      `${readRetries} failed read(s) retried`,
  );
});
