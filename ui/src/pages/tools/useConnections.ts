// Every connection of an environment, for pickers: pages of 30 are asked for one after another
// until the list ends (a picker must offer them all, gmail is rarely on the first page).
import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import type { Connection } from "../../bindings/Connection";
import { connectionsQuery } from "../../lib/queries";

export function useConnections(envId: string): Connection[] {
  const q = useInfiniteQuery(connectionsQuery(envId, null));
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = q;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);
  return useMemo(() => q.data?.pages.flatMap((p) => p.connections) ?? [], [q.data]);
}
