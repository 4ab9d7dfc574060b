"""The AgentKit quickstart with the official Python SDK (scalekit-sdk-python), unchanged: only
the environment differs (SCALEKIT_ENV_URL, SCALEKIT_CLIENT_ID, SCALEKIT_CLIENT_SECRET, and
GRPC_DEFAULT_SSL_ROOTS_FILE_PATH, since this SDK always speaks gRPC over TLS). Steps a real
user's browser would take (following the authorization link) are done with requests, like a
browser. Run by scripts/test-sdk.sh.
"""
import os
import time
from urllib.parse import parse_qs, urlparse

import requests
from scalekit import ScalekitClient
from scalekit.actions.models.mcp_config import McpConfigConnectionToolMapping
from scalekit.common.exceptions import ScalekitToolException
from scalekit.v1.tools.tools_pb2 import ScopedToolFilter

client = ScalekitClient(
    os.environ["SCALEKIT_ENV_URL"],
    os.environ["SCALEKIT_CLIENT_ID"],
    os.environ["SCALEKIT_CLIENT_SECRET"],
)
actions = client.actions
identifier = f"python-quickstart-{int(time.time() * 1000)}@example.com"
passed = 0


def step(name, detail=""):
    global passed
    passed += 1
    print(f"ok - {name}" + (f" ({detail})" if detail else ""), flush=True)


# 1. Get or create the user's Gmail connected account.
created = actions.get_or_create_connected_account(connection_name="gmail", identifier=identifier)
account = created.connected_account
assert account.identifier == identifier, account
step("get-or-create connected account", f"{account.id} {account.status}")

# 2. An authorization link for the user.
link = actions.get_authorization_link(
    connection_name="gmail",
    identifier=identifier,
    user_verify_url="https://app.example.com/user/verify",
    state="quickstart-state",
).link
assert link.startswith("http"), link
step("authorization link")

# 3. The user opens it and allows access (what the browser does).
page = requests.get(link, timeout=10)
assert page.status_code == 200 and 'value="allow"' in page.text, page.status_code
decided = requests.post(link, data={"decision": "allow"}, allow_redirects=False, timeout=10)
assert decided.status_code == 302, decided.status_code
query = parse_qs(urlparse(decided.headers["location"]).query)
assert query["state"] == ["quickstart-state"], query
auth_request_id = query["auth_request_id"][0]
step("consent allowed")

# 4. The app verifies the user, and the account is active.
actions.verify_connected_account_user(auth_request_id=auth_request_id, identifier=identifier)
fetched = actions.get_connected_account(connection_name="gmail", identifier=identifier)
assert str(fetched.connected_account.status).upper().endswith("ACTIVE"), fetched.connected_account.status
step("verified; account ACTIVE", str(fetched.connected_account.status))

# 5. The tools this user can call.
scoped, _ = client.tools.list_scoped_tools(
    identifier=identifier, filter=ScopedToolFilter(connection_names=["gmail"])
)
assert len(scoped.tools) > 0, scoped
step("scoped tools", str(len(scoped.tools)))

# 6. Execute a tool.
result = actions.execute_tool(
    tool_name="gmail_fetch_mails",
    connected_account_id=account.id,
    tool_input={"query": "is:unread", "max_results": 5},
)
assert result.execution_id and isinstance(result.data, dict), result
step("execute tool", f"execution {result.execution_id}")

# 7. A call the provider rejects raises the SDK's tool exception (and is not retried).
try:
    actions.execute_tool(
        tool_name="gmail_get_message",
        connected_account_id=account.id,
        tool_input={"message_id": "not-a-gmail-id"},
    )
    raise AssertionError("a provider failure must raise")
except ScalekitToolException as e:
    assert e.execution_id, "tool_error_info.execution_id"
    step("tool error raises", f"{type(e).__name__} {e.tool_error_code}")

# 8. A proxied request to the provider's API.
proxied = actions.request(
    connection_name="gmail", identifier=identifier, path="/gmail/v1/users/me/profile", method="GET"
)
assert proxied.status_code == 200, proxied.status_code
step("proxied request", str(proxied.status_code))

# 9. An MCP config with Gmail tools, an instance for the user, and its auth state with links.
config_name = f"quickstart-{int(time.time() * 1000)}"
config = actions.mcp.create_config(
    name=config_name,
    description="Gmail tools for the quickstart",
    connection_tool_mappings=[
        McpConfigConnectionToolMapping(
            connection_name="gmail", tools=["gmail_fetch_mails", "gmail_send_email"]
        )
    ],
).config
assert config.name == config_name, config
step("MCP config created", config.id)
instance = actions.mcp.ensure_instance(config_name=config_name, user_identifier=identifier).instance
assert instance.id and instance.url, instance
step("MCP instance ensured", instance.id)
state = actions.mcp.get_instance_auth_state(instance_id=instance.id, include_auth_links=True)
connections = state.connections
assert connections, state
step("MCP auth state", ", ".join(f"{c.connection_name}:{c.connected_account_status}" for c in connections))

print(f"python quickstart: {passed} passed, 0 failed")
