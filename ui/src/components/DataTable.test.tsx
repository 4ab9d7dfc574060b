import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { DataTable, sortRows, type Column } from "./DataTable";

interface Row {
  id: string;
  name: string;
  size: number;
}

const ROWS = 100_000;
const ROW_HEIGHT = 30;
const MAX_HEIGHT = 300;

// Names run backwards so that sorting by name reverses the list; sizes repeat every 7 rows.
const rows: Row[] = Array.from({ length: ROWS }, (_, i) => ({
  id: `r${i}`,
  name: `item ${String(ROWS - 1 - i).padStart(6, "0")}`,
  size: i % 7,
}));

const columns: Column<Row>[] = [
  { id: "name", header: "Name", cell: (r) => r.name, sortValue: (r) => r.name },
  { id: "size", header: "Size", cell: (r) => r.size, sortValue: (r) => r.size, width: "80px" },
  { id: "note", header: "Note", cell: () => "—", width: "80px" },
];

// jsdom lays nothing out: give the scroll box the height the CSS would.
beforeAll(() => {
  vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockImplementation(function (this: HTMLElement) {
    return this.classList.contains("table-scroll") ? MAX_HEIGHT : 0;
  });
  vi.spyOn(HTMLElement.prototype, "clientWidth", "get").mockReturnValue(800);
  vi.spyOn(Element.prototype, "scrollHeight", "get").mockImplementation(function (this: Element) {
    return this.classList.contains("table-scroll") ? ROWS * ROW_HEIGHT : 0;
  });
  // …and scroll it as a browser would (jsdom's scrollTo does nothing).
  Element.prototype.scrollTo = function (this: Element, options?: ScrollToOptions | number) {
    if (typeof options === "object" && options.top !== undefined) this.scrollTop = options.top;
    setTimeout(() => this.dispatchEvent(new Event("scroll")), 0);
  } as Element["scrollTo"];
});
afterAll(() => vi.restoreAllMocks());

function table(onOpen = vi.fn()) {
  render(
    <DataTable
      label="Items"
      columns={columns}
      rows={rows}
      rowKey={(r) => r.id}
      onOpen={onOpen}
      rowHeight={ROW_HEIGHT}
      maxHeight={MAX_HEIGHT}
      rowProps={(r) => ({ "data-testid": "item", "data-id": r.id })}
    />,
  );
  return { grid: screen.getByRole("grid", { name: "Items" }), onOpen };
}

const rendered = () => screen.getAllByTestId("item");
const activeRow = () => document.querySelector('[role="row"][aria-selected="true"]');

describe("DataTable with 100,000 rows", () => {
  it("renders only a window of rows", () => {
    const { grid } = table();
    const shown = rendered();
    expect(shown.length).toBeGreaterThanOrEqual(MAX_HEIGHT / ROW_HEIGHT);
    expect(shown.length).toBeLessThan(50);
    expect(shown[0]).toHaveAttribute("data-id", "r0");
    expect(grid).toHaveAttribute("aria-rowcount", String(ROWS + 1));
    // The body is as tall as every row, so the scrollbar is right.
    expect((document.querySelector(".table-body") as HTMLElement).style.height).toBe(`${ROWS * ROW_HEIGHT}px`);
  });

  it("sorts by a column: ascending, descending, then back to the original order", async () => {
    table();
    const name = screen.getByTestId("sort-name");
    await userEvent.click(name);
    expect(screen.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "ascending");
    expect(rendered()[0]).toHaveAttribute("data-id", `r${ROWS - 1}`);
    expect(within(rendered()[0]!).getByText("item 000000")).toBeInTheDocument();
    await userEvent.click(name);
    expect(screen.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "descending");
    expect(rendered()[0]).toHaveAttribute("data-id", "r0");
    await userEvent.click(name);
    expect(screen.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "none");
    expect(rendered()[0]).toHaveAttribute("data-id", "r0");
    // Numbers sort as numbers, and ties keep their order (stable).
    await userEvent.click(screen.getByTestId("sort-size"));
    expect(rendered().slice(0, 3).map((r) => r.getAttribute("data-id"))).toEqual(["r0", "r7", "r14"]);
  });

  it("moves the active row with the keyboard and opens it with Enter", async () => {
    const { grid, onOpen } = table();
    act(() => grid.focus());
    // Focus makes the first row active.
    expect(activeRow()).toHaveAttribute("data-id", "r0");
    expect(grid).toHaveAttribute("aria-activedescendant", activeRow()!.id);
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    expect(activeRow()).toHaveAttribute("data-id", "r2");
    fireEvent.keyDown(grid, { key: "ArrowUp" });
    expect(activeRow()).toHaveAttribute("data-id", "r1");
    fireEvent.keyDown(grid, { key: "Enter" });
    expect(onOpen).toHaveBeenCalledWith(rows[1]);

    // End jumps to the last row, which is then rendered (scrolled into view).
    fireEvent.keyDown(grid, { key: "End" });
    await waitFor(() => expect(activeRow()).toHaveAttribute("data-id", `r${ROWS - 1}`));
    expect(rendered().length).toBeLessThan(50);
    fireEvent.keyDown(grid, { key: "Home" });
    await waitFor(() => expect(activeRow()).toHaveAttribute("data-id", "r0"));
    fireEvent.keyDown(grid, { key: "PageDown" });
    await waitFor(() => expect(activeRow()).toHaveAttribute("data-id", `r${MAX_HEIGHT / ROW_HEIGHT - 1}`));
  });

  it("keeps the active row when the sort changes", async () => {
    const { grid } = table();
    act(() => grid.focus());
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    await userEvent.click(screen.getByTestId("sort-size"));
    // r1 is the first row of size 1: it is the 14,286th row now (after every size-0 row).
    expect(grid.getAttribute("aria-activedescendant")).toMatch(/-row-r1$/);
  });
});

describe("DataTable with the mouse", () => {
  it("a click makes the clicked row active, not the first", async () => {
    table();
    await userEvent.click(within(rendered()[3]!).getByText("item 099996"));
    expect(activeRow()).toHaveAttribute("data-id", "r3");
  });
});

describe("DataTable states", () => {
  it("says when it is loading, empty, or failed", () => {
    const { rerender } = render(<DataTable label="T" columns={columns} rows={undefined} rowKey={(r) => r.id} status="loading" />);
    expect(screen.getByTestId("table-loading")).toBeInTheDocument();
    expect(screen.getByRole("grid")).toHaveAttribute("aria-busy", "true");
    rerender(<DataTable label="T" columns={columns} rows={[]} rowKey={(r) => r.id} empty="No items yet." />);
    expect(screen.getByTestId("table-empty")).toHaveTextContent("No items yet.");
    rerender(<DataTable label="T" columns={columns} rows={undefined} rowKey={(r) => r.id} status="error" error="Could not list items." />);
    expect(screen.getByRole("alert")).toHaveTextContent("Could not list items.");
    expect(screen.queryByTestId("table-retry")).toBeNull();
  });

  it("offers Try again in the error state when it can retry", async () => {
    const retry = vi.fn();
    render(<DataTable label="T" columns={columns} rows={undefined} rowKey={(r) => r.id} status="error" error="Down." onRetry={retry} />);
    await userEvent.click(screen.getByTestId("table-retry"));
    expect(retry).toHaveBeenCalledTimes(1);
  });
});

describe("sortRows", () => {
  it("puts missing values first when ascending and leaves the input alone", () => {
    const input = [
      { id: "a", name: "b", size: 2 },
      { id: "b", name: "a", size: 1 },
    ];
    const cols: Column<(typeof input)[number]>[] = [{ id: "x", header: "X", cell: () => null, sortValue: (r) => (r.size === 2 ? null : r.size) }];
    expect(sortRows(input, cols, { id: "x", dir: "asc" }).map((r) => r.id)).toEqual(["a", "b"]);
    expect(sortRows(input, cols, { id: "x", dir: "desc" }).map((r) => r.id)).toEqual(["b", "a"]);
    expect(input.map((r) => r.id)).toEqual(["a", "b"]);
  });
});
