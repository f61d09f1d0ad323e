// Extraction off the calling thread, for documents big enough to stall it (a language server must
// keep answering hovers on other files meanwhile). One worker, started on first use, jobs in order;
// a worker failure becomes a problem in the result, never an exception.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReferenceSource } from '../model/reference.js';
import { extractReusable, type Extraction } from './reextract.js';

/** Texts at least this long (UTF-16 units) go to the worker; smaller ones are faster in-thread. */
export const OFF_THREAD_MIN_LENGTH = 256 * 1024;

/** What the worker sends back: the extraction without the text (the caller has it). */
type WorkerResult = Omit<Extraction, 'text'>;

interface Pending {
  file: string;
  kind: ReferenceSource | null;
  resolve: (r: WorkerResult) => void;
}

export class OffThreadExtractor {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** extractReusable, in the worker when the text is big and a worker can be started, else in-thread. */
  extract(file: string, text: string, kind: ReferenceSource | null): Promise<Extraction> {
    const worker = text.length >= OFF_THREAD_MIN_LENGTH ? this.ensureWorker() : null;
    if (!worker) return Promise.resolve(extractReusable(file, text, kind));
    const id = this.nextId++;
    return new Promise<WorkerResult>((resolve) => {
      this.pending.set(id, { file, kind, resolve });
      worker.postMessage({ id, file, text, kind });
    }).then((r) => ({ ...r, text }));
  }

  dispose(): void {
    this.failAll('extraction stopped');
    this.stopWorker();
  }

  private stopWorker(): void {
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
  }

  private ensureWorker(): Worker | null {
    if (this.worker) return this.worker;
    const worker = startWorker();
    if (!worker) return null;
    worker.unref(); // never keeps a process alive on its own
    worker.on('message', (m: { id: number; result?: WorkerResult; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      p.resolve(m.result ?? failed(p.file, p.kind, m.error ?? 'unknown error'));
      // An idle worker still holds the heap a big parse grew: stop it, and with it that memory.
      if (this.pending.size === 0) this.stopWorker();
    });
    worker.on('error', (e) => this.crashed(worker, e.message));
    worker.on('exit', (code) => this.crashed(worker, `the extraction worker exited (${code})`));
    this.worker = worker;
    return worker;
  }

  private crashed(worker: Worker, why: string): void {
    if (this.worker !== worker) return;
    this.worker = null; // the next big document starts a new one
    this.failAll(why);
  }

  private failAll(why: string): void {
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.resolve(failed(p.file, p.kind, why));
    }
  }
}

function failed(file: string, kind: ReferenceSource | null, why: string): WorkerResult {
  return { file, kind, references: [], problems: [{ message: `could not read this file: ${why}` }], chunks: null };
}

/** The bundled worker (dist/extract-worker.js beside dist/server.js), or the TypeScript source
 * through tsx when running from source (tests); null when neither is there. */
function startWorker(): Worker | null {
  try {
    const bundled = path.join(__dirname, 'extract-worker.js');
    if (existsSync(bundled)) return new Worker(bundled);
    const source = path.join(__dirname, 'worker.ts');
    if (existsSync(source))
      return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { eval: true });
  } catch {
    // fall through: extraction stays in-thread
  }
  return null;
}
