// After the end-to-end tests: no secret may be found in what the app wrote (its SQLite files,
// logs, exports). The secrets are the ones the run seeded or made: the Sandbox environment's
// client secret, every connected account's credentials (access/refresh tokens, API keys,
// passwords), MCP instance URLs, and strings tests planted. They are harvested from the
// Sandbox before each reset (a reset forgets what tests created) and at the end.
//
// The Sandbox's own data file (data/sandbox/) is left out: it plays the server, whose store holds
// credentials by design. Everything else under the app's HOME is scanned, byte for byte, and the
// app's database also through `history-bodies`: history bodies over 1 KiB are stored
// zstd-compressed, where a secret need not appear as written.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";

/** Strings tests put into forms (keep in sync with the tests that type them). */
export const PLANTED = ["e2e-api-key-0123456789"];
/** Too short a value could match by chance; credentials are longer. */
const MIN_LEN = 12;

/** Every string at any depth of `value`. */
function strings(value, out = []) {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === "object") Object.values(value).forEach((v) => strings(v, out));
  return out;
}

/** Pages through a Sandbox list endpoint, returning every item of `key`. */
async function all(admin, path, key, pageSize) {
  const items = [];
  let token = "";
  do {
    const sep = path.includes("?") ? "&" : "?";
    const page = await admin.api("GET", `${path}${sep}page_size=${pageSize}${token ? `&page_token=${encodeURIComponent(token)}` : ""}`);
    items.push(...(page[key] ?? []));
    token = page.next_page_token ?? "";
  } while (token);
  return items;
}

/** The secrets the Sandbox holds now, added to `into`. */
export async function harvest(sandbox, into) {
  const { admin, secret } = sandbox;
  into.add(secret);
  for (const account of await all(admin, "/connected_accounts", "connected_accounts", 99)) {
    const auth = await admin.api("GET", `/connected_accounts/auth?id=${encodeURIComponent(account.id)}`);
    const details = auth.connected_account?.authorization_details ?? {};
    for (const s of strings(details)) if (s.length >= MIN_LEN && !/^\d{4}-\d\d-\d\d/.test(s)) into.add(s);
  }
  for (const instance of await all(admin, "/mcp/instances", "instances", 30)) {
    if (instance.url) into.add(instance.url);
  }
  for (const p of PLANTED) into.add(p);
  return into;
}

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

/** The app's database file (kitbench-core's `DB_FILE`). */
const DB_FILE = "kitbench.db";

/**
 * Files under `root` (but not under `skip`) that contain any of `secrets`: [{ file, secret }],
 * the secret shortened so the report does not spread it. `bodiesBin` is the `history-bodies`
 * binary, run on each app database; a database it cannot read fails the scan.
 */
export function scan(root, secrets, skip, bodiesBin) {
  const hits = [];
  const needles = [...secrets].filter((s) => s && s.length >= MIN_LEN).map((s) => [s, Buffer.from(s)]);
  const look = (bytes, where) => {
    for (const [s, needle] of needles) {
      if (bytes.includes(needle)) hits.push({ file: where, secret: `${s.slice(0, 6)}…(${s.length})` });
    }
  };
  for (const file of files(root)) {
    if (skip.some((dir) => file.startsWith(dir))) continue;
    if (statSync(file).size > 512 * 1024 * 1024) continue;
    look(readFileSync(file), relative(root, file));
    if (basename(file) === DB_FILE) {
      const bodies = execFileSync(bodiesBin, [file], { maxBuffer: 1024 ** 3, stdio: ["ignore", "pipe", "pipe"] });
      look(bodies, `${relative(root, file)} (history bodies, decompressed)`);
    }
  }
  return hits;
}
