import { fireEvent, render, screen, within } from "@testing-library/react";
import { JsonViewer, TextViewer } from "./JsonViewer";
import { applyJsonPath } from "./jsonpath";

const value = {
  messages: [
    { id: "m1", subject: "Invoice March", unread: true },
    { id: "m2", subject: "Lunch?", unread: false },
  ],
  next_page_token: null,
  note: '<img src=x onerror="alert(1)">',
};

describe("JsonViewer", () => {
  it("shows pretty, raw and tree modes", () => {
    render(<JsonViewer value={value} />);
    expect(screen.getByTestId("viewer-text").textContent).toBe(JSON.stringify(value, null, 2));
    fireEvent.click(screen.getByTestId("viewer-mode-raw"));
    expect(screen.getByTestId("viewer-text").textContent).toBe(JSON.stringify(value));
    fireEvent.click(screen.getByTestId("viewer-mode-tree"));
    const tree = screen.getByTestId("viewer-tree");
    expect(tree).toHaveTextContent("messages:");
    // Deeper levels start folded.
    expect(tree).not.toHaveTextContent("Invoice March");
    fireEvent.click(within(tree).getAllByTestId("tree-toggle")[2]!);
    expect(tree).toHaveTextContent('"Invoice March"');
    // Folding the root hides its children.
    fireEvent.click(within(tree).getAllByTestId("tree-toggle")[0]!);
    expect(tree).not.toHaveTextContent("messages:");
  });

  it("filters with JSONPath and reports bad paths", () => {
    render(<JsonViewer value={value} />);
    fireEvent.change(screen.getByTestId("viewer-jsonpath"), { target: { value: "$.messages[?(@.unread)].id" } });
    expect(screen.getByTestId("viewer-path-count")).toHaveTextContent("1 match");
    expect(JSON.parse(screen.getByTestId("viewer-text").textContent!)).toEqual(["m1"]);
    fireEvent.change(screen.getByTestId("viewer-jsonpath"), { target: { value: "messages" } });
    expect(screen.getByTestId("viewer-path-error")).toHaveTextContent("starts with $");
    expect(applyJsonPath(value, "$..subject")).toEqual({ ok: true, value: ["Invoice March", "Lunch?"], count: 2 });
  });

  it("searches with marked hits, in text and in the tree", () => {
    const { container } = render(<JsonViewer value={value} />);
    fireEvent.change(screen.getByTestId("viewer-search"), { target: { value: "m2" } });
    expect(screen.getByTestId("viewer-search-count")).toHaveTextContent("1 hit");
    expect(container.querySelectorAll("mark")).toHaveLength(1);
    fireEvent.click(screen.getByTestId("viewer-mode-tree"));
    const tree = screen.getByTestId("viewer-tree");
    expect(tree).toHaveTextContent('"m2"');
    expect(tree).not.toHaveTextContent("Invoice March");
  });

  it("never renders strings from outside as HTML", () => {
    const { container } = render(<JsonViewer value={value} />);
    expect(container.querySelector("img")).toBeNull();
    expect(screen.getByTestId("viewer-text")).toHaveTextContent("<img src=x");
    render(<TextViewer text="<b>bold</b> not json" testId="text" />);
    expect(screen.getByTestId("text").querySelector("b")).toBeNull();
    expect(screen.getByTestId("text")).toHaveTextContent("<b>bold</b> not json");
  });

  it("copies what it shows", async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    render(<JsonViewer value={value} />);
    fireEvent.change(screen.getByTestId("viewer-jsonpath"), { target: { value: "$.messages[0].id" } });
    fireEvent.click(screen.getByTestId("viewer-copy"));
    expect(await screen.findByText("Copied")).toBeInTheDocument();
    expect(writeText).toHaveBeenCalledWith(JSON.stringify(["m1"], null, 2));
  });
});
