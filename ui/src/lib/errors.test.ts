import { describeError, toIpcError } from "./errors";

describe("describeError", () => {
  it("is just the message when there is no detail", () => {
    expect(describeError({ kind: "validation", message: "Enter a name.", fields: [] })).toEqual({ message: "Enter a name.", details: [] });
  });

  it("lists the detail Rust attaches, whatever of it is there", () => {
    const e = toIpcError({
      kind: "rate_limited",
      message: "Scalekit asked to slow down.",
      fields: [],
      detail: { http_status: 429, error_code: "RESOURCE_EXHAUSTED", retry_after_secs: 3, execution_id: "exec_1", unknown_thing: { x: 1 } },
    });
    expect(describeError(e)).toEqual({
      message: "Scalekit asked to slow down.",
      details: [
        { label: "HTTP status", value: "429" },
        { label: "Error code", value: "RESOURCE_EXHAUSTED" },
        { label: "Retry after", value: "3 s" },
        { label: "Execution ID", value: "exec_1" },
        { label: "Kind", value: "rate_limited" },
      ],
    });
  });

  it("reads detail flat on the error too, and ignores empty or odd values", () => {
    const e = toIpcError({ kind: "network", message: "Could not connect.", fields: [], cause: "connection refused", error_code: "", http_status: null });
    expect(describeError(e).details).toEqual([
      { label: "Network cause", value: "connection refused" },
      { label: "Kind", value: "network" },
    ]);
  });
});

describe("toIpcError", () => {
  it("keeps an IpcError and wraps anything else", () => {
    expect(toIpcError({ kind: "not_found", message: "gone" })).toEqual({ kind: "not_found", message: "gone", fields: [] });
    expect(toIpcError(new Error("boom"))).toEqual({ kind: "internal", message: "boom", fields: [] });
    expect(toIpcError("text")).toEqual({ kind: "internal", message: "text", fields: [] });
  });
});
