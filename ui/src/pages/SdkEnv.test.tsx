import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { commands } from "../bindings/ipc";
import { SECRET_PLACEHOLDER, SdkEnvPanel, sdkEnv } from "./SdkEnv";

vi.mock("../bindings/ipc");

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

  it("shows the secret masked and copies the block with the real one", async () => {
    vi.mocked(commands.sandboxClientSecret).mockResolvedValue("s3cret-value");
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, "writeText").mockResolvedValue(undefined);
    render(<SdkEnvPanel input={input} />);
    expect(screen.getByTestId("sdk-env-block")).toHaveTextContent(SECRET_PLACEHOLDER);
    expect(screen.getByTestId("sdk-env-block")).not.toHaveTextContent("s3cret-value");
    await user.click(screen.getByTestId("sdk-env-copy"));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(sdkEnv("python", input, "s3cret-value")));
  });
});
