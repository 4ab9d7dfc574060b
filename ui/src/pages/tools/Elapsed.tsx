// Seconds since a moment, ticking while shown (a run in flight).
import { useEffect, useState } from "react";

export function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const t = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(t);
  }, []);
  return <span>{((now - since) / 1000).toFixed(1)} s</span>;
}
