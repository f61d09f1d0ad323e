// Waiting without holding up shared work: a caller's abort ends its own wait only.

/** The shared work's answer, or undefined as soon as the caller's signal aborts: the caller stops
 * waiting, the shared work goes on and fills the cache. */
export function untilAborted<T>(shared: Promise<T>, signal: AbortSignal | undefined): Promise<T | undefined> {
  if (!signal) return shared;
  return new Promise((resolve) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    void shared.then((v) => {
      signal.removeEventListener('abort', onAbort);
      resolve(v);
    });
  });
}
