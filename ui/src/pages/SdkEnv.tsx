import { useState } from "react";
import { commands } from "../bindings/ipc";
import { copyWhenReady } from "../lib/clipboard";
import { toIpcError } from "../lib/errors";
import { notify } from "../lib/toasts";

/** Where the SDK's values come from: the Sandbox's URL and certificate, its environment's client id. */
export interface SdkEnvInput {
  url: string;
  caFile: string;
  clientId: string;
}

export type Sdk = "python" | "node";

/** Stands for the secret on screen: it goes into the clipboard only when the user copies. */
export const SECRET_PLACEHOLDER = "<the Sandbox environment's client secret>";

/**
 * The `.env` block that points an SDK's quickstart at the Sandbox. Python always dials gRPC over
 * TLS, so it needs the certificate even for an http:// URL; Node speaks cleartext HTTP/2 to an
 * http:// URL and needs nothing more (for https://, NODE_EXTRA_CA_CERTS).
 */
export function sdkEnv(sdk: Sdk, input: SdkEnvInput, secret: string = SECRET_PLACEHOLDER): string {
  const lines = [
    `SCALEKIT_ENV_URL=${input.url}`,
    `SCALEKIT_CLIENT_ID=${input.clientId}`,
    `SCALEKIT_CLIENT_SECRET=${secret}`,
  ];
  if (sdk === "python") {
    lines.push(`GRPC_DEFAULT_SSL_ROOTS_FILE_PATH=${input.caFile}`);
  } else {
    lines.push(`# for https:// (${input.url.replace(/^http:/, "https:")}) instead:`);
    lines.push(`# NODE_EXTRA_CA_CERTS=${input.caFile}`);
  }
  return lines.join("\n") + "\n";
}

const TITLES: Record<Sdk, string> = { python: "Python (scalekit-sdk-python)", node: "Node (@scalekit-sdk/node)" };

/** For each SDK, the environment variables to copy as an `.env` block. */
export function SdkEnvPanel({ input }: { input: SdkEnvInput }) {
  const [sdk, setSdk] = useState<Sdk>("python");
  const text = sdkEnv(sdk, input);
  // The block as shown masks the secret; the copy carries it, so the quickstart runs as pasted.
  const copy = () =>
    copyWhenReady(commands.sandboxClientSecret().then((secret) => sdkEnv(sdk, input, secret))).then(
        () => notify("ok", "Environment copied, with the Sandbox's client secret"),
        (e: unknown) => notify("error", `Could not copy the environment: ${toIpcError(e).message}`),
      );
  return (
    <div className="panel" data-testid="sdk-env">
      <h2>Use it from the official SDKs</h2>
      <p className="muted">
        The quickstarts run unchanged against the Sandbox: gRPC, the token endpoint and the proxy share its port. The copy includes the
        Sandbox&apos;s client secret (a credential of this local test server only).
      </p>
      <div className="actions" role="group" aria-label="SDK">
        {(Object.keys(TITLES) as Sdk[]).map((s) => (
          <button key={s} type="button" className="btn btn-small" aria-pressed={sdk === s} onClick={() => setSdk(s)} data-testid={`sdk-env-${s}`}>
            {TITLES[s]}
          </button>
        ))}
      </div>
      <pre className="mono" data-testid="sdk-env-block">{text}</pre>
      <button type="button" className="btn" onClick={copy} data-testid="sdk-env-copy">Copy .env</button>
    </div>
  );
}
