"""Times execute_tool through the official Scalekit Python SDK against a Kitbench Sandbox.

Usage: sdk_execute.py ENV_URL CLIENT_ID CLIENT_SECRET CONNECTION IDENTIFIER [CALLS]
The SDK speaks gRPC over TLS to the environment URL's host:port: set
GRPC_DEFAULT_SSL_ROOTS_FILE_PATH to the Sandbox's ca_file. Prints one JSON line with the
per-call latencies (seconds) of CALLS - 1 sequential calls after a first, untimed one.
"""
import json
import sys
import time

from scalekit import ScalekitClient

env_url, client_id, client_secret, connection, identifier = sys.argv[1:6]
calls = int(sys.argv[6]) if len(sys.argv) > 6 else 1

client = ScalekitClient(env_url, client_id, client_secret)


def execute():
    return client.actions.execute_tool(
        tool_name="gmail_fetch_mails",
        identifier=identifier,
        connection_name=connection,
        tool_input={"max_results": 5},
    )


first = execute()
latencies = []
for _ in range(calls - 1 if calls > 1 else 0):
    start = time.perf_counter()
    result = execute()
    latencies.append(time.perf_counter() - start)
    if not result.execution_id:
        raise SystemExit(f"execute_tool answered without an execution id: {result}")

print(json.dumps({"execution_id": first.execution_id, "latencies": latencies}))
