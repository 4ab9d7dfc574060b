// No Secret Service: the app still opens on the Sandbox, says so in a plain sentence with the
// raw error folded away, and saves nothing until the user chooses session-only secrets.
import assert from "node:assert/strict";
import { test } from "node:test";
import { freshApp, launchingTest } from "../lib/fixture.mjs";
import { shot } from "../lib/harness.mjs";
import { overview, secretBanner } from "../lib/screens.mjs";

test("without a keychain the banner explains, and session-only secrets can be chosen", launchingTest(1), async (t) => {
  // A machine without a keychain: its own launch, with a bus address that leads nowhere (no
  // keychain, and no single-instance lock either).
  const app = await freshApp(t, "no-keychain", {
    extraEnv: { DBUS_SESSION_BUS_ADDRESS: "unix:path=/nonexistent/kitbench-e2e-bus" },
  });
  const s = app.session;

  const banner = await s.find(secretBanner.root);
  assert.equal(await banner.attr("data-mode"), "unavailable");
  const text = await banner.text();
  assert.match(text, /No system keychain\. There is no D-Bus session bus/);
  const details = await s.find(secretBanner.technical);
  assert.equal(await details.attr("open"), null, "the raw error stays folded until asked for");
  await (await s.find(secretBanner.technicalSummary)).click();
  assert.notEqual(await details.attr("open"), null);
  assert.match(await details.text(), /kitbench-e2e-bus/);
  // The Sandbox works without a keychain (its credentials are kept in memory).
  await s.find(overview.ready, { timeout: 30000 });
  await shot(s, "no-keychain");

  await (await s.find(secretBanner.useSession)).click();
  await s.waitFor(async () => (await (await s.find(secretBanner.root)).attr("data-mode")) === "session", {
    what: "the session-only banner",
  });
});
