// One store per lifetime: everything the server starts (handlers, timers, listeners, services) is
// added here and stopped together on shutdown.

export interface Disposable {
  dispose(): void | Promise<void>;
}

export function toDisposable(fn: () => void | Promise<void>): Disposable {
  return { dispose: fn };
}

export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  add<T extends Disposable>(item: T): T {
    if (this.disposed) void item.dispose();
    else this.items.push(item);
    return item;
  }

  /** Disposes in reverse order of addition; waits for async disposals; one failure does not stop
   * the others. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const items = this.items.splice(0).reverse();
    for (const item of items) {
      try {
        await item.dispose();
      } catch {
        // a failing disposal must not keep the rest running
      }
    }
  }
}
