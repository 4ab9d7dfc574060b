// No Secret Service: the app still opens on the Sandbox, says so in a plain sentence with the
// raw error folded away, and saves nothing until the user chooses session-only secrets.
import assert from "node:assert/strict";
import { test } from "node:test";
import { freshHome, launch, shot } from "../lib/harness.mjs";

test("without a keychain the banner explains, and session-only secrets can be chosen", async (t) => {
  const home = freshHome("no-keychain");
  // A bus address that leads nowhere: no keychain, and no single-instance lock either.
  const app = await launch(home, { extraEnv: { DBUS_SESSION_BUS_ADDRESS: "unix:path=/nonexistent/kitbench-e2e-bus" } });
  t.after(app.close);
  const s = app.session;

  await s.byTestId("app-ready", { timeout: 30000 });
  const banner = await s.byTestId("secret-banner");
  assert.equal(await banner.attr("data-mode"), "unavailable");
  const text = await banner.text();
  assert.match(text, /No system keychain\. There is no D-Bus session bus/);
  const details = await s.byTestId("secret-technical");
  assert.equal(await details.attr("open"), null, "the raw error stays folded until asked for");
  await (await s.find('[data-testid="secret-technical"] summary')).click();
  assert.notEqual(await details.attr("open"), null);
  assert.match(await details.text(), /kitbench-e2e-bus/);
  // The Sandbox works without a keychain (its credentials are kept in memory).
  await s.find('[data-testid="overview"][data-state="ready"]', { timeout: 30000 });
  await shot(s, "no-keychain");

  await (await s.byTestId("secret-use-session")).click();
  await s.waitFor(async () => (await (await s.byTestId("secret-banner")).attr("data-mode")) === "session", {
    what: "the session-only banner",
  });
});
