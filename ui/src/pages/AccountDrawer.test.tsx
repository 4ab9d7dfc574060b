import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Account } from "../bindings/Account";
import type { Authorization } from "../bindings/Authorization";
import { commands, events } from "../bindings/ipc";
import { boot, env, mountApp } from "../test/render";

vi.mock("../bindings/ipc");
const ipc = vi.mocked(commands);
const ev = vi.mocked(events);

const sandbox = env("env_sbx", "Sandbox", "sandbox");
const LINK = "kitbench://auth/verify?auth_request_id=s3cret";

const account = (status: string): Account => ({
  id: "ca_1",
  identifier: "alice@acme.com",
  connection: "gmail",
  provider: "google",
  status,
  auth_type: "OAUTH",
  token_expires_at: null,
  last_used_at: null,
  updated_at: "2026-11-29T00:00:00Z",
  organization_id: "org_1",
  user_id: null,
  api_config: { scopes: ["<b>mail</b>"] },
  created_at: null,
});

const authorization = (over: Partial<Authorization> = {}): Authorization => ({
  id: "au_1",
  env_id: "env_sbx",
  account_id: "ca_1",
  connection: "gmail",
  identifier: "alice@acme.com",
  status: "pending",
  reason: null,
  link: LINK,
  created_at: new Date().toISOString(),
  expires_at: new Date(Date.now() + 300_000).toISOString(),
  completed_at: null,
  callback_mode: "deep_link",
  ...over,
});

let updated: (a: Authorization) => void = () => undefined;
const writeText = vi.fn();

beforeEach(() => {
  vi.resetAllMocks();
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
  writeText.mockResolvedValue(undefined);
  ipc.perfMark.mockResolvedValue(null);
  ipc.setLastSection.mockResolvedValue(null);
  ipc.takeLinkOutcomes.mockResolvedValue([]);
  ipc.listEnvironments.mockResolvedValue([sandbox]);
  ipc.listConnections.mockResolvedValue({ connections: [], total_size: 0, next_page_token: null });
  ipc.listAccounts.mockResolvedValue({ accounts: [], total_size: 0, next_page_token: null });
  ipc.getAccount.mockResolvedValue(account("PENDING_AUTH"));
  ipc.historyList.mockResolvedValue({ entries: [], next_before: null });
  ev.linkOutcome.mockResolvedValue(() => undefined);
  ev.overviewProgress.mockResolvedValue(() => undefined);
  ev.authorizationUpdated.mockImplementation(async (h) => {
    updated = h;
    return () => undefined;
  });
});

async function openDrawer() {
  ipc.bootstrap.mockResolvedValue(boot([sandbox]));
  const { router } = await mountApp("/accounts/ca_1?connection=gmail");
  return { drawer: await screen.findByTestId("account-drawer"), router };
}

describe("the account drawer", () => {
  it("authorizes a pending OAuth account and shows it ACTIVE once verified, without a refresh", async () => {
    ipc.startAuthorization.mockResolvedValue(authorization());
    await openDrawer();
    expect(await screen.findByTestId("account-status")).toHaveAttribute("data-status", "PENDING_AUTH");
    await userEvent.click(screen.getByTestId("account-authorize"));
    expect(ipc.startAuthorization).toHaveBeenCalledWith("env_sbx", "ca_1");

    expect(await screen.findByTestId("auth-waiting")).toHaveTextContent("Waiting for the browser…");
    const link = screen.getByTestId("auth-link");
    expect(link).toHaveAttribute("data-masked", "true");
    expect(link).not.toHaveTextContent("s3cret");
    expect(screen.getByTestId("auth-expiry")).toHaveTextContent(/^[45]:\d\d$/);
    await userEvent.click(screen.getByTestId("auth-link-reveal"));
    expect(link).toHaveTextContent(LINK);
    await userEvent.click(screen.getByTestId("auth-link-copy"));
    expect(writeText).toHaveBeenCalledWith(LINK);

    ipc.getAccount.mockResolvedValue(account("ACTIVE"));
    act(() => updated(authorization({ status: "verified", link: null, completed_at: new Date().toISOString() })));
    expect(await screen.findByTestId("auth-status")).toHaveAttribute("data-status", "verified");
    await waitFor(() => expect(screen.getByTestId("account-status")).toHaveAttribute("data-status", "ACTIVE"));
    expect(screen.queryByTestId("account-authorize")).toBeNull();
  });

  it("reopens and cancels a pending authorization", async () => {
    ipc.startAuthorization.mockResolvedValue(authorization());
    ipc.reopenAuthorization.mockResolvedValue(authorization({ link: `${LINK}2` }));
    ipc.cancelAuthorization.mockResolvedValue(authorization({ status: "cancelled", link: null }));
    await openDrawer();
    await userEvent.click(await screen.findByTestId("account-authorize"));
    await userEvent.click(await screen.findByTestId("auth-reopen"));
    expect(ipc.reopenAuthorization).toHaveBeenCalledWith("au_1");
    await userEvent.click(screen.getByTestId("auth-cancel"));
    expect(await screen.findByTestId("auth-status")).toHaveAttribute("data-status", "cancelled");
    expect(screen.queryByTestId("auth-waiting")).toBeNull();
  });

  it("fetches credentials only when asked, masks secrets until revealed, and shows outside text as text", async () => {
    ipc.getAccountAuth.mockResolvedValue({
      auth_type: "OAUTH",
      fields: [
        { name: "access_token", value: "ya29.secret", secret: true },
        { name: "scopes", value: "mail.read", secret: false },
      ],
    });
    const { drawer, router } = await openDrawer();
    expect(await within(drawer).findByTestId("account-api-config")).toHaveTextContent('"<b>mail</b>"');
    expect(drawer.querySelector("b")).toBeNull();
    expect(ipc.getAccountAuth).not.toHaveBeenCalled();
    await userEvent.click(screen.getByTestId("account-show-credentials"));
    const rows = await screen.findAllByTestId("account-credential");
    expect(ipc.getAccountAuth).toHaveBeenCalledWith("env_sbx", "ca_1");
    expect(rows[0]).not.toHaveTextContent("ya29.secret");
    expect(rows[1]).toHaveTextContent("mail.read");
    await userEvent.click(within(rows[0]!).getByTestId("account-credential-reveal"));
    expect(rows[0]).toHaveTextContent("ya29.secret");
    await userEvent.click(within(rows[0]!).getByTestId("account-credential-copy"));
    expect(writeText).toHaveBeenCalledWith("ya29.secret");

    // Closing keeps the list's filters in the URL.
    await userEvent.click(screen.getByTestId("account-drawer-close"));
    await waitFor(() => expect(router.state.location.pathname).toBe("/accounts"));
    expect(router.state.location.search).toEqual({ connection: "gmail" });
  });
});
