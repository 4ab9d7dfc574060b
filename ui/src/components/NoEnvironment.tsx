import { Link } from "@tanstack/react-router";

/** What a screen of the active environment shows when there is none. */
export function NoEnvironment() {
  return (
    <section className="page">
      <div className="empty" data-testid="no-environment">
        <h2>No environment</h2>
        <p>Add an environment to see its connections and accounts.</p>
        <Link to="/environments" className="btn btn-primary">
          Add environment
        </Link>
      </div>
    </section>
  );
}
