"""Drives the official Scalekit Python SDK against a Kitbench Sandbox.

Usage: sdk_proxy.py ENV_URL CLIENT_ID CLIENT_SECRET CONNECTION IDENTIFIER [CALLS]
Prints one JSON line: the status and body of one proxied call, and, when CALLS > 1, the
per-call latencies of CALLS sequential proxied calls (seconds), measured inside Python so the
benchmark compares like with like.
"""
import json
import sys
import time

from scalekit import ScalekitClient

env_url, client_id, client_secret, connection, identifier = sys.argv[1:6]
calls = int(sys.argv[6]) if len(sys.argv) > 6 else 1

# The constructor fetches the client-credentials token eagerly (POST /oauth/token).
client = ScalekitClient(env_url, client_id, client_secret)
token = client.core_client.access_token

def proxied():
    return client.actions.request(
        connection_name=connection,
        identifier=identifier,
        path="/gmail/v1/users/me/profile",
        method="GET",
        query_params={"fields": "emailAddress"},
    )

first = proxied()
latencies = []
for _ in range(calls - 1 if calls > 1 else 0):
    start = time.perf_counter()
    r = proxied()
    latencies.append(time.perf_counter() - start)
    if r.status_code != 200:
        raise SystemExit(f"proxied call failed: {r.status_code} {r.text[:200]}")

print(json.dumps({
    "token_fetched": bool(token),
    "status": first.status_code,
    "body": first.json(),
    "latencies": latencies,
}))
