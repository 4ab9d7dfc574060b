import { act, render, screen, waitFor } from "@testing-library/react";
import type { Account } from "../bindings/Account";
import type { Authorization } from "../bindings/Authorization";
import type { LinkOutcome } from "../bindings/LinkOutcome";
import { commands, events } from "../bindings/ipc";
import { Toasts } from "../components/Toasts";
import { applyAuthorization, listenForLinks } from "./links";
import { keys } from "./queries";
import { createQueryClient } from "./queryClient";
import { clearToasts } from "./toasts";

vi.mock("../bindings/ipc");
const ipc = vi.mocked(commands);
const ev = vi.mocked(events);

const auth = (over: Partial<Authorization> = {}): Authorization => ({
  id: "au_1",
  env_id: "env_1",
  account_id: "ca_1",
  connection: "gmail",
  identifier: "alice",
  status: "pending",
  reason: null,
  link: "kitbench://auth/verify?state=s3cret",
  created_at: "2026-11-30T00:00:00Z",
  expires_at: "2026-11-30T00:05:00Z",
  completed_at: null,
  callback_mode: "deep_link",
  ...over,
});

const pendingAccount = { id: "ca_1", identifier: "alice", status: "PENDING_AUTH" } as Account;

let onOutcome: (o: LinkOutcome) => void = () => undefined;
let onUpdated: (a: Authorization) => void = () => undefined;

beforeEach(() => {
  vi.resetAllMocks();
  clearToasts();
  ev.linkOutcome.mockImplementation(async (h) => {
    onOutcome = h;
    return () => undefined;
  });
  ev.authorizationUpdated.mockImplementation(async (h) => {
    onUpdated = h;
    return () => undefined;
  });
});

describe("authorization updates", () => {
  it("a verified authorization invalidates its account and the account lists", async () => {
    ipc.takeLinkOutcomes.mockResolvedValue([]);
    const queryClient = createQueryClient();
    queryClient.setQueryData(keys.account("env_1", "ca_1"), pendingAccount);
    queryClient.setQueryData([...keys.accounts("env_1"), { connection: null }], { pages: [], pageParams: [] });
    queryClient.setQueryData(keys.account("env_1", "ca_other"), pendingAccount);
    const stop = listenForLinks(queryClient);
    await waitFor(() => expect(ev.authorizationUpdated).toHaveBeenCalled());

    act(() => onUpdated(auth({ status: "pending", link: null })));
    expect(queryClient.getQueryState(keys.account("env_1", "ca_1"))?.isInvalidated).toBe(false);

    act(() => onUpdated(auth({ status: "verified", link: null, completed_at: "2026-11-30T00:01:00Z" })));
    expect(queryClient.getQueryState(keys.account("env_1", "ca_1"))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState([...keys.accounts("env_1"), { connection: null }])?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(keys.account("env_1", "ca_other"))?.isInvalidated).toBe(false);
    expect(queryClient.getQueryData<Authorization>(keys.authorization("au_1"))?.status).toBe("verified");
    stop();
  });

  it("keeps the in-memory link of a pending authorization when an update comes without it", () => {
    const queryClient = createQueryClient();
    queryClient.setQueryData(keys.authorizations("env_1"), [auth()]);
    applyAuthorization(queryClient, auth());
    applyAuthorization(queryClient, auth({ link: null, expires_at: "2026-11-30T00:09:00Z" }));
    const cached = queryClient.getQueryData<Authorization>(keys.authorization("au_1"));
    expect(cached?.link).toBe("kitbench://auth/verify?state=s3cret");
    expect(cached?.expires_at).toBe("2026-11-30T00:09:00Z");
    expect(queryClient.getQueryData<Authorization[]>(keys.authorizations("env_1"))?.[0]?.expires_at).toBe("2026-11-30T00:09:00Z");
  });
});

describe("link outcomes", () => {
  it("shows the outcomes that waited in Rust, after listening has started, and the ones that follow", async () => {
    const order: string[] = [];
    ev.linkOutcome.mockImplementation(async (h) => {
      order.push("listen");
      onOutcome = h;
      return () => undefined;
    });
    ipc.takeLinkOutcomes.mockImplementation(async () => {
      order.push("take");
      return [
        { kind: "verified", message: "Authorized.", authorization: auth({ status: "verified" }) },
        { kind: "rejected", message: "This link was already used.", authorization: null },
      ];
    });
    const queryClient = createQueryClient();
    render(<Toasts />);
    listenForLinks(queryClient);
    await waitFor(() => expect(screen.getAllByTestId("toast")).toHaveLength(2));
    expect(order).toEqual(["listen", "take"]);
    const [first, second] = screen.getAllByTestId("toast");
    expect(first).toHaveTextContent("alice (gmail): Authorized.");
    expect(first).toHaveClass("toast-ok");
    expect(second).toHaveTextContent("This link was already used.");
    expect(second).toHaveClass("toast-error");
    // A verified outcome refreshes the account like the update event does.
    expect(queryClient.getQueryData<Authorization>(keys.authorization("au_1"))?.status).toBe("verified");

    act(() => onOutcome({ kind: "denied", message: "The user denied access.", authorization: null }));
    const toasts = screen.getAllByTestId("toast");
    expect(toasts[2]).toHaveTextContent("The user denied access.");
    expect(toasts[2]).toHaveClass("toast-warn");
  });

  it("shows a message from outside as text, never as HTML", async () => {
    ipc.takeLinkOutcomes.mockResolvedValue([{ kind: "failed", message: "<img src=x onerror=alert(1)>", authorization: null }]);
    render(<Toasts />);
    listenForLinks(createQueryClient());
    const toast = await screen.findByTestId("toast");
    expect(toast).toHaveTextContent("<img src=x onerror=alert(1)>");
    expect(toast.querySelector("img")).toBeNull();
  });
});
