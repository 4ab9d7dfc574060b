// Launches the real Kitbench binary through tauri-driver, each launch with its own HOME, XDG dirs
// and KITBENCH_DATA_DIR (e2e/lib/fixture.mjs decides when to launch and how to reset). Expects to run under Xvfb (DISPLAY) inside a D-Bus session with an
// unlocked gnome-keyring: scripts/test-app.sh sets that up.

import { spawn, spawnSync } from "node:child_process";
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { shell } from "./screens.mjs";
import { Session } from "./webdriver.mjs";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const TARGET = process.env.CARGO_TARGET_DIR ?? join(ROOT, "target");
export const APP = process.env.KITBENCH_APP ?? join(TARGET, "debug", "kitbench");
// /proc/<pid>/exe is the resolved path: a symlinked target dir must not hide a running app.
const APP_REAL = existsSync(APP) ? realpathSync(APP) : APP;
export const SANDBOX_BIN = process.env.KITBENCH_SANDBOX_BIN ?? join(TARGET, "debug", "kitbench-sandbox");
/** Prints a history database's bodies decompressed, for the secret scan. */
export const HISTORY_BODIES_BIN = process.env.KITBENCH_HISTORY_BODIES_BIN ?? join(TARGET, "debug", "history-bodies");
export const SHOTS = process.env.KITBENCH_SHOTS ?? join(ROOT, "artifacts", "screenshots");
const TAURI_DRIVER = process.env.TAURI_DRIVER ?? "tauri-driver";
// tauri-plugin-single-instance's bus name: the identifier in tauri.conf.json + ".SingleInstance".
const SINGLE_INSTANCE_NAME = `${JSON.parse(readFileSync(join(ROOT, "tauri.conf.json"), "utf8")).identifier}.SingleInstance`;

/** A fresh HOME with XDG dirs and a data dir, like a new user's machine. */
export function freshHome(name) {
  const home = mkdtempSync(join(tmpdir(), `kitbench-e2e-${name}-`));
  const env = {
    HOME: home,
    XDG_DATA_HOME: join(home, ".local/share"),
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_CACHE_HOME: join(home, ".cache"),
    KITBENCH_DATA_DIR: join(home, "kitbench-data"),
  };
  for (const dir of [env.XDG_DATA_HOME, env.XDG_CONFIG_HOME, env.XDG_CACHE_HOME]) mkdirSync(dir, { recursive: true });
  return { home, env };
}

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once("error", rej);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

// The polling interval of the loops below (each one checks a condition and has a deadline).
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Pids of app processes this run started: with `dataDir`, the ones started with that data dir;
 * without, every one on this run's D-Bus session (the only ones that can hold its
 * single-instance name). Apps of other runs on the same machine (same binary, other session)
 * are never matched, so concurrent runs leave each other alone.
 */
export function appPids(dataDir) {
  const mark = dataDir ? `KITBENCH_DATA_DIR=${dataDir}` : `DBUS_SESSION_BUS_ADDRESS=${process.env.DBUS_SESSION_BUS_ADDRESS}`;
  const pids = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // A binary rebuilt while the app runs shows as "<path> (deleted)".
      if (readlinkSync(`/proc/${entry}/exe`).replace(/ \(deleted\)$/, "") !== APP_REAL) continue;
      if (!readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(mark)) continue;
      pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

/** Polls `pids()` (every 100 ms, up to `timeout` ms) until it comes back empty. */
async function waitUntilNone(pids, timeout) {
  const until = Date.now() + timeout;
  while (pids().length > 0) {
    if (Date.now() > until) return false;
    await pause(100);
  }
  return true;
}

/**
 * Gives the processes `pids()` lists `grace` ms to end, then SIGTERM, then SIGKILL (5 s each),
 * naming each straggler with `what`. Throws if they still run.
 */
async function endProcesses(pids, grace, what) {
  if (await waitUntilNone(pids, grace)) return;
  for (const signal of ["SIGTERM", "SIGKILL"]) {
    for (const pid of pids()) {
      let args = "?";
      try {
        args = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
      } catch {
        // gone meanwhile
      }
      console.error(`note: ${what} is still running (pid ${pid}: ${args}); sending ${signal}`);
      try {
        process.kill(pid, signal);
      } catch {
        // gone meanwhile
      }
    }
    if (await waitUntilNone(pids, 5000)) return;
  }
  throw new Error(`${what} will not end: pids ${pids().join(", ")}`);
}

/**
 * Ends the app this harness launched for `dataDir`. Deleting the WebDriver session closes the
 * web view, but the app process can outlive it (WebKitWebDriver does not always get to end
 * it), so after a grace period it is ended by signal.
 */
function endApp(dataDir) {
  return endProcesses(() => appPids(dataDir), 3000, `the app for ${dataDir}`);
}

/** The pid that owns the app's single-instance D-Bus name, or null when nobody does. */
function instanceOwner() {
  const run = spawnSync(
    "dbus-send",
    ["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
      "org.freedesktop.DBus.GetConnectionUnixProcessID", `string:${SINGLE_INSTANCE_NAME}`],
    { encoding: "utf8", timeout: 5000 },
  );
  const pid = /uint32 (\d+)/.exec(run.stdout ?? "")?.[1];
  return run.status === 0 && pid ? Number(pid) : null;
}

/**
 * The app is single-instance: while an earlier one holds the D-Bus name, a new launch hands its
 * arguments over and exits, and WebKitWebDriver waits forever for a browser that never comes.
 * So before each launch, wait for every earlier app to be gone, ending stragglers by signal.
 */
function ensureNoInstance() {
  const holders = () => [...new Set([...appPids(), instanceOwner()].filter((p) => p !== null))];
  return endProcesses(holders, 15000, "an earlier app");
}

/**
 * Starts tauri-driver with `home`'s environment and opens a session on the app.
 * Returns { session, close }. A launch whose session does not start is tried once more, after
 * its processes are ended: the first failure is printed in full, so it is seen, not hidden.
 */
export async function launch(home, options = {}) {
  try {
    return await launchOnce(home, options);
  } catch (e) {
    console.error(`note: launch failed, trying once more: ${e.message}`);
    return launchOnce(home, options);
  }
}

async function launchOnce(home, { extraEnv = {}, args = [] } = {}) {
  await ensureNoInstance();
  const port = await freePort();
  const nativePort = await freePort();
  const logFile = join(home.home, `tauri-driver-${Date.now()}.log`);
  const log = createWriteStream(logFile);
  // Its own process group: tauri-driver, WebKitWebDriver and the app it launches end together.
  const driver = spawn(TAURI_DRIVER, ["--port", String(port), "--native-port", String(nativePort)], {
    env: { ...process.env, ...home.env, ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  driver.stdout.pipe(log);
  driver.stderr.pipe(log);
  const stopDriver = () => endGroup(driver);
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 10000;
  for (;;) {
    try {
      const res = await fetch(`${base}/status`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      await stopDriver();
      throw new Error(`tauri-driver did not start\n${diagnostics(logFile)}`);
    }
    await pause(50);
  }
  let session;
  try {
    session = await Session.start(base, {
      browserName: "wry",
      // `args`: what the desktop passes when a link starts the app (Exec=kitbench %u).
      "tauri:options": { application: APP, args },
    });
  } catch (e) {
    const report = diagnostics(logFile);
    await stopDriver();
    await endApp(home.env.KITBENCH_DATA_DIR).catch(() => undefined);
    throw new Error(`${e.message}\n${report}`);
  }
  const close = async () => {
    await session.quit().catch(() => undefined);
    // Reported, not thrown: a failing test's own error must not be masked by this one (the
    // next launch fails loudly if the app really stays up).
    await endApp(home.env.KITBENCH_DATA_DIR).catch((e) => console.error(`warning: ${e.message}`));
    await stopDriver();
  };
  return { session, close };
}

/** SIGTERM to a detached child's whole process group, SIGKILL if it is still there in 5 s. */
async function endGroup(child) {
  const exited = new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once("exit", r)));
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // the group is gone
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
  // tauri-driver may exit before WebKitWebDriver or the app it started: finish the group off.
  signal("SIGKILL");
}

/** What to look at when a launch fails: the driver's log and the processes involved. */
function diagnostics(logFile) {
  let log = "";
  try {
    log = readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");
  } catch {
    log = "(no tauri-driver log)";
  }
  const ps = spawnSync("ps", ["-eo", "pid,ppid,pgid,stat,etimes,args"], { encoding: "utf8" }).stdout ?? "";
  const ours = ps
    .split("\n")
    .filter((l, i) => i === 0 || /kitbench|WebKit|tauri-driver|dbus|keyring|at-spi/.test(l))
    .join("\n");
  return `--- tauri-driver log (last lines) ---\n${log}\n--- processes ---\n${ours}`;
}

/** Starts a separate `kitbench-sandbox --port 0` and reads its credentials line. */
export async function startSandbox() {
  const child = spawn(SANDBOX_BIN, ["--port", "0"], { stdio: ["ignore", "pipe", "ignore"] });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error("kitbench-sandbox printed nothing in 10 s")), 10000);
    lines.once("line", (line) => {
      clearTimeout(timer);
      res(line);
    });
    child.once("exit", (code) => rej(new Error(`kitbench-sandbox exited with ${code}`)));
  });
  const creds = JSON.parse(first);
  return {
    ...creds,
    stop: () =>
      new Promise((r) => {
        if (child.exitCode !== null) return r();
        child.once("exit", r);
        child.kill("SIGTERM");
      }),
  };
}

/**
 * Saves a PNG of the window into artifacts/screenshots/<name>.png once the page has settled:
 * nothing busy (aria-busy, skeletons), web fonts loaded, and two animation frames painted
 * since (WebKit hands WebDriver its last painted frame). Waits up to `timeout` ms and says
 * what was still pending if the page never settled.
 */
export async function shot(session, name, { timeout = 10000 } = {}) {
  mkdirSync(SHOTS, { recursive: true });
  const outcome = await session.executeAsync(
    `const [busy, timeout] = arguments; const done = arguments[arguments.length - 1];
     const until = performance.now() + timeout;
     const pending = () => {
       const el = document.querySelector(busy);
       if (el) return "a busy element (" + (el.dataset.testid || el.className || el.tagName) + ")";
       if (document.fonts && document.fonts.status !== "loaded") return "web fonts";
       return null;
     };
     const check = () => {
       const what = pending();
       if (what === null) requestAnimationFrame(() => requestAnimationFrame(() => done(pending() ?? "settled")));
       else if (performance.now() > until) done("still waiting for " + what);
       else requestAnimationFrame(check);
     };
     check();`,
    [shell.busy, timeout],
  );
  if (outcome !== "settled") throw new Error(`screenshot ${name}: the page did not settle in ${timeout} ms: ${outcome}`);
  const file = join(SHOTS, `${name}.png`);
  writeFileSync(file, await session.screenshot());
  return file;
}

/** The secret the keychain holds for an environment id (via libsecret's secret-tool), or null. */
export function keychainSecret(envId) {
  const run = spawnSync("secret-tool", ["lookup", "service", "kitbench", "username", envId], { encoding: "utf8", timeout: 5000 });
  return run.status === 0 && run.stdout ? run.stdout : null;
}

/** Removes an environment's secret from the keychain (the run's own keyring). */
export function forgetSecret(envId) {
  spawnSync("secret-tool", ["clear", "service", "kitbench", "username", envId], { timeout: 5000 });
}

/**
 * A value the app saved in its settings table (parsed JSON), read from the database file while
 * the app runs (read-only; the app writes in WAL mode). Null when not saved yet.
 */
export function savedSetting(dataDir, key) {
  const run = spawnSync(
    "python3",
    ["-c", `import sqlite3, sys
c = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
row = c.execute("SELECT value FROM settings WHERE key = ?", (sys.argv[2],)).fetchone()
print(row[0] if row else "")`, join(dataDir, "kitbench.db"), key],
    { encoding: "utf8", timeout: 5000 },
  );
  if (run.status !== 0) throw new Error(`reading setting ${key}: ${run.stderr}`);
  const text = run.stdout.trim();
  return text ? JSON.parse(text) : null;
}

/** Calls one of the app's IPC commands from the page (setup and reset only, never to test). */
export async function ipc(session, command, args = {}) {
  const reply = await session.executeAsync(
    `const [command, args] = arguments; const done = arguments[arguments.length - 1];
     window.__TAURI_INTERNALS__.invoke(command, args).then(
       (value) => done({ ok: true, value }),
       (error) => done({ ok: false, error: typeof error === "string" ? error : JSON.stringify(error) }));`,
    [command, args],
  );
  if (!reply.ok) throw new Error(`IPC ${command}: ${reply.error}`);
  return reply.value;
}

export { sandboxAdmin } from "./sandbox-admin.mjs";

/** Environment ids that have a Kitbench secret in the keychain (via libsecret's secret-tool). */
export function keychainAccounts() {
  // secret-tool prints the attributes on stderr and exits 1 when nothing matches.
  const run = spawnSync("secret-tool", ["search", "--all", "service", "kitbench"], { encoding: "utf8" });
  const out = `${run.stdout ?? ""}\n${run.stderr ?? ""}`;
  return [...out.matchAll(/^attribute\.username = (.+)$/gm)].map((m) => m[1].trim());
}
