import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { Modal } from "./Modal";

function Nested({ onOuterClose }: { onOuterClose: () => void }) {
  const [inner, setInner] = useState(false);
  return (
    <Modal title="Outer" onClose={onOuterClose} testId="outer">
      <button onClick={() => setInner(true)}>Open inner</button>
      {inner && (
        <Modal title="Inner" onClose={() => setInner(false)} testId="inner">
          <button>Inner action</button>
        </Modal>
      )}
    </Modal>
  );
}

describe("Modal", () => {
  it("is a labelled modal dialog that takes focus and keeps Tab inside", async () => {
    render(
      <>
        <button>Outside</button>
        <Modal title="Delete Prod?" onClose={() => undefined} testId="m">
          <input aria-label="First" />
          <button>Last</button>
        </Modal>
      </>,
    );
    const dialog = screen.getByRole("dialog", { name: "Delete Prod?" });
    expect(dialog).toHaveAttribute("aria-modal", "true");
    // The close button comes first in the dialog.
    expect(screen.getByRole("button", { name: "Close" })).toHaveFocus();
    await userEvent.tab();
    expect(screen.getByLabelText("First")).toHaveFocus();
    await userEvent.tab();
    expect(screen.getByRole("button", { name: "Last" })).toHaveFocus();
    await userEvent.tab();
    expect(screen.getByRole("button", { name: "Close" })).toHaveFocus();
    await userEvent.tab({ shift: true });
    expect(screen.getByRole("button", { name: "Last" })).toHaveFocus();
  });

  it("closes only the topmost dialog on Escape and gives focus back", async () => {
    const outerClosed = vi.fn();
    render(<Nested onOuterClose={outerClosed} />);
    const opener = screen.getByRole("button", { name: "Open inner" });
    await userEvent.click(opener);
    expect(screen.getByTestId("inner")).toBeInTheDocument();
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByTestId("inner")).toBeNull();
    expect(outerClosed).not.toHaveBeenCalled();
    expect(opener).toHaveFocus();
    await userEvent.keyboard("{Escape}");
    expect(outerClosed).toHaveBeenCalledTimes(1);
  });
});
