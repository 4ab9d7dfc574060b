// Loading a whole stored body piece by piece (about 1 MiB each, one IPC call at a time), so a
// 50 MB body never crosses IPC, or gets parsed, as one string and the window keeps painting
// between pieces. Each piece is cut into blocks on arrival; the text is never joined.
import { useCallback, useEffect, useRef, useState } from "react";
import type { BodyPart } from "../../bindings/BodyPart";
import type { IpcError } from "../../bindings/IpcError";
import { commands } from "../../bindings/ipc";
import { toIpcError } from "../../lib/errors";
import { blocks } from "./ChunkedText";

export interface BodyChunks {
  /** What has arrived, as blocks in order. */
  parts: string[];
  /** Stored bytes loaded so far (where the next piece starts). */
  loaded: number;
  /** Whether every stored byte has arrived. */
  done: boolean;
  /** Whether pieces are being fetched. */
  loading: boolean;
  /** Why the last piece failed (what arrived before it is kept). */
  error: IpcError | null;
  /** Starts, or goes on from where it stopped. */
  start: () => void;
  /** Stops after the piece in flight (whose answer is dropped). */
  stop: () => void;
}

interface Progress {
  parts: string[];
  loaded: number;
  done: boolean;
  loading: boolean;
  error: IpcError | null;
}

/**
 * Resolves once the page has painted a frame, or after a second when it paints none (a hidden
 * window). Pieces arrive every ~15 ms, faster than WebKitGTK paints: without waiting, the
 * window showed no frame at all until the last piece (a 1.3 s stall for 50 MB).
 */
function painted(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 1000);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}

const IDLE: Progress = { parts: [], loaded: 0, done: false, loading: false, error: null };

export function useBodyChunks(id: number, part: BodyPart): BodyChunks {
  const [progress, setProgress] = useState<Progress>(IDLE);
  // Which loop may apply its answers: Stop and unmounting move it on, so a late answer is dropped.
  const run = useRef(0);
  const next = useRef(0);
  useEffect(
    () => () => {
      run.current += 1;
    },
    [],
  );

  const start = useCallback(() => {
    const me = ++run.current;
    setProgress((p) => ({ ...p, loading: true, error: null }));
    void (async () => {
      try {
        for (;;) {
          const piece = await commands.historyBodyChunk(id, part, next.current);
          if (run.current !== me) return;
          next.current = piece.next;
          const more = blocks(piece.text);
          const done = piece.next >= piece.stored;
          // One state update per piece: the list of blocks and the progress change together.
          setProgress((p) => ({ ...p, parts: more.length ? p.parts.concat(more) : p.parts, loaded: piece.next, done, loading: !done }));
          if (done) return;
          await painted();
          if (run.current !== me) return;
        }
      } catch (e) {
        if (run.current === me) setProgress((p) => ({ ...p, loading: false, error: toIpcError(e) }));
      }
    })();
  }, [id, part]);

  const stop = useCallback(() => {
    run.current += 1;
    setProgress((p) => ({ ...p, loading: false }));
  }, []);

  return { ...progress, start, stop };
}
