import { describe, expect, it } from "vitest";
import { SECRET_PLACEHOLDER, sdkEnv } from "./SdkEnv";

const input = { url: "http://127.0.0.1:4100", caFile: "/data/kitbench-sandbox-tls/sandbox-cert.pem", clientId: "skc_1" };

describe("sdkEnv", () => {
  it("gives Python the certificate its TLS gRPC channel needs", () => {
    expect(sdkEnv("python", input)).toBe(
      "SCALEKIT_ENV_URL=http://127.0.0.1:4100\nSCALEKIT_CLIENT_ID=skc_1\n" +
        `SCALEKIT_CLIENT_SECRET=${SECRET_PLACEHOLDER}\n` +
        "GRPC_DEFAULT_SSL_ROOTS_FILE_PATH=/data/kitbench-sandbox-tls/sandbox-cert.pem\n",
    );
  });

  it("gives Node the plain URL and, commented, the https one with its certificate", () => {
    const text = sdkEnv("node", input, "s3cret");
    expect(text).toContain("SCALEKIT_CLIENT_SECRET=s3cret\n");
    expect(text).toContain("# for https:// (https://127.0.0.1:4100) instead:\n# NODE_EXTRA_CA_CERTS=/data/kitbench-sandbox-tls/sandbox-cert.pem\n");
    expect(text).not.toContain("GRPC_DEFAULT_SSL_ROOTS_FILE_PATH");
  });
});
