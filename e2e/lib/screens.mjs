// Every selector the E2E tests use, one block per screen, plus the small actions a screen
// offers. When the UI changes (markup, routing), this is the file to update: tests speak in
// terms of these names, never in raw selectors.
//
// Selectors are semantic: data-testid (a stable contract with the UI), roles and labels.

const tid = (id) => `[data-testid="${id}"]`;

/** The window's frame: nav, active environment, readiness. */
export const shell = {
  /** Present once the app has bootstrapped and the layout is rendered. */
  ready: tid("app-ready"),
  activeEnvName: tid("active-env-name"),
  nav: (section) => tid(`nav-${section}`),
  /** Anything still loading: screenshots and the start screen wait for none of these. */
  busy: '[aria-busy="true"], .skeleton, .skeleton-bar, [data-testid="overview-loading"]',
};

export const overview = {
  root: tid("overview"),
  ready: `${tid("overview")}[data-state="ready"]`,
  count: (what) => tid(`count-${what}`),
  /** The by-status breakdown once its background count has finished. */
  breakdownDone: `${tid("breakdown")}[data-done="true"]`,
  breakdownRefresh: tid("breakdown-refresh"),
  statusRows: '[data-testid^="status-"]',
  statusRow: (status) => tid(`status-${status}`),
  statusCount: ".status-count",
};

export const sandbox = {
  url: tid("sandbox-url"),
};

export const environments = {
  root: tid("environments"),
  add: tid("env-add"),
  form: tid("env-form"),
  /** The form with the rules answered for what was typed (no message is about to move things). */
  formSettled: `${tid("env-form-fields")}:not([aria-busy="true"])`,
  name: tid("env-name"),
  url: tid("env-url"),
  clientId: tid("env-client-id"),
  clientSecret: tid("env-client-secret"),
  label: tid("env-label"),
  test: tid("env-test"),
  save: tid("env-save"),
  testResult: tid("env-test-result"),
  fieldError: (field) => tid(`field-error-${field}`),
  rows: tid("env-row"),
  row: (name) => `${tid("env-row")}[data-env-name="${name}"]`,
  rowTest: (name) => `${environments.row(name)} ${tid("env-row-test")}`,
  rowTestResult: tid("env-row-test-result"),
  rowDelete: (name) => `${environments.row(name)} ${tid("env-row-delete")}`,
  confirmDelete: tid("confirm-delete"),
};

export const palette = {
  input: tid("palette-input"),
  item: tid("palette-item"),
};

export const secretBanner = {
  root: tid("secret-banner"),
  technical: tid("secret-technical"),
  technicalSummary: `${tid("secret-technical")} summary`,
  useSession: tid("secret-use-session"),
};

// ---- actions -----------------------------------------------------------------------------

/** Goes to a section through the nav. */
export async function go(s, section) {
  await (await s.find(shell.nav(section))).click();
}

/** Opens Environments and its "add" form. */
export async function openEnvironmentForm(s) {
  await go(s, "environments");
  await (await s.find(environments.add)).click();
  await s.find(environments.form);
}

/** Fills the environment form; fields left undefined are not touched. */
export async function fillEnvironmentForm(s, { name, url, clientId, secret, label }) {
  if (name !== undefined) await (await s.find(environments.name)).fill(name);
  if (url !== undefined) await (await s.find(environments.url)).fill(url);
  if (clientId !== undefined) await (await s.find(environments.clientId)).fill(clientId);
  if (secret !== undefined) await (await s.find(environments.clientSecret)).fill(secret);
  // A <select>: set through the native setter so React sees the change.
  if (label !== undefined) await s.execute(
    `const el = document.querySelector(arguments[0]);
     const set = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set;
     set.call(el, arguments[1]); el.dispatchEvent(new Event('change', { bubbles: true }));`,
    [environments.label, label],
  );
  await s.find(environments.formSettled);
}

/** A connection test's outcome as shown: { ok, kind, text }. */
export async function connectionResult(s, css = environments.testResult) {
  const el = await s.find(css, { timeout: 20000 });
  return { ok: await el.attr("data-ok"), kind: await el.attr("data-kind"), text: await el.text() };
}

/** The number a count tile shows (thousands separators dropped). */
export async function overviewCount(s, what) {
  return Number((await (await s.find(overview.count(what))).text()).replace(/,/g, ""));
}

export const accounts = {
  root: tid("accounts"),
  count: tid("accounts-count"),
  add: tid("account-new"),
  form: tid("account-form"),
  formConnection: tid("account-form-connection"),
  formIdentifier: tid("account-form-identifier"),
  formApiKey: tid("account-form-api-key"),
  formSubmit: tid("account-form-submit"),
  formError: tid("account-form-error"),
  formRetry: tid("account-form-retry"),
  drawer: tid("account-drawer"),
  drawerClose: tid("account-drawer-close"),
  status: tid("account-status"),
  statusIs: (status) => `${tid("account-status")}[data-status="${status}"]`,
  authorize: tid("account-authorize"),
  delete: tid("account-delete"),
  deleteDialog: tid("account-delete-dialog"),
  deleteConfirm: tid("account-delete-confirm"),
  deleteError: tid("account-delete-error"),
  deleteRetry: tid("account-delete-retry"),
  showCredentials: tid("account-show-credentials"),
  credential: (name) => `${tid("account-credential")}[data-name="${name}"]`,
  row: (identifier) => `${tid("account-row")}[data-identifier="${identifier}"]`,
};

export const authorization = {
  dialog: tid("auth-dialog"),
  statusIs: (status) => `${tid("auth-status")}[data-status="${status}"]`,
  link: tid("auth-link"),
  close: tid("auth-close"),
  listRow: tid("authorizations-row"),
};

export const connections = {
  anyRow: tid("connection-row"),
  row: (name) => `${tid("connection-row")}[data-name="${name}"]`,
};

export const toasts = {
  any: tid("toast"),
  error: `${tid("toast")}.toast-error`,
  ok: `${tid("toast")}.toast-ok`,
  warn: `${tid("toast")}.toast-warn`,
};

/** Sets a <select> through the native setter, so React sees the change. */
export async function choose(s, css, value) {
  await s.find(`${css} option[value="${value}"]`);
  await s.execute(
    `const el = document.querySelector(arguments[0]);
     const set = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set;
     set.call(el, arguments[1]); el.dispatchEvent(new Event('change', { bubbles: true }));`,
    [css, value],
  );
}

/** Creates an account from the Accounts screen's form; returns once its drawer shows. */
export async function createAccount(s, { connection, identifier, apiKey }) {
  await go(s, "accounts");
  await (await s.find(accounts.add)).click();
  await s.find(accounts.form);
  await choose(s, accounts.formConnection, connection);
  await (await s.find(accounts.formIdentifier)).fill(identifier);
  if (apiKey !== undefined) await (await s.find(accounts.formApiKey)).fill(apiKey);
  await (await s.find(accounts.formSubmit)).click();
  await s.find(accounts.drawer, { timeout: 20000 });
}

/** /tools and /tools/$name: the catalog and a tool's runner. */
export const tools = {
  root: tid("tools"),
  filterProvider: tid("tools-filter-provider"),
  filterName: tid("tools-filter-name"),
  row: (name) => `${tid("tool-row")}[data-name="${name}"]`,
  open: tid("tool-open"),
  page: (name) => `${tid("tool-page")}[data-name="${name}"]`,
  identifier: tid("run-identifier"),
  connection: tid("run-connection"),
  /** A field of the generated form, by property name (RJSF ids are root_<name>). */
  formField: (name) => `${tid("schema-form")} #root_${name}`,
  formErrors: `${tid("schema-form")} .error-detail li`,
  count: tid("tools-count"),
  run: tid("run-tool"),
  running: tid("run-running"),
  blocked: tid("run-blocked"),
  result: tid("run-result"),
  resultDone: `${tid("run-result")}[data-outcome]`,
  outcome: (o) => `${tid("run-result")}[data-outcome="${o}"]`,
  data: tid("run-data"),
  status: tid("run-status"),
  executionId: tid("run-execution-id"),
  errorSummary: tid("run-error-summary"),
  /** "Saved in history", once the run's entries are committed. */
  saved: `${tid("run-saved")}[data-state="saved"]`,
};

/** /proxy: the proxy runner. */
export const proxy = {
  root: tid("proxy"),
  connection: tid("proxy-connection"),
  identifier: tid("proxy-identifier"),
  method: tid("proxy-method"),
  path: tid("proxy-path"),
  queryName: tid("proxy-query-name"),
  queryValue: tid("proxy-query-value"),
  send: tid("proxy-send"),
  response: tid("proxy-response"),
  status: `${tid("proxy-response")} ${tid("run-status")}`,
  body: tid("proxy-body"),
};

export const history = {
  root: tid("history"),
  search: tid("history-search"),
  row: (kind) => `${tid("history-row")}[data-kind="${kind}"]`,
  anyRow: tid("history-row"),
  open: tid("history-open"),
  detail: tid("history-detail"),
  detailStatus: tid("history-detail-status"),
  replay: tid("history-replay"),
  replaySame: tid("history-replay-same"),
  replayDiff: tid("history-replay-diff"),
  copy: (style) => tid(`history-copy-${style}`),
  exportAs: (format) => tid(`history-export-${format}`),
  toolRuns: tid("tool-runs"),
  toolRunEntry: tid("tool-run-entry"),
};

/** Opens a tool's page from the catalog, filtered to it. */
export async function openTool(s, { provider, name, words }) {
  await go(s, "tools");
  await (await s.find(tools.filterProvider)).fill(provider);
  await (await s.find(tools.filterName)).fill(words);
  // Click once the filtered list is in: a click during the re-render can land on a replaced row.
  await s.waitForText(tools.count, /^1 tools?$/, { timeout: 20000 });
  await (await s.find(`${tools.row(name)} ${tools.open}`, { timeout: 20000 })).click();
  await s.find(tools.page(name), { timeout: 20000 });
  await s.find(tools.run, { timeout: 20000 });
}

/** /mcp, /mcp/instances, /mcp/inspector: MCP configs, instances and the inspector. */
export const mcp = {
  configs: tid("mcp-configs"),
  configNew: tid("mcp-config-new"),
  configEditor: tid("mcp-config-editor"),
  configName: tid("mcp-config-name"),
  addMapping: tid("mcp-add-mapping"),
  mappingConnection: (i) => `${tid("mcp-mapping")}:nth-of-type(${i + 1}) ${tid("mcp-mapping-connection")}`,
  mappingConnections: tid("mcp-mapping-connection"),
  toolPick: (tool) => `${tid("mcp-tool-pick")}[data-tool="${tool}"]`,
  configSave: tid("mcp-config-save"),
  configRow: (name) => `${tid("mcp-config-row")}[data-name="${name}"]`,
  instances: tid("mcp-instances"),
  ensureConfig: tid("mcp-ensure-config"),
  ensureUser: tid("mcp-ensure-user"),
  ensureSubmit: tid("mcp-ensure-submit"),
  instanceRow: (user) => `${tid("mcp-instance-row")}[data-user="${user}"]`,
  drawer: tid("mcp-instance-drawer"),
  url: tid("mcp-instance-url"),
  urlReveal: tid("mcp-url-reveal"),
  conn: (name) => `${tid("mcp-conn")}[data-connection="${name}"]`,
  connStatus: (name, status) => `${tid("mcp-conn")}[data-connection="${name}"][data-status="${status}"]`,
  connAuthorize: (name) => `${tid("mcp-conn")}[data-connection="${name}"] ${tid("mcp-conn-authorize")}`,
  connLink: (name) => `${tid("mcp-conn")}[data-connection="${name}"] ${tid("auth-link")}`,
  freshLinks: tid("mcp-auth-links"),
  snippet: tid("mcp-snippet-text"),
  snippetTab: (client) => tid(`mcp-snippet-tab-${client}`),
  openInspector: tid("mcp-open-inspector"),
  inspector: tid("mcp-inspector"),
  inspectorInstance: tid("inspector-instance"),
  inspectorSourceUrl: tid("inspector-source-url"),
  inspectorUrl: tid("inspector-url"),
  connect: tid("inspector-connect-submit"),
  connectError: tid("inspector-connect-error"),
  session: tid("inspector-session"),
  target: tid("inspector-target"),
  tools: tid("inspector-tool"),
  tool: (name) => `${tid("inspector-tool")}[data-name="${name}"]`,
  call: (name) => `${tid("inspector-call")}[data-tool="${name}"]`,
  run: tid("inspector-run"),
  result: (outcome) => `${tid("inspector-result")}[data-outcome="${outcome}"]`,
  messages: tid("inspector-message"),
};

/** Creates an MCP config from the /mcp screen (`beforeSave` runs on the filled editor): `mappings` is `[[connection, [tools…]], …]`. */
export async function createMcpConfig(s, name, mappings, beforeSave = null) {
  await go(s, "mcp");
  await (await s.find(mcp.configNew)).click();
  await (await s.find(mcp.configName)).fill(name);
  for (const [i, [connection, toolNames]] of mappings.entries()) {
    await (await s.find(mcp.addMapping)).click();
    await s.waitFor(async () => (await s.findAll(mcp.mappingConnections)).length === i + 1, { what: `mapping ${i + 1}` });
    await choose(s, mcp.mappingConnection(i), connection);
    for (const t of toolNames) {
      // The checkbox sits in the dialog's scrolled list; the DOM click is what a user's does.
      await s.find(mcp.toolPick(t), { timeout: 20000 });
      await s.execute(`document.querySelector(arguments[0]).click()`, [mcp.toolPick(t)]);
      await s.find(`${mcp.toolPick(t)}:checked`);
    }
  }
  await s.execute(`document.querySelector(arguments[0]).scrollIntoView({ block: "center" })`, [mcp.configSave]);
  if (beforeSave) await beforeSave();
  await (await s.find(mcp.configSave)).click();
  await s.find(mcp.configRow(name), { timeout: 20000 });
}
