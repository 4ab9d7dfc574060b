import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import type { Started } from "./lib/startup";

/** The app once start-up is done (bootstrap, the first screen's data), or why it could not start. */
export function App({ started, queryClient }: { started: Started; queryClient: QueryClient }) {
  if ("error" in started) {
    return (
      <div className="splash" data-testid="boot-error">
        <h1>Kitbench could not start</h1>
        <p>{started.error.message}</p>
      </div>
    );
  }
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={started.router} />
    </QueryClientProvider>
  );
}
