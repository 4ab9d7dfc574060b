// Client-side checks mirroring crates/core/src/environments/validate.rs, so the form can answer
// before a round trip. The Rust side stays the authority.
import type { EnvironmentInput } from "../bindings/EnvironmentInput";

export type FieldErrors = Partial<Record<"name" | "env_url" | "client_id" | "client_secret", string>>;

function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127\.\d+\.\d+\.\d+$/.test(h);
}

export function checkEnvUrl(raw: string): string | undefined {
  const text = raw.trim();
  if (!text) return "Enter the environment URL, e.g. https://acme.scalekit.com";
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${text}" is not a URL. Use the full address, e.g. https://acme.scalekit.com`;
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    return "The environment URL must start with https:// (http is allowed only for localhost)";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return `The environment URL must use https://, not ${url.protocol}//`;
  }
  if (url.search || url.hash) return "The environment URL must not have a query (?…) or fragment (#…).";
  return undefined;
}

export function checkInput(input: EnvironmentInput, secretRequired: boolean): FieldErrors {
  const errors: FieldErrors = {};
  const name = input.name.trim();
  if (!name) errors.name = "Enter a name.";
  else if ([...name].length > 80) errors.name = "Keep the name under 80 characters.";
  const url = checkEnvUrl(input.env_url);
  if (url) errors.env_url = url;
  const id = input.client_id.trim();
  if (!id) errors.client_id = "Enter the client ID.";
  else if (/\s/.test(id)) errors.client_id = "The client ID cannot contain spaces.";
  if (secretRequired && !(input.client_secret ?? "").trim()) errors.client_secret = "Enter the client secret.";
  return errors;
}
