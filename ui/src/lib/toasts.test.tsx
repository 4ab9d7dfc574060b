import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Profiler } from "react";
import { Toasts } from "../components/Toasts";
import { clearToasts, MAX_TOASTS, notify } from "./toasts";

afterEach(() => act(() => clearToasts()));

describe("toasts", () => {
  it("show, stack up to a limit, and go when clicked", async () => {
    render(<Toasts />);
    act(() => {
      for (let i = 1; i <= MAX_TOASTS + 2; i++) notify("info", `toast ${i}`);
    });
    const shown = screen.getAllByTestId("toast");
    expect(shown.map((t) => t.textContent)).toEqual(["toast 3", "toast 4", "toast 5", "toast 6"]);
    await userEvent.click(shown[0]!);
    expect(screen.getAllByTestId("toast")).toHaveLength(MAX_TOASTS - 1);
  });

  it("disappear on their own", () => {
    vi.useFakeTimers();
    try {
      render(<Toasts />);
      act(() => void notify("ok", "saved"));
      act(() => void notify("error", "failed"));
      act(() => vi.advanceTimersByTime(4100));
      expect(screen.getAllByTestId("toast").map((t) => t.textContent)).toEqual(["failed"]);
      act(() => vi.advanceTimersByTime(4000));
      expect(screen.queryAllByTestId("toast")).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("re-render only the toast list, not the screen around it", () => {
    const screenRenders = vi.fn();
    function Screen() {
      return <p>screen</p>;
    }
    render(
      <>
        <Profiler id="screen" onRender={screenRenders}>
          <Screen />
        </Profiler>
        <Toasts />
      </>,
    );
    const before = screenRenders.mock.calls.length;
    act(() => void notify("info", "hello"));
    expect(screen.getByTestId("toast")).toHaveTextContent("hello");
    expect(screenRenders.mock.calls.length).toBe(before);
  });
});
