// Connected accounts on the real app and its built-in Sandbox: an OAuth account authorized the
// way a user does it (Authorize → the browser's consent page → the kitbench:// link back to the
// app), a denial, forged and replayed links that reach no verify call, and an API-key account
// created from the form.
import assert from "node:assert/strict";
import { test } from "node:test";
import { consent, deliver as deliverTo, nextOpenedUrl as nextOpened, openedUrlLog, openedUrls as opened, verifyCalls as verifyCallsOf } from "../lib/authorize.mjs";
import { useApp } from "../lib/fixture.mjs";
import { ipc, shot } from "../lib/harness.mjs";
import { accounts, authorization, connections, createAccount, go, toasts } from "../lib/screens.mjs";

const OPENED = openedUrlLog();
const app = useApp("accounts", { extraEnv: { KITBENCH_OPEN_URL_LOG: OPENED } });
const openedUrls = () => opened(OPENED);
const nextOpenedUrl = (s, before) => nextOpened(s, OPENED, before);
const deliver = (url) => deliverTo(app, url);
const verifyCalls = () => verifyCallsOf(app);

test("an OAuth account is authorized in the browser and turns ACTIVE when the link comes back", async () => {
  const s = app.session;
  await createAccount(s, { connection: "gmail", identifier: "e2e-oauth@kitbench.test" });
  await s.find(accounts.statusIs("PENDING_AUTH"));
  const before = openedUrls().length;
  await (await s.find(accounts.authorize)).click();
  await s.find(authorization.statusIs("pending"));
  const link = await nextOpenedUrl(s, before);
  assert.equal((await (await s.find(authorization.link)).attr("data-masked")), "true", "the link is a credential: masked");
  await shot(s, "authorization-waiting");

  await deliver(await consent(link, "allow"));
  await s.find(authorization.statusIs("verified"), { timeout: 20000 });
  await (await s.find(authorization.close)).click();
  await s.find(accounts.statusIs("ACTIVE"), { timeout: 20000 });
  await shot(s, "account-active");
  assert.equal(await verifyCalls(), 1);
});

test("a denial shows as one; forged and replayed links are refused without a verify call", async () => {
  const s = app.session;
  await createAccount(s, { connection: "gmail", identifier: "e2e-deny@kitbench.test" });
  const before = openedUrls().length;
  await (await s.find(accounts.authorize)).click();
  const link = await nextOpenedUrl(s, before);
  const denied = await consent(link, "deny");
  await deliver(denied);
  await s.find(authorization.statusIs("denied"), { timeout: 20000 });
  await s.find(toasts.warn);
  await (await s.find(authorization.close)).click();

  const errorsBefore = (await s.findAll(toasts.error)).length;
  await deliver(denied); // the same link again: its state is used up
  await deliver("kitbench://auth/verify?auth_request_id=forged&state=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  await deliver("kitbench://somewhere/else?x=1");
  await s.waitFor(async () => (await s.findAll(toasts.error)).length >= errorsBefore + 3, {
    timeout: 15000,
    what: "an error toast for each refused link",
  });
  await s.find(accounts.statusIs("PENDING_AUTH"));
  await shot(s, "links-refused");
  assert.equal(await verifyCalls(), 0, "no refused link reached verify");
  // Authorizations outlive the fixture's reset (they are the app's own records): this account's.
  const list = await ipc(s, "list_authorizations", { env_id: null });
  const mine = list.filter((a) => a.identifier === "e2e-deny@kitbench.test");
  assert.deepEqual(mine.map((a) => [a.status, a.reason]), [["denied", "access_denied"]]);
});

test("an API-key account is created from the form and is ACTIVE", async () => {
  const s = app.session;
  const { envId } = await app.sandbox();
  let pageToken = null;
  let apiKey = null;
  do {
    const page = await ipc(s, "list_connections", { env_id: envId, query: null, page_token: pageToken });
    apiKey = page.connections.find((c) => /API_KEY/.test(c.auth_type)) ?? null;
    pageToken = page.next_page_token;
  } while (!apiKey && pageToken);
  assert.ok(apiKey, "the Sandbox has an API-key connection");
  await createAccount(s, { connection: apiKey.name, identifier: "e2e-key@kitbench.test", apiKey: "e2e-api-key-0123456789" });
  await s.find(accounts.statusIs("ACTIVE"));
  await (await s.find(accounts.showCredentials)).click();
  await s.find(accounts.credential("api_key"));
  await shot(s, "account-api-key");

  // The screens as a user first sees them, for the README.
  await (await s.find(accounts.drawerClose)).click();
  await s.find(accounts.row("e2e-key@kitbench.test"));
  await shot(s, "accounts");
  await go(s, "connections");
  await s.find(connections.anyRow);
  await shot(s, "connections");
  await go(s, "authorizations");
  await s.find(authorization.listRow);
  await shot(s, "authorizations");
});
