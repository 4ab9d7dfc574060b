// The AgentKit quickstart with the official Node SDK (@scalekit-sdk/node), unchanged: only the
// environment differs (SCALEKIT_ENV_URL, SCALEKIT_CLIENT_ID, SCALEKIT_CLIENT_SECRET, and
// NODE_EXTRA_CA_CERTS for an https:// URL). Steps a real user's browser would take (following
// the authorization link) are done with fetch, like a browser. Run by scripts/test-sdk.sh.
import { ScalekitClient } from "@scalekit-sdk/node";
import assert from "node:assert/strict";

const envUrl = process.env.SCALEKIT_ENV_URL;
const scalekit = new ScalekitClient(envUrl, process.env.SCALEKIT_CLIENT_ID, process.env.SCALEKIT_CLIENT_SECRET);
const actions = scalekit.actions;
const identifier = `node-quickstart-${Date.now()}@example.com`;
const step = (name, detail = "") => console.log(`ok - ${name}${detail ? ` (${detail})` : ""}`);

// 1. Get or create the user's Gmail connected account.
const created = await actions.getOrCreateConnectedAccount({ connectionName: "gmail", identifier });
const account = created.connectedAccount;
assert.equal(account.identifier, identifier);
step("get-or-create connected account", `${account.id} ${account.status}`);

// 2. An authorization link for the user.
const link = await actions.getAuthorizationLink({
  connectionName: "gmail",
  identifier,
  userVerifyUrl: "https://app.example.com/user/verify",
  state: "quickstart-state",
});
assert.match(link.link, /^https?:\/\//);
step("authorization link");

// 3. The user opens it and allows access (what the browser does).
const page = await fetch(link.link);
assert.equal(page.status, 200);
assert.match(await page.text(), /name="decision" value="allow"/);
const decided = await fetch(link.link, {
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: "decision=allow",
  redirect: "manual",
});
assert.equal(decided.status, 302);
const verifyUrl = new URL(decided.headers.get("location"));
assert.equal(verifyUrl.searchParams.get("state"), "quickstart-state");
const authRequestId = verifyUrl.searchParams.get("auth_request_id");
assert.ok(authRequestId);
step("consent allowed", verifyUrl.origin + verifyUrl.pathname);

// 4. The app verifies the user, and the account is active.
await actions.verifyConnectedAccountUser({ authRequestId, identifier });
const fetched = await actions.getConnectedAccount({ connectionName: "gmail", identifier });
assert.equal(fetched.connectedAccount.status, 1 /* ACTIVE */);
step("verified; account ACTIVE");

// 5. The tools this user can call.
const scoped = await scalekit.tools.listScopedTools(identifier, { filter: { connectionNames: ["gmail"] } });
assert.ok(scoped.tools.length > 0, "scoped tools");
step("scoped tools", `${scoped.tools.length}`);

// 6. Execute a tool.
const result = await actions.executeTool({
  toolName: "gmail_fetch_mails",
  connectedAccountId: account.id,
  toolInput: { query: "is:unread", max_results: 5 },
});
assert.ok(result.executionId);
assert.ok(result.data && typeof result.data === "object");
step("execute tool", `execution ${result.executionId}`);

// 7. A tool the provider rejects raises the SDK's tool exception (not retried).
try {
  await actions.executeTool({
    toolName: "gmail_get_message",
    connectedAccountId: account.id,
    toolInput: { message_id: "not-a-gmail-id" },
  });
  assert.fail("a provider failure must raise");
} catch (e) {
  assert.equal(e.isToolError, true, `expected a tool exception, got ${e}`);
  assert.ok(e.executionId, "tool_error_info.execution_id");
  step("tool error raises", `${e.name} ${e.toolErrorCode}`);
}

// 8. A proxied request to the provider's API.
const proxied = await actions.request({
  connectionName: "gmail",
  identifier,
  path: "/gmail/v1/users/me/profile",
  method: "GET",
});
assert.equal(proxied.status, 200);
step("proxied request", `${proxied.status}`);
console.log("node quickstart: 8 passed, 0 failed");
