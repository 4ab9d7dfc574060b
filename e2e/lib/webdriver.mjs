// A small W3C WebDriver client (the subset the Kitbench E2E tests use), on Node's fetch.
// tauri-driver speaks W3C WebDriver and forwards to WebKitWebDriver on Linux.

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export class WebDriverError extends Error {
  constructor(method, path, status, value) {
    super(`${method} ${path} -> ${status}: ${value?.error ?? ""} ${value?.message ?? JSON.stringify(value)}`);
    this.error = value?.error;
  }
}

// Every command has a deadline: a driver that stops answering must fail the test in seconds,
// not after undici's 300 s header timeout (which, test after test, once ran CI out of time).
const COMMAND_TIMEOUT_MS = 30000;
export const SESSION_START_TIMEOUT_MS = 90000;

async function call(base, method, path, body, timeout = COMMAND_TIMEOUT_MS) {
  let res;
  try {
    res = await fetch(base + path, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeout),
    });
  } catch (e) {
    const why = e.name === "TimeoutError" ? `no answer in ${timeout} ms` : (e.cause?.message ?? e.message);
    throw new Error(`${method} ${path}: ${why}`);
  }
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new WebDriverError(method, path, res.status, json.value);
  return json.value;
}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, capabilities) {
    const value = await call(
      base,
      "POST",
      "/session",
      { capabilities: { alwaysMatch: capabilities } },
      SESSION_START_TIMEOUT_MS,
    );
    return new Session(base, value.sessionId);
  }

  cmd(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }

  async quit() {
    await this.cmd("DELETE", "");
  }

  /** Every element matching a CSS selector (possibly none). */
  async findAll(css) {
    const list = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return list.map((e) => new Element(this, e[ELEMENT]));
  }

  /** Waits until `css` matches, then returns the first match. */
  async find(css, { timeout = 15000 } = {}) {
    return this.waitFor(async () => (await this.findAll(css))[0], { timeout, what: css });
  }

  /** `[data-testid=…]` shorthand. */
  byTestId(id, opts) {
    return this.find(`[data-testid="${id}"]`, opts);
  }

  /** Polls `probe` until it returns a truthy value. */
  async waitFor(probe, { timeout = 15000, interval = 100, what = "condition" } = {}) {
    const until = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        const v = await probe();
        if (v) return v;
      } catch (e) {
        last = e;
      }
      if (Date.now() > until) {
        throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ""}`);
      }
      await new Promise((r) => setTimeout(r, interval));
    }
  }

  /** Waits for an element's text to satisfy `test` (string = contains, RegExp = matches). */
  async waitForText(css, test, opts = {}) {
    return this.waitFor(
      async () => {
        const el = (await this.findAll(css))[0];
        if (!el) return null;
        const text = await el.text();
        const ok = typeof test === "string" ? text.includes(test) : test.test(text);
        return ok ? text : null;
      },
      { ...opts, what: `${css} with text ${test}` },
    );
  }

  execute(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  /** Runs an async script: it gets its arguments, then a callback to call with the result. */
  executeAsync(script, args = []) {
    return this.cmd("POST", "/execute/async", { script, args });
  }

  /** Reloads the page (the app's process, data and window stay). */
  refresh() {
    return this.cmd("POST", "/refresh", {});
  }

  /** The window's { x, y, width, height }; with a size, resizes it first. */
  windowRect(rect) {
    return rect ? this.cmd("POST", "/window/rect", rect) : this.cmd("GET", "/window/rect");
  }

  async screenshot() {
    return Buffer.from(await this.cmd("GET", "/screenshot"), "base64");
  }

  /** Sends keys to the focused element (e.g. "\uE009k" for Ctrl+K is done with actions). */
  async keys(...sequence) {
    const actions = [];
    for (const k of sequence) {
      if (Array.isArray(k)) {
        for (const key of k) actions.push({ type: "keyDown", value: key });
        for (const key of [...k].reverse()) actions.push({ type: "keyUp", value: key });
      } else {
        for (const ch of k) actions.push({ type: "keyDown", value: ch }, { type: "keyUp", value: ch });
      }
    }
    await this.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions }] });
    await this.cmd("DELETE", "/actions");
  }
}

export class Element {
  constructor(session, id) {
    this.session = session;
    this.id = id;
  }

  cmd(method, path, body) {
    return this.session.cmd(method, `/element/${this.id}${path}`, body);
  }

  click() {
    return this.cmd("POST", "/click", {});
  }

  async clear() {
    await this.cmd("POST", "/clear", {});
  }

  async type(text) {
    await this.cmd("POST", "/value", { text });
  }

  /** Clears the field, then types `text`. */
  async fill(text) {
    await this.clear();
    if (text) await this.type(text);
  }

  text() {
    return this.cmd("GET", "/text");
  }

  attr(name) {
    return this.cmd("GET", `/attribute/${encodeURIComponent(name)}`);
  }

  async findAll(css) {
    const list = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return list.map((e) => new Element(this.session, e[ELEMENT]));
  }
}

export const Keys = { CONTROL: "\uE009", ESCAPE: "\uE00C", ENTER: "\uE007" };
