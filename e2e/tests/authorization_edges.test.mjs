// Authorizations off the happy path, on the real app and its built-in Sandbox: a link that comes
// back after it expired (refused, no verify call), and a link that starts the app when it is
// not running (a cold start: the link is the app's command line, as the desktop's Exec line
// passes it; it is handled before the UI listens and shows once it does).
import assert from "node:assert/strict";
import { test } from "node:test";
import { consent, deliver, nextOpenedUrl, openedUrlLog, openedUrls, verifyCalls } from "../lib/authorize.mjs";
import { launchingTest, useApp } from "../lib/fixture.mjs";
import { ipc, shot } from "../lib/harness.mjs";
import { accounts, authorization, createAccount, go, toasts } from "../lib/screens.mjs";

const OPENED = openedUrlLog();
const app = useApp("authorization_edges", { extraEnv: { KITBENCH_OPEN_URL_LOG: OPENED } });

/** Creates a gmail account, clicks Authorize, and returns the consent page's allow redirect. */
async function allowedLink(s, identifier) {
  await createAccount(s, { connection: "gmail", identifier });
  await s.find(accounts.statusIs("PENDING_AUTH"));
  const before = openedUrls(OPENED).length;
  await (await s.find(accounts.authorize)).click();
  await s.find(authorization.statusIs("pending"));
  return consent(await nextOpenedUrl(s, OPENED, before), "allow");
}

/** The app's record of the authorization for `identifier`. */
async function authorizationOf(s, identifier) {
  const all = await ipc(s, "list_authorizations", { env_id: null });
  return all.find((a) => a.identifier === identifier) ?? null;
}

/** Waits for an error toast whose text contains `words`. */
async function errorToast(s, words) {
  let texts = [];
  await s.waitFor(
    async () => {
      texts = await Promise.all((await s.findAll(toasts.error)).map((t) => t.text()));
      return texts.some((t) => t.includes(words));
    },
    { timeout: 15000, what: `an error toast saying "${words}" (seen: ${JSON.stringify(texts)})` },
  );
}

test("a link that comes back after it expired is refused, with no verify call", async () => {
  const s = app.session;
  const { admin } = await app.sandbox();
  // Links issued from now on live 4 s (the app takes its record's expiry from the API's answer).
  await admin.call("PUT", "/faults", { rules: [], magic_link_ttl: 4 });
  const identifier = "e2e-expired@kitbench.test";
  const allowed = await allowedLink(s, identifier);
  await s.waitFor(async () => (await authorizationOf(s, identifier))?.status === "expired", {
    timeout: 15000,
    what: "the authorization to run out",
  });
  await deliver(app, allowed);
  await errorToast(s, "expired");
  await shot(s, "link-expired");
  assert.equal(await verifyCalls(app), 0, "an expired link reaches no verify");
  const record = await authorizationOf(s, identifier);
  assert.equal(record.status, "expired");
});

test("a link that starts the app (cold start) completes its authorization", launchingTest(1), async () => {
  const identifier = "e2e-cold@kitbench.test";
  const allowed = await allowedLink(app.session, identifier);
  await app.close();

  await app.start({ args: [allowed] });
  const s = app.session;
  // Handled while the app started; its outcome waited for the UI and shows now.
  let okTexts = [];
  await s.waitFor(
    async () => {
      okTexts = await Promise.all((await s.findAll(toasts.ok)).map((t) => t.text()));
      return okTexts.some((t) => t.includes(identifier));
    },
    { timeout: 20000, what: `a toast saying ${identifier} is connected (seen: ${JSON.stringify(okTexts)})` },
  );
  assert.equal((await authorizationOf(s, identifier)).status, "verified");
  assert.equal(await verifyCalls(app), 1);
  // The app reopens on the last screen: that account's drawer. Close it and open it from the list.
  for (const close of await s.findAll(accounts.drawerClose)) await close.click();
  await go(s, "accounts");
  await s.find(`${accounts.row(identifier)}[data-status="ACTIVE"]`, { timeout: 20000 });
  await shot(s, "cold-start-active");
});
