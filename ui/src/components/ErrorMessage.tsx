import type { IpcError } from "../bindings/IpcError";
import { describeError } from "../lib/errors";

/** An error's message, with its technical detail folded away when there is any. */
export function ErrorMessage({ error }: { error: IpcError }) {
  const { message, details } = describeError(error);
  return (
    <>
      <p>{message}</p>
      {details.length > 0 && (
        <details className="error-details" data-testid="error-technical">
          <summary>Technical details</summary>
          <dl className="facts">
            {details.map((d) => (
              <div key={d.label} className="facts-row">
                <dt>{d.label}</dt>
                <dd className="mono">{d.value}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </>
  );
}
