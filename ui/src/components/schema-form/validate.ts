// The one validator the runner form uses (cfValidator.ts: @cfworker/json-schema behind RJSF's
// validator interface), and the same check as a plain function for tests and the JSON editor.
import type { ErrorSchema, RJSFSchema, RJSFValidationError } from "@rjsf/utils";
import { CfworkerValidator } from "./cfValidator";

export const validator = new CfworkerValidator();

export interface InputProblem {
  /** JSON pointer of the field at fault (`/max_results`, `/to`). */
  pointer: string;
  message: string;
}

/** `.a.b`, `['a-b']`, `.list.0` → `/a/b`, `/a-b`, `/list/0`. */
export function propertyToPointer(property: string | undefined): string {
  if (!property) return "";
  const parts: string[] = [];
  const re = /\.([^.[\]]+)|\['((?:[^'\\]|\\.)*)'\]|\[(\d+)\]/g;
  for (let m = re.exec(property); m; m = re.exec(property)) parts.push(m[1] ?? m[2] ?? m[3] ?? "");
  return parts.map((p) => "/" + escape(p)).join("");
}

const escape = (p: string) => p.replace(/~/g, "~0").replace(/\//g, "~1");

function toProblem(e: RJSFValidationError): InputProblem {
  let pointer = propertyToPointer(e.property);
  // A missing required field is named by its own pointer, as Rust names it, not its parent's.
  const missing: unknown = (e.params as { missingProperty?: unknown } | undefined)?.missingProperty;
  if (e.name === "required" && typeof missing === "string" && !pointer.endsWith(`/${escape(missing)}`)) pointer += `/${escape(missing)}`;
  return { pointer, message: e.message ?? e.stack };
}

/** Every problem of `data` against `schema`; empty when valid. */
export function validateInput(schema: RJSFSchema, data: unknown): InputProblem[] {
  const { errors } = validator.validateFormData(data, schema);
  return errors.map(toProblem);
}

/** Field errors from Rust (JSON pointers) as the error schema RJSF shows beside each field. */
export function pointerErrors(problems: { field: string; message: string }[]): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const { field, message } of problems) {
    const parts = field.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    let node = root;
    for (const p of parts) node = (node[p] ??= {}) as Record<string, unknown>;
    ((node.__errors ??= []) as string[]).push(message);
  }
  return root as ErrorSchema;
}
