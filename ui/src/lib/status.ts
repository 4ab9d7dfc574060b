// Display names and tones for connected-account statuses (wire names from AgentKit).
const NAMES: Record<string, string> = {
  ACTIVE: "Active",
  PENDING_AUTH: "Pending auth",
  PENDING_VERIFICATION: "Pending verification",
  EXPIRED: "Expired",
  DISCONNECTED: "Disconnected",
  CONNECTION_STATUS_UNSPECIFIED: "Unspecified",
};

export function statusName(status: string): string {
  return NAMES[status] ?? status.charAt(0) + status.slice(1).toLowerCase().replaceAll("_", " ");
}

export function statusTone(status: string): "ok" | "warn" | "bad" | "muted" {
  if (status === "ACTIVE") return "ok";
  if (status.startsWith("PENDING")) return "warn";
  if (status === "EXPIRED" || status === "DISCONNECTED") return "bad";
  return "muted";
}

/** "just now", "5 min ago", … for RFC 3339 timestamps. */
export function relativeTime(iso: string | null, now: number = Date.now()): string {
  if (!iso) return "Never";
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const s = Math.round((now - then) / 1000);
  if (s < 45) return "just now";
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.round(h / 24);
  if (d < 30) return `${d} d ago`;
  return new Date(then).toLocaleDateString();
}
