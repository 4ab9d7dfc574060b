// The window: its size is remembered across restarts.
import assert from "node:assert/strict";
import { test } from "node:test";
import { launchingTest, useApp } from "../lib/fixture.mjs";
import { savedSetting } from "../lib/harness.mjs";

const app = useApp("window");
const size = (s) => s.execute("return [window.innerWidth, window.innerHeight]");

test("the window size is remembered", launchingTest(1), async () => {
  let s = app.session;
  await s.windowRect({ width: 1000, height: 660 });
  await s.waitFor(async () => (await size(s))[0] === 1000, { what: "the resize" });
  // The app saves the size half a second after the last resize: wait until it is in the
  // database, then quit and reopen.
  await s.waitFor(
    async () => {
      const saved = savedSetting(app.dataDir, "window");
      return saved?.width === 1000 && saved?.height === 660;
    },
    { timeout: 10000, what: "the window size 1000x660 saved in the settings table" },
  );
  await app.restart();
  s = app.session;
  const [w, h] = await s.waitFor(async () => {
    const got = await size(s);
    return got[0] === 1000 ? got : null;
  }, { what: "the restored size" });
  assert.deepEqual([w, h], [1000, 660]);
});
