// The "load more" rule of every paged list: fetch the next page once a row within `margin` of
// the end of what is loaded is rendered, one page at a time, and not again after a failure (the
// list offers "Try again" instead).
import type { UseInfiniteQueryResult } from "@tanstack/react-query";
import { useCallback } from "react";

type Paged = Pick<UseInfiniteQueryResult, "hasNextPage" | "isFetchingNextPage" | "isError" | "fetchNextPage">;

/** DataTable's `onLastRendered` for `list`, of which `loaded` rows are in hand. */
export function useLoadMore(list: Paged, loaded: number, margin: number): (index: number) => void {
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = list;
  return useCallback(
    (index: number) => {
      if (index >= loaded - margin && hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
    },
    [loaded, margin, hasNextPage, isFetchingNextPage, isError, fetchNextPage],
  );
}
