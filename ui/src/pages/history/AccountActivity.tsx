// "Activity" in the account drawer: the newest calls about this account (tool runs and proxied
// calls by identifier + connection, account calls by id), with a link to all of them.
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { commands } from "../../bindings/ipc";
import { ErrorMessage } from "../../components/ErrorMessage";
import { toIpcError } from "../../lib/errors";
import { relativeTime } from "../../lib/status";
import { historyKeys } from "./queries";

const SHOWN = 10;

interface Props {
  envId: string;
  accountId: string;
  identifier: string;
  connection: string;
}

export function AccountActivity({ envId, accountId, identifier, connection }: Props) {
  const filter = { env_id: envId, account: { id: accountId, identifier, connection } };
  const activity = useQuery({
    queryKey: historyKeys.list(filter),
    queryFn: () => commands.historyList(filter, null, SHOWN),
  });
  const entries = activity.data?.entries ?? [];
  return (
    <section data-testid="account-activity">
      <h3>Activity</h3>
      {activity.isPending && <div className="skeleton-bar" />}
      {activity.isError && <ErrorMessage error={toIpcError(activity.error)} />}
      {activity.data && entries.length === 0 && <p className="muted">No calls recorded for this account yet.</p>}
      {entries.length > 0 && (
        <ul className="activity small">
          {entries.map((e) => (
            <li key={e.id} data-testid="account-activity-entry">
              <Link to="/history" search={{ id: e.id, identifier }} className="mono">
                {e.method} {e.tool_name ?? e.path}
              </Link>{" "}
              <span className={`status-${e.status_class}`}>{e.status ?? "error"}</span>{" "}
              <span className="muted">{relativeTime(e.at)}</span>
            </li>
          ))}
        </ul>
      )}
      <Link to="/history" search={{ identifier }} className="btn btn-small" data-testid="account-activity-all">
        All of {identifier}'s calls
      </Link>
    </section>
  );
}
