import { statusName, statusTone } from "../lib/status";

const PILL: Record<ReturnType<typeof statusTone>, string> = { ok: "pill pill-ok", warn: "pill pill-warn", bad: "pill pill-bad", muted: "pill" };

/** A connected account's status as a colored pill. */
export function StatusPill({ status, testId }: { status: string; testId?: string }) {
  return (
    <span className={PILL[statusTone(status)]} data-testid={testId} data-status={status}>
      {statusName(status)}
    </span>
  );
}
