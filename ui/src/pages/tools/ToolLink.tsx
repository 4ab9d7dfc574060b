import { Link } from "@tanstack/react-router";

/** The tool's name, linking to its page (rows also open with Enter or a double click). */
export function ToolLink({ name }: { name: string }) {
  return (
    <Link to="/tools/$name" params={{ name }} className="ellipsis strong mono" title={name} data-testid="tool-open">
      {name}
    </Link>
  );
}
