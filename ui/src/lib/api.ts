// Typed calls into the Rust side. Every type comes from src/bindings (generated from Rust).
import { invoke } from "@tauri-apps/api/core";
import type { Bootstrap } from "../bindings/Bootstrap";
import type { ConnectionTest } from "../bindings/ConnectionTest";
import type { Environment } from "../bindings/Environment";
import type { EnvironmentInput } from "../bindings/EnvironmentInput";
import type { IpcError } from "../bindings/IpcError";
import type { Label } from "../bindings/Label";
import type { Overview } from "../bindings/Overview";
import type { SandboxKnobs } from "../bindings/SandboxKnobs";
import type { SandboxStatus } from "../bindings/SandboxStatus";
import type { SecretStatus } from "../bindings/SecretStatus";

export const api = {
  bootstrap: () => invoke<Bootstrap>("bootstrap"),
  listEnvironments: () => invoke<Environment[]>("list_environments"),
  createEnvironment: (input: EnvironmentInput) =>
    invoke<Environment>("create_environment", { input }),
  updateEnvironment: (id: string, input: EnvironmentInput) =>
    invoke<Environment>("update_environment", { id, input }),
  deleteEnvironment: (id: string) => invoke<null>("delete_environment", { id }),
  duplicateEnvironment: (id: string) => invoke<Environment>("duplicate_environment", { id }),
  setActiveEnvironment: (id: string) => invoke<Environment>("set_active_environment", { id }),
  testEnvironment: (id: string) => invoke<ConnectionTest>("test_environment", { id }),
  testEnvironmentInput: (input: EnvironmentInput, existingId: string | null) =>
    invoke<ConnectionTest>("test_environment_input", { input, existing_id: existingId }),
  importDotenv: (text: string, name: string | null, label: Label) =>
    invoke<Environment>("import_dotenv", { text, name, label }),
  exportEnvironments: () => invoke<string>("export_environments"),
  overview: (envId: string) => invoke<Overview>("overview", { env_id: envId }),
  useSessionSecrets: () => invoke<SecretStatus>("use_session_secrets"),
  setLastSection: (section: string) => invoke<null>("set_last_section", { section }),
  sandboxStatus: () => invoke<SandboxStatus>("sandbox_status"),
  sandboxSetKnobs: (knobs: SandboxKnobs) => invoke<SandboxStatus>("sandbox_set_knobs", { knobs }),
  sandboxReset: () => invoke<SandboxStatus>("sandbox_reset"),
  perfMark: (name: "first_ipc" | "overview_painted") => invoke<null>("perf_mark", { name }),
};

/** Whatever a command rejected with, as an IpcError (unexpected rejections become `internal`). */
export function toIpcError(e: unknown): IpcError {
  if (e && typeof e === "object" && "kind" in e && "message" in e) {
    const err = e as Partial<IpcError>;
    return { kind: err.kind ?? "internal", message: String(err.message), fields: err.fields ?? [] };
  }
  return { kind: "internal", message: e instanceof Error ? e.message : String(e), fields: [] };
}

/** The message for one form field, if the error names it. */
export function fieldError(err: IpcError | null, field: string): string | undefined {
  return err?.fields.find((f) => f.field === field)?.message;
}
