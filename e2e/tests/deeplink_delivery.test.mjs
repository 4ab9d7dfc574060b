// kitbench:// links reach the running app the way a browser hands them over on Linux: through
// the desktop's URL handler, after the app registered the scheme (its own handler entry under
// $XDG_DATA_HOME/applications, made the default with xdg-mime: src-tauri/src/links.rs).
// Firefox opens through GIO (`gio open`), Chrome through `xdg-open`; both run the entry's Exec
// line, a second app process that hands the URL to the running one over D-Bus and exits.
// Every command gets the app's HOME/XDG dirs (its entry, its mimeapps.list) and this run's
// D-Bus session (the single-instance name).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { useApp } from "../lib/fixture.mjs";
import { appPids, ROOT } from "../lib/harness.mjs";

const app = useApp("deeplink_delivery");

const conf = JSON.parse(readFileSync(join(ROOT, "tauri.conf.json"), "utf8"));
const HANDLER = "kitbench-handler.desktop";
const MIME = "x-scheme-handler/kitbench";
/** What src-tauri/src/links.rs logs for each link that reaches the app (never the URL). */
const RECEIVED = "deep link received";

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 100 ms until it returns a truthy value; fails after `timeout` ms. */
async function until(check, { timeout, what }) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await pause(100);
  }
}

/** The environment of the app's desktop session: this run's D-Bus and display, its HOME/XDG. */
function desktopEnv() {
  return { ...process.env, ...app.home.env };
}

/** Runs a command to its exit (killed after `timeout` ms): { status, stdout, stderr }. */
function run(cmd, args, { env = desktopEnv(), timeout = 20000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${cmd} ${args.join(" ")} did not exit in ${timeout} ms; stderr: ${stderr}`));
    }, timeout);
    child.once("error", reject);
    // "exit", not "close": the app process an opener starts inherits its pipes.
    child.once("exit", (status, signal) => {
      clearTimeout(timer);
      resolve({ status: status ?? signal, stdout, stderr });
    });
  });
}

/** tauri-plugin-log's LogDir file: $XDG_DATA_HOME/<identifier>/logs/<productName>.log. */
function logFile() {
  return join(app.home.env.XDG_DATA_HOME, conf.identifier, "logs", `${conf.productName}.log`);
}

function receivedCount() {
  const file = logFile();
  if (!existsSync(file)) return 0;
  return readFileSync(file, "utf8").split("\n").filter((l) => l.includes(RECEIVED)).length;
}

/** Waits until the running app has registered the scheme (it does so 3 s after start-up). */
async function waitForRegistration() {
  let last = null;
  await until(
    async () => {
      last = await run("xdg-mime", ["query", "default", MIME]);
      return last.status === 0 && last.stdout.trim() === HANDLER;
    },
    { timeout: 20000, what: `xdg-mime's default for ${MIME} to be ${HANDLER} (last: ${JSON.stringify(last)})` },
  );
  return readFileSync(join(app.home.env.XDG_DATA_HOME, "applications", HANDLER), "utf8");
}

/**
 * Opens a kitbench:// URL with `opener` and checks the running app received it: one more
 * "deep link received" in its log, the same single app process afterwards (the second one
 * handed the URL over and exited, no other instance started).
 */
async function deliverThrough(cmd, args, env) {
  const entry = await waitForRegistration();
  const [pid, ...others] = appPids(app.dataDir);
  assert.ok(pid && others.length === 0, `one running app for ${app.dataDir}, found ${[pid, ...others]}`);
  const before = receivedCount();
  const opened = await run(cmd, args, { env });
  assert.equal(opened.status, 0, `${cmd} failed (${opened.status}): ${opened.stderr}\nhandler entry:\n${entry}`);
  await until(() => receivedCount() === before + 1, {
    timeout: 15000,
    what: `"${RECEIVED}" in ${logFile()} after ${cmd} (entry:\n${entry})`,
  });
  await until(
    () => {
      const pids = appPids(app.dataDir);
      return pids.length === 1 && pids[0] === pid;
    },
    { timeout: 10000, what: `only the running app (pid ${pid}) left; app processes: ${appPids(app.dataDir)}` },
  );
  assert.equal(receivedCount(), before + 1, "the link was received once");
}

test("gio open (Firefox's path) delivers a kitbench:// link to the running app", async () => {
  await deliverThrough("gio", ["open", "kitbench://e2e/gio?state=e2e-gio"], desktopEnv());
});

test("xdg-open (Chrome's path) delivers a kitbench:// link to the running app", async () => {
  // xdg-utils' generic opener, the one that failed on a quoted Exec path: with a desktop
  // environment named it hands over to that desktop's own tool (gio, kde-open, …) instead.
  const env = desktopEnv();
  for (const name of ["XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION", "GNOME_DESKTOP_SESSION_ID",
    "MATE_DESKTOP_SESSION_ID", "BROWSER"]) {
    delete env[name];
  }
  await deliverThrough("xdg-open", ["kitbench://e2e/xdg-open?state=e2e-xdg-open"], env);
});
