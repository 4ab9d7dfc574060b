import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { BodyChunk } from "../bindings/BodyChunk";
import type { HistoryEntry } from "../bindings/HistoryEntry";
import type { HistoryFilter } from "../bindings/HistoryFilter";
import type { HistoryRow } from "../bindings/HistoryRow";
import { commands, events } from "../bindings/ipc";
import { boot, env, mountApp } from "../test/render";
import { blocks } from "./history/ChunkedText";

vi.mock("../bindings/ipc");
const ipc = vi.mocked(commands);
const ev = vi.mocked(events);
const sandbox = env("env_sbx", "Sandbox", "sandbox");

const row = (id: number, over: Partial<HistoryRow> = {}): HistoryRow => ({
  id,
  at: new Date().toISOString(),
  env_id: "env_sbx",
  run_id: null,
  kind: "tool",
  method: "POST",
  path: "/api/v1/execute_tool",
  tool_name: "gmail_fetch_mails",
  identifier: "alice@example.com",
  connection: "gmail",
  account_id: null,
  status: 200,
  status_class: "2xx",
  error: null,
  duration_ms: 12,
  attempt: 1,
  request_size: 40,
  response_size: 70_000,
  ...over,
});

const BIG = `{"data":"${"x".repeat(300_000)}","html":"<b>bold</b>"}`;
/** Pieces as the backend cuts them (all ASCII here, so characters are bytes); the real ones
 * are 1 MiB, always more than the 64 KiB preview, as these are. */
const PIECE = 100_000;
const piece = (offset: number): BodyChunk => ({ text: BIG.slice(offset, offset + PIECE), next: Math.min(offset + PIECE, BIG.length), stored: BIG.length });

/** historyBodyChunk answers held until the test lets each one go. */
function heldPieces() {
  const waiting: { offset: number; release: (fail?: unknown) => void }[] = [];
  ipc.historyBodyChunk.mockImplementation(
    (_id, _part, offset) =>
      new Promise<BodyChunk>((resolve, reject) => {
        waiting.push({ offset, release: (fail) => (fail ? reject(fail) : resolve(piece(offset))) });
      }),
  );
  return async (fail?: unknown) => {
    await waitFor(() => expect(waiting.length).toBeGreaterThan(0));
    await act(async () => waiting.shift()!.release(fail));
  };
}

const offsets = () => ipc.historyBodyChunk.mock.calls.map(([, , offset]) => offset);

const entry = (id: number): HistoryEntry => ({
  row: row(id),
  url: "http://127.0.0.1:9/api/v1/execute_tool",
  request_headers: [{ name: "authorization", value: "Bearer ****" }],
  response_headers: [{ name: "content-type", value: "application/json" }],
  request_body: { size: 40, stored: 40, text: '{"tool_name":"gmail_fetch_mails"}', complete: true, binary: false, content_type: "application/json" },
  response_body: { size: BIG.length, stored: BIG.length, text: BIG.slice(0, 65_536), complete: false, binary: false, content_type: "application/json" },
});

// jsdom lays nothing out: give the scroll boxes the heights the CSS would (after resetAllMocks).
function layout() {
  vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockImplementation(function (this: HTMLElement) {
    return this.classList.contains("table-scroll") ? 600 : this.classList.contains("chunked-text") ? 360 : 0;
  });
  vi.spyOn(HTMLElement.prototype, "clientWidth", "get").mockReturnValue(1000);
}
afterAll(() => vi.restoreAllMocks());

beforeEach(() => {
  vi.resetAllMocks();
  layout();
  Object.defineProperty(navigator, "clipboard", { value: { writeText: vi.fn().mockResolvedValue(undefined) }, configurable: true });
  ipc.perfMark.mockResolvedValue(null);
  ipc.setLastSection.mockResolvedValue(null);
  ipc.takeLinkOutcomes.mockResolvedValue([]);
  ipc.listEnvironments.mockResolvedValue([sandbox]);
  ev.linkOutcome.mockResolvedValue(() => undefined);
  ev.overviewProgress.mockResolvedValue(() => undefined);
  ev.authorizationUpdated.mockResolvedValue(() => undefined);
  ipc.historyList.mockImplementation(async (filter: HistoryFilter) => ({
    entries: filter.q === "zebra" ? [row(7, { tool_name: "slack_send_message" })] : [row(3), row(2, { kind: "proxy", tool_name: null, path: "/proxy/x", status: 500, status_class: "5xx" })],
    next_before: null,
  }));
  ipc.historyGet.mockImplementation(async (id: number) => entry(id));
  ipc.historyBodyChunk.mockImplementation(async (_id, _part, offset) => piece(offset));
});

async function open(path: string) {
  ipc.bootstrap.mockResolvedValue(boot([sandbox]));
  const { router } = await mountApp(path);
  return router;
}

describe("the history screen", () => {
  it("lists entries newest first and searches on the server once typing pauses", async () => {
    await open("/history");
    const rows = await screen.findAllByTestId("history-row");
    expect(rows.map((r) => r.getAttribute("data-id"))).toEqual(["3", "2"]);
    expect(within(rows[1]!).getByTestId("history-status")).toHaveTextContent("500");
    await userEvent.type(screen.getByTestId("history-search"), "zebra");
    await waitFor(() => expect(ipc.historyList).toHaveBeenLastCalledWith({ q: "zebra" }, null, 100));
    await waitFor(() => expect(screen.getAllByTestId("history-row").map((r) => r.getAttribute("data-id"))).toEqual(["7"]));
    await userEvent.selectOptions(screen.getByTestId("history-filter-kind"), "proxy");
    await waitFor(() => expect(ipc.historyList).toHaveBeenLastCalledWith({ q: "zebra", kind: "proxy" }, null, 100));
  });

  it("opens an entry: headers and bodies as text, the rest of a large body on request, replay and copy", async () => {
    ipc.historyReplay.mockResolvedValue({ original: entry(3), replayed: entry(9), changes: [], ignored: ["/execution_id"] });
    ipc.historyCopyAs.mockResolvedValue("curl -X POST 'http://127.0.0.1:9/api/v1/execute_tool'");
    await open("/history");
    await userEvent.click((await screen.findAllByTestId("history-open"))[0]!);
    const detail = await screen.findByTestId("history-detail");
    expect(ipc.historyGet).toHaveBeenCalledWith(3);
    expect(await within(detail).findByTestId("history-request-headers")).toHaveTextContent("Bearer ****");
    expect(within(detail).getByTestId("body-response-partial")).toHaveTextContent("first 64.0 KB");
    expect(within(detail).getByTestId("body-response-text")).toHaveAttribute("data-complete", "false");
    expect(ipc.historyBodyChunk).not.toHaveBeenCalled();
    await userEvent.click(within(detail).getByTestId("body-response-all"));
    await waitFor(() => expect(within(detail).queryByTestId("body-response-partial")).toBeNull());
    expect(ipc.historyBodyChunk).toHaveBeenCalledWith(3, "response", 0);
    expect(offsets()).toEqual([0, 100_000, 200_000, 300_000]);
    expect(within(detail).getByTestId("body-response-text")).toHaveAttribute("data-complete", "true");
    // The whole body, pretty-printed, as text: the HTML inside is characters, not elements.
    expect(within(detail).getByTestId("body-response-text")).toHaveTextContent('"html": "<b>bold</b>"');
    expect(detail.querySelector("b")).toBeNull();

    await userEvent.click(within(detail).getByTestId("history-replay"));
    expect(await within(detail).findByTestId("history-replay-same")).toHaveTextContent("not compared: /execution_id");
    await userEvent.click(within(detail).getByTestId("history-copy-curl"));
    await waitFor(() => expect(navigator.clipboard.writeText).toHaveBeenCalledWith("curl -X POST 'http://127.0.0.1:9/api/v1/execute_tool'"));
    expect(ipc.historyCopyAs).toHaveBeenCalledWith(3, "curl");
  });

  it("loads the rest of a body piece by piece, showing progress, and pretty-prints it once whole", async () => {
    const next = heldPieces();
    await open("/history?id=3");
    const detail = await screen.findByTestId("history-detail");
    await userEvent.click(await within(detail).findByTestId("body-response-all"));
    const partial = within(detail).getByTestId("body-response-partial");
    const text = within(detail).getByTestId("body-response-text");
    expect(partial).toHaveTextContent("Loading… 0 B of 293.0 KB");
    expect(text).toHaveAttribute("data-blocks", "9"); // the preview's 64 KiB
    await next();
    // The first piece replaces the preview; each one is cut into blocks and appended.
    expect(partial).toHaveTextContent("Loading… 97.7 KB of 293.0 KB");
    expect(text).toHaveAttribute("data-blocks", "13");
    expect(text).toHaveAttribute("data-complete", "false");
    await next();
    expect(partial).toHaveTextContent("Loading… 195.3 KB of 293.0 KB");
    expect(text).toHaveAttribute("data-blocks", "26");
    await next();
    await next();
    await waitFor(() => expect(within(detail).queryByTestId("body-response-partial")).toBeNull());
    expect(offsets()).toEqual([0, 100_000, 200_000, 300_000]);
    // The pieces joined back into the body: it parses, and is shown pretty-printed, as text.
    expect(text).toHaveAttribute("data-complete", "true");
    expect(text).toHaveTextContent('"html": "<b>bold</b>"');
    expect(detail.querySelector("b")).toBeNull();
  });

  it("keeps what was loaded when a piece fails or on Stop, and goes on from there", async () => {
    const next = heldPieces();
    await open("/history?id=3");
    const detail = await screen.findByTestId("history-detail");
    await userEvent.click(await within(detail).findByTestId("body-response-all"));
    const text = within(detail).getByTestId("body-response-text");
    await next();
    await next({ kind: "not_found", message: "History entry 3 does not exist (any more).", fields: [] });
    expect(await within(detail).findByTestId("body-response-error")).toHaveTextContent("does not exist (any more)");
    expect(within(detail).getByTestId("body-response-partial")).toHaveTextContent("Showing the first 97.7 KB of 293.0 KB.");
    expect(text).toHaveAttribute("data-blocks", "13");
    expect(text).toHaveAttribute("data-complete", "false");

    // Going on asks from where it stopped; Stop drops the answer in flight and asks no more.
    expect(within(detail).getByTestId("body-response-all")).toHaveTextContent("Show the rest");
    await userEvent.click(within(detail).getByTestId("body-response-all"));
    expect(within(detail).queryByTestId("body-response-error")).toBeNull();
    await userEvent.click(within(detail).getByTestId("body-response-stop"));
    await next();
    expect(offsets()).toEqual([0, 100_000, 100_000]);
    expect(within(detail).getByTestId("body-response-partial")).toHaveTextContent("Showing the first 97.7 KB of 293.0 KB.");
    expect(text).toHaveAttribute("data-blocks", "13");

    ipc.historyBodyChunk.mockImplementation(async (_id, _part, offset) => piece(offset));
    await userEvent.click(within(detail).getByTestId("body-response-all"));
    await waitFor(() => expect(text).toHaveAttribute("data-complete", "true"));
    expect(offsets()).toEqual([0, 100_000, 100_000, 100_000, 200_000, 300_000]);
    expect(text).toHaveTextContent('"html": "<b>bold</b>"');
  });

  it("exports what matches the filters as HAR", async () => {
    ipc.historyExport.mockResolvedValue("/home/u/Downloads/kitbench-history.har");
    await open("/history?kind=tool");
    await screen.findAllByTestId("history-row");
    await userEvent.click(screen.getByTestId("history-export-har"));
    expect(ipc.historyExport).toHaveBeenCalledWith("har", null, { kind: "tool" });
    expect(await screen.findByText(/Exported to/)).toBeInTheDocument();
  });
});

describe("history settings", () => {
  it("saves retention limits (blank is no limit), shows a field's error, and clears after a second click", async () => {
    ipc.historyRetention.mockResolvedValue({ max_entries: 100_000, max_age_days: 30, max_total_mb: 1000 });
    ipc.historySetRetention.mockRejectedValueOnce({ kind: "validation", message: "Keep at least one entry.", fields: [{ field: "max_entries", message: "Keep at least one entry." }], detail: null });
    ipc.historySetRetention.mockResolvedValueOnce({ max_entries: 500, max_age_days: null, max_total_mb: 1000 });
    ipc.historyClear.mockResolvedValue(12);
    await open("/history");
    await userEvent.click(await screen.findByTestId("history-settings-open"));
    const entries = await screen.findByTestId("retention-max_entries");
    expect(entries).toHaveValue("100000");
    await userEvent.clear(entries);
    await userEvent.type(entries, "0");
    await userEvent.click(screen.getByTestId("retention-save"));
    expect(await screen.findByText("Keep at least one entry.")).toBeInTheDocument();
    await userEvent.clear(entries);
    await userEvent.type(entries, "500");
    await userEvent.clear(screen.getByTestId("retention-max_age_days"));
    await userEvent.click(screen.getByTestId("retention-save"));
    expect(ipc.historySetRetention).toHaveBeenLastCalledWith({ max_entries: 500, max_age_days: null, max_total_mb: 1000 });
    await waitFor(() => expect(screen.queryByTestId("history-settings")).toBeNull());

    await userEvent.click(screen.getByTestId("history-settings-open"));
    await userEvent.click(await screen.findByTestId("history-clear"));
    expect(ipc.historyClear).not.toHaveBeenCalled();
    await userEvent.click(screen.getByTestId("history-clear-confirm"));
    expect(ipc.historyClear).toHaveBeenCalledWith(null);
    expect(await screen.findByText("Deleted 12 entries")).toBeInTheDocument();
  });
});

describe("large text", () => {
  it("is cut into blocks that join back to the same text, at line ends when near", () => {
    const text = Array.from({ length: 200_000 }, (_, i) => `line ${i}`).join("\n");
    const parts = blocks(text);
    expect(parts.join("")).toBe(text);
    expect(parts.length).toBeGreaterThan(text.length / 8000);
    expect(parts.every((p) => p.length <= 8000)).toBe(true);
    expect(parts.slice(0, -1).every((p) => p.endsWith("\n"))).toBe(true);
    const oneLine = "x".repeat(50_000);
    expect(blocks(oneLine).map((p) => p.length)).toEqual([8000, 8000, 8000, 8000, 8000, 8000, 2000]);
  });
});
