// The window: its size is remembered across restarts, and the theme follows the system's.
import assert from "node:assert/strict";
import { test } from "node:test";
import { freshHome, launch, shot } from "../lib/harness.mjs";

const size = (s) => s.execute("return [window.innerWidth, window.innerHeight]");

test("the window size is remembered", async () => {
  const home = freshHome("window");
  let app = await launch(home);
  try {
    await app.session.byTestId("app-ready", { timeout: 30000 });
    await app.session.cmd("POST", "/window/rect", { width: 1000, height: 660 });
    await app.session.waitFor(async () => (await size(app.session))[0] === 1000, { what: "the resize" });
    // The size is saved half a second after the last resize.
    await new Promise((r) => setTimeout(r, 1200));
  } finally {
    await app.close();
  }
  app = await launch(home);
  try {
    await app.session.byTestId("app-ready", { timeout: 30000 });
    const [w, h] = await app.session.waitFor(async () => {
      const got = await size(app.session);
      return got[0] === 1000 ? got : null;
    }, { what: "the restored size" });
    assert.deepEqual([w, h], [1000, 660]);
  } finally {
    await app.close();
  }
});

test("dark theme when the system prefers dark", async (t) => {
  const home = freshHome("dark");
  const app = await launch(home, { extraEnv: { GTK_THEME: "Adwaita:dark" } });
  t.after(app.close);
  const s = app.session;
  await s.byTestId("app-ready", { timeout: 30000 });
  assert.equal(await s.execute("return matchMedia('(prefers-color-scheme: dark)').matches"), true);
  const bg = await s.execute("return getComputedStyle(document.documentElement).backgroundColor");
  assert.equal(bg, "rgb(17, 17, 19)");
  await s.find('[data-testid="overview"][data-state="ready"]', { timeout: 30000 });
  await shot(s, "overview-dark");
});
