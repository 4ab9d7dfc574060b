// Errors as the Rust side sends them (IpcError), and how to show one to a person.
import type { IpcError } from "../bindings/IpcError";

/** Whatever a command rejected with, as an IpcError (unexpected rejections become `internal`). */
export function toIpcError(e: unknown): IpcError {
  if (e && typeof e === "object" && "kind" in e && "message" in e) {
    const err = e as Partial<IpcError> & Record<string, unknown>;
    return { ...err, kind: err.kind ?? "internal", message: String(err.message), fields: Array.isArray(err.fields) ? err.fields : [] };
  }
  return { kind: "internal", message: e instanceof Error ? e.message : String(e), fields: [] };
}

export interface TechnicalDetail {
  label: string;
  value: string;
}

export interface DescribedError {
  message: string;
  /** Shown folded under "Technical details"; empty when there is nothing more to say. */
  details: TechnicalDetail[];
}

// The detail the Rust side may attach (as `detail: {...}` or flat on the error). Every field is
// read as optional and by more than one spelling: the shape may grow without breaking the UI.
const DETAIL_FIELDS: { label: string; keys: string[]; format?: (v: string) => string }[] = [
  { label: "HTTP status", keys: ["http_status", "status"] },
  { label: "gRPC code", keys: ["grpc_code"] },
  { label: "Error code", keys: ["error_code"] },
  { label: "Tool error code", keys: ["tool_error_code"] },
  { label: "Retry after", keys: ["retry_after_secs", "retry_after"], format: (v) => (/^\d+(\.\d+)?$/.test(v) ? `${v} s` : v) },
  { label: "Execution ID", keys: ["execution_id"] },
  { label: "Network cause", keys: ["cause", "network_cause", "source"] },
];

function scalar(value: unknown): string | null {
  if (typeof value === "string") return value.trim() ? value : null;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

/** The message, and the detail (HTTP status, error code, retry after, execution id, cause) when present. */
export function describeError(e: IpcError): DescribedError {
  const flat = e as unknown as Record<string, unknown>;
  const nested = flat.detail && typeof flat.detail === "object" ? (flat.detail as Record<string, unknown>) : {};
  const details: TechnicalDetail[] = [];
  for (const field of DETAIL_FIELDS) {
    for (const key of field.keys) {
      const value = scalar(nested[key]) ?? scalar(flat[key]);
      if (value !== null) {
        details.push({ label: field.label, value: field.format ? field.format(value) : value });
        break;
      }
    }
  }
  if (details.length > 0) details.push({ label: "Kind", value: e.kind });
  return { message: e.message, details };
}
