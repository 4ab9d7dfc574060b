// Connected accounts: what the screens need to say about them (no React here).
import type { Credentials } from "../bindings/Credentials";
import type { FieldError } from "../bindings/FieldError";
import type { JsonValue } from "../bindings/serde_json/JsonValue";

export type CredentialKind = Credentials["kind"];

/** The credentials a connection's auth type asks for (OAuth and unknown types: none, authorized later). */
export function credentialKind(authType: string | null | undefined): CredentialKind {
  const t = (authType ?? "").toUpperCase().replaceAll("-", "_");
  if (t.includes("API_KEY") || t === "APIKEY") return "api_key";
  if (t.includes("BEARER")) return "bearer";
  if (t.includes("BASIC")) return "basic";
  return "oauth";
}

export function isOAuth(authType: string | null | undefined): boolean {
  return credentialKind(authType) === "oauth" && (authType ?? "").toUpperCase().includes("OAUTH");
}

/** "in 3 h", "in 12 min", "expired 2 d ago"; "—" without a time. */
export function timeLeft(iso: string | null, now: number = Date.now()): string {
  if (!iso) return "—";
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const s = Math.round((then - now) / 1000);
  const span = (secs: number) => {
    const a = Math.abs(secs);
    if (a < 60) return `${a} s`;
    const m = Math.round(a / 60);
    if (m < 60) return `${m} min`;
    const h = Math.round(m / 60);
    if (h < 48) return `${h} h`;
    return `${Math.round(h / 24)} d`;
  };
  return s >= 0 ? `in ${span(s)}` : `expired ${span(s)} ago`;
}

/** "4:59" for a countdown to `iso` (0:00 once passed). */
export function countdown(iso: string, now: number = Date.now()): string {
  const s = Math.max(0, Math.floor((Date.parse(iso) - now) / 1000));
  if (Number.isNaN(s)) return "—";
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, "0")}`;
}

/** The text of a JSON textarea: empty → null, valid → the value, invalid → an error. */
export function parseJson(text: string): { ok: true; value: JsonValue | null } | { ok: false } {
  if (!text.trim()) return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) as JsonValue };
  } catch {
    return { ok: false };
  }
}

/** Pretty JSON text (shown as text, never as HTML). */
export function prettyJson(value: JsonValue | null | undefined): string {
  return value === null || value === undefined ? "" : JSON.stringify(value, null, 2);
}

/**
 * The command's field errors by form field: `credentials.api_key` and `api_key` both name the
 * API key field; the first message of a field wins.
 */
export function fieldErrors(fields: FieldError[]): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const f of fields) {
    const name = f.field.split(".").pop() ?? f.field;
    out[name] ??= f.message;
  }
  return out;
}

/** A secret's stand-in until it is revealed. */
export const MASK = "••••••••••••";

/** A link with its query (which carries the secret state) masked. */
export function maskLink(link: string): string {
  const q = link.indexOf("?");
  return q < 0 ? MASK : `${link.slice(0, q + 1)}${MASK}`;
}
