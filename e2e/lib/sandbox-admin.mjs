// The Sandbox's admin endpoints and public API, as tests and benchmarks use them.

/**
 * A client for a Sandbox's admin endpoints (/_sandbox/*: reset, faults, journal, counts) and,
 * with `api`, its public API (/api/v1/*, to set up data). Gets a bearer token with the
 * client-credentials grant and fetches a new one on a 401.
 */
export function sandboxAdmin({ url, clientId, secret }) {
  let token = null;
  const fetchToken = async () => {
    const res = await fetch(`${url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: secret }),
      signal: AbortSignal.timeout(10000),
    });
    if (!res.ok) throw new Error(`Sandbox token at ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()).access_token;
  };
  const request = async (method, path, body) => {
    token ??= await fetchToken();
    const send = () =>
      fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10000),
      });
    let res = await send();
    if (res.status === 401) {
      token = await fetchToken();
      res = await send();
    }
    const text = await res.text();
    if (!res.ok) throw new Error(`Sandbox ${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const call = (method, path, body) => request(method, `/_sandbox${path}`, body);
  return {
    call,
    api: (method, path, body) => request(method, `/api/v1${path}`, body),
    /** Seeded data back, faults off, journal empty. */
    async reset() {
      await call("POST", "/reset");
      await call("PUT", "/faults", { rules: [], token_expiry: null, magic_link_ttl: null });
      await call("DELETE", "/journal");
    },
    counts: () => call("GET", "/counts"),
    /** A bearer token of the client-credentials grant (for commands the test runs itself). */
    token: async () => (token ??= await fetchToken()),
    journal: (limit) => call("GET", `/journal${limit ? `?limit=${limit}` : ""}`),
  };
}
