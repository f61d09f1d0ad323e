// The LSP cancellation token becomes an AbortSignal at the edge: a cancelled request stops waiting,
// while the shared work it was waiting on (a lookup) goes on and fills the cache.
import type { CancellationToken } from 'vscode-languageserver';

interface AbortBridge {
  signal: AbortSignal;
  /** removes the token listener; call when the request is done */
  dispose(): void;
}

export function toAbortSignal(token: CancellationToken, ...also: AbortSignal[]): AbortBridge {
  const controller = new AbortController();
  if (token.isCancellationRequested) {
    controller.abort();
    return { signal: controller.signal, dispose: () => {} };
  }
  const listener = token.onCancellationRequested(() => controller.abort());
  const unlink = also.map((s) => {
    const onAbort = (): void => controller.abort();
    if (s.aborted) controller.abort();
    else s.addEventListener('abort', onAbort, { once: true });
    return () => s.removeEventListener('abort', onAbort);
  });
  return {
    signal: controller.signal,
    dispose: () => {
      listener.dispose();
      for (const u of unlink) u();
    },
  };
}
