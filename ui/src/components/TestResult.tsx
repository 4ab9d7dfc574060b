import type { ConnectionTest } from "../bindings/ConnectionTest";
import { Icon } from "./Icon";

export function TestResult({ result, testId = "env-test-result" }: { result: ConnectionTest; testId?: string }) {
  return (
    <div
      className={result.ok ? "callout callout-ok" : "callout callout-error"}
      role="status"
      data-testid={testId}
      data-ok={result.ok ? "true" : "false"}
      data-kind={result.error_kind ?? ""}
    >
      <Icon name={result.ok ? "check" : "alert"} />
      <div>
        <strong>{result.ok ? "Connection works" : "Connection failed"}</strong>
        <p data-testid="env-test-message">{result.message}</p>
        <p className="muted small">
          {result.http_status ? `HTTP ${result.http_status} · ` : ""}
          {result.elapsed_ms} ms
        </p>
      </div>
    </div>
  );
}
