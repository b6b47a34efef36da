/** A one-at-a-time queue for async GPU work (shared kernels, one device queue per decoder). */

/** Serialises async work (one decode at a time per decoder: shared kernels, one device queue). */
export function createQueue(): <T>(f: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(f: () => Promise<T>) => {
    const run = tail.then(f, f);
    tail = run.catch(() => undefined);
    return run;
  };
}

