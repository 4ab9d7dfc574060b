// The app under test, per test file: launched once, reset before every test.
//
//   import { useApp } from "../lib/fixture.mjs";
//   const app = useApp("environments");          // at the top of the file
//   test("…", async () => { const s = app.session; … });
//
// useApp registers node:test hooks: `before` launches the app with a fresh HOME and data dir,
// `beforeEach` gives every test after the first a clean start (see App.reset), `after` ends it.
// Tests that need a new user's machine (another env at launch, no keychain, a first run after
// other tests) use `await freshApp(t, name, options)` instead: one launch for that test alone.

import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, beforeEach } from "node:test";
import { HISTORY_BODIES_BIN, forgetSecret, freshHome, ipc, keychainAccounts, keychainSecret, launch, sandboxAdmin } from "./harness.mjs";
import { overview, shell } from "./screens.mjs";
import { harvest, scan } from "./secret-scan.mjs";
import { SESSION_START_TIMEOUT_MS } from "./webdriver.mjs";

/** A launch, retried once (each try: driver start + session start + app ready). */
export const LAUNCH_TIMEOUT_MS = 2 * (SESSION_START_TIMEOUT_MS + 20000);
/** What a test with no launch of its own may take (the step passes --test-timeout too). */
export const TEST_TIMEOUT_MS = 60000;
/** The timeout for a test that launches the app `launches` times itself. */
export const launchingTest = (launches) => ({ timeout: TEST_TIMEOUT_MS + launches * LAUNCH_TIMEOUT_MS });

const READY_TIMEOUT_MS = 30000;

const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
/** The fixture's timings, on stderr (the test reporter owns stdout). */
const log = (line) => console.error(`fixture: ${line}`);

export class App {
  /** @param {string} name  names the temp HOME; @param {{extraEnv?: object}} options */
  constructor(name, options = {}) {
    this.name = name;
    this.options = options;
    this.home = freshHome(name);
    this.launched = null;
    this.info = null;
    this.admin = null;
    this.initialRect = null;
    // Keychain entries from before this HOME's first launch: any others are this app's.
    this.keychainBefore = null;
    /** Secrets seen in the Sandbox during this app's life: none may reach its files. */
    this.secrets = new Set();
  }

  /**
   * Adds what the Sandbox holds now to the secrets to look for (before a reset forgets it).
   * Faults go off first: a test may have left them on, and only a reset or the end follows.
   */
  async harvestSecrets() {
    if (!this.launched || !this.info?.sandbox) return;
    const sandbox = await this.sandbox();
    await sandbox.admin.call("PUT", "/faults", { rules: [] });
    await harvest(sandbox, this.secrets);
  }

  /**
   * Fails if any harvested secret is in a file the app wrote under its HOME (SQLite, logs,
   * exports; not the Sandbox's own data, which plays the server's store).
   */
  assertNoSecretsWritten() {
    const skip = [join(this.dataDir, "sandbox")];
    const hits = scan(this.home.home, this.secrets, skip, HISTORY_BODIES_BIN);
    if (hits.length > 0) {
      throw new Error(`secrets found in the app's files: ${JSON.stringify(hits)}`);
    }
    log(`${this.name}: ${this.secrets.size} secrets looked for in the app's files, none found`);
  }

  /** The WebDriver session of the running app. */
  get session() {
    if (!this.launched) throw new Error(`the ${this.name} app is not running`);
    return this.launched.session;
  }

  /** The data dir (KITBENCH_DATA_DIR) of this app. */
  get dataDir() {
    return this.home.env.KITBENCH_DATA_DIR;
  }

  /**
   * Launches the app on this HOME and waits until its layout is up; `args` are its command
   * line (a kitbench:// link, as when a link starts the app).
   */
  async start({ args = [] } = {}) {
    const t0 = Date.now();
    this.keychainBefore ??= keychainAccounts();
    this.launched = await launch(this.home, { extraEnv: this.options.extraEnv, args });
    await this.session.find(shell.ready, { timeout: READY_TIMEOUT_MS });
    this.info = await ipc(this.session, "bootstrap");
    this.initialRect ??= await this.session.windowRect();
    this.admin = null;
    log(`${this.name}: launched and ready in ${secs(Date.now() - t0)}`);
  }

  /** Ends the app (same HOME kept: start() again finds its data, like a user reopening it). */
  async close() {
    const launched = this.launched;
    this.launched = null;
    if (!launched) return;
    const t0 = Date.now();
    await launched.close();
    log(`${this.name}: closed in ${secs(Date.now() - t0)}`);
  }

  /**
   * Ends the app, checks no secret reached its files, and removes its HOME (the driver log is
   * printed on failures, not kept).
   */
  async dispose() {
    try {
      await this.harvestSecrets().catch((e) => console.error(`warning: harvesting secrets: ${e.message}`));
      await this.close();
      this.assertNoSecretsWritten();
    } finally {
      rmSync(this.home.home, { recursive: true, force: true });
    }
  }

  /** Closes and starts again on the same data: what a user quitting and reopening does. */
  async restart() {
    await this.close();
    await this.start();
  }

  /**
   * The built-in Sandbox: { url, envId, clientId, secret, admin } (admin: /_sandbox/* client).
   * The URL and client id come from the app's bootstrap, the secret from the keychain, so this
   * needs a keychain (the no-keychain tests do not use it).
   */
  async sandbox() {
    if (this.admin) return this.admin;
    const info = this.info?.sandbox;
    if (!info) throw new Error(`the ${this.name} app has no running Sandbox: ${this.info?.sandbox_error ?? "?"}`);
    const env = this.info.environments.find((e) => e.id === info.env_id);
    const secret = keychainSecret(info.env_id);
    if (!secret) throw new Error(`no keychain secret for the Sandbox environment ${info.env_id}`);
    const creds = { url: info.url, envId: info.env_id, clientId: env.client_id, secret };
    this.admin = { ...creds, admin: sandboxAdmin(creds) };
    return this.admin;
  }

  /**
   * A clean start without a new launch:
   * - the Sandbox's data back to its seed, faults off, journal empty (its admin endpoints);
   * - every environment but the Sandbox deleted (their keychain secrets go with them), the
   *   Sandbox active, the start section (overview) remembered;
   * - the window back to its launch size;
   * - the page reloaded (no UI state survives), then the overview ready with nothing busy.
   * If any of that fails (a wedged app), or the app is not running (a freshApp test closed it),
   * it is relaunched on a fresh HOME instead, and the keychain entries the old one made are
   * removed (the keyring is the run's, shared by every launch).
   */
  async reset() {
    const t0 = Date.now();
    try {
      if (this.launched) {
        await this.softReset();
        log(`${this.name}: reset in ${secs(Date.now() - t0)}`);
        return;
      }
    } catch (e) {
      console.error(`note: resetting the ${this.name} app failed (${e.message}); relaunching on a fresh HOME`);
    }
    await this.close().catch((err) => console.error(`warning: ${err.message}`));
    for (const id of keychainAccounts()) if (!this.keychainBefore.includes(id)) forgetSecret(id);
    this.assertNoSecretsWritten();
    rmSync(this.home.home, { recursive: true, force: true });
    this.home = freshHome(this.name);
    this.info = null;
    this.keychainBefore = null;
    await this.start();
    await this.waitForStartScreen();
  }

  async softReset() {
    const s = this.session;
    const { admin, envId } = await this.sandbox();
    await this.harvestSecrets();
    await admin.reset();
    for (const env of await ipc(s, "list_environments")) {
      if (env.id !== envId) await ipc(s, "delete_environment", { id: env.id });
    }
    await ipc(s, "set_active_environment", { id: envId });
    await ipc(s, "set_last_section", { section: "/" });
    const rect = await s.windowRect();
    if (rect.width !== this.initialRect.width || rect.height !== this.initialRect.height) {
      await s.windowRect({ width: this.initialRect.width, height: this.initialRect.height });
    }
    // Screens live in the URL's hash, which a reload keeps: start from the overview's.
    await s.execute("window.location.hash = '#/';", []);
    await s.refresh();
    await s.find(shell.ready, { timeout: READY_TIMEOUT_MS });
    this.info = await ipc(s, "bootstrap");
    await this.waitForStartScreen();
  }

  /** The start screen: the overview of the active environment, loaded. */
  async waitForStartScreen() {
    const s = this.session;
    await s.find(overview.ready, { timeout: READY_TIMEOUT_MS });
    await s.waitFor(async () => (await s.findAll(shell.busy)).length === 0, {
      timeout: READY_TIMEOUT_MS,
      what: `nothing busy on the start screen (${shell.busy})`,
    });
  }
}

/**
 * One app for this test file: launched before its first test, reset before each later one,
 * ended after the last. Returns the App (use `app.session` inside tests).
 */
let fileApp = null;

export function useApp(name, options = {}) {
  if (fileApp) throw new Error(`useApp is called once per test file (already: ${fileApp.name})`);
  const app = new App(name, options);
  fileApp = app;
  let first = true;
  before(() => app.start(), { timeout: LAUNCH_TIMEOUT_MS });
  beforeEach(async () => {
    // The first test gets the app as launched: a true first run on a fresh data dir.
    if (first) {
      first = false;
      if (app.launched) return;
    }
    await app.reset();
  }, { timeout: LAUNCH_TIMEOUT_MS });
  after(() => app.dispose(), { timeout: 60000 });
  return app;
}

/**
 * An app of its own for one test (a new user's machine: fresh HOME and data dir, optional
 * extra env at launch), ended when the test ends. Give the test `launchingTest(n)`. In a file
 * with useApp, the file's app is closed first and relaunched (fresh) before the next test.
 */
export async function freshApp(t, name, options = {}) {
  // The app is single-instance: the file's app steps aside (the next test's reset relaunches it).
  await fileApp?.close();
  const app = new App(name, options);
  t.after(() => app.dispose());
  await app.start();
  return app;
}
