// Diagnostics never wait on the network: they are computed from cached facts at once, lookups are
// started for what is missing, and when those land the client is told once (coalesced): a
// workspace/diagnostic/refresh for pull clients, a new publishDiagnostics for push-only clients
// (Neovim 0.7, eglot 1.9). Results computed for an older document version are dropped.
import { LSPErrorCodes, ResponseError, type Connection, type Diagnostic } from 'vscode-languageserver';
import { lookupKey, type ImageReference } from '../model/reference.js';
import { evaluate } from '../policy/index.js';
import { toDiagnostic, toProblemDiagnostic } from './convert.js';
import type { Disposable } from './disposables.js';
import type { DocumentIndex, DocumentSnapshot } from './documents.js';
import type { FactsHolder } from './facts.js';
import type { SettingsStore } from './settings.js';

interface DiagnosticsOptions {
  connection: Connection;
  documents: DocumentIndex;
  settings: SettingsStore;
  facts: FactsHolder;
  /** pull: the client asks (textDocument/diagnostic); push: we publish */
  mode: 'pull' | 'push';
  /** pull mode: may we send workspace/diagnostic/refresh? */
  refreshSupported: boolean;
  /** how long to gather landing lookups into one refresh */
  coalesceMs: number;
  /** with lookups still in flight, refresh at least this often so partial results show */
  maxWaitMs: number;
  now: () => number;
}

export class DiagnosticsEngine implements Disposable {
  /** uri → number of the latest validation; older runs do not publish */
  private readonly generation = new Map<string, number>();
  /** lookups started by diagnostics, by lookup key (the facts service dedupes too) */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private firstDirtyAt: number | undefined;
  private disposed = false;

  constructor(private readonly o: DiagnosticsOptions) {}

  get mode(): 'pull' | 'push' {
    return this.o.mode;
  }

  /** Diagnostics for the snapshot from what is cached now; undefined when the document moved to
   * another version meanwhile (the result would be stale). */
  async compute(snapshot: DocumentSnapshot): Promise<Diagnostic[] | undefined> {
    const settings = await this.o.settings.forResource(snapshot.uri);
    if (!this.isCurrent(snapshot)) return undefined;
    const { references: refs, problems } = await this.o.documents.extraction(snapshot);
    // a big document is extracted off-thread: the text may have changed meanwhile
    if (!this.isCurrent(snapshot)) return undefined;
    const now = this.o.now();
    const target = { uri: snapshot.uri, version: snapshot.version ?? 0 };
    const diagnostics: Diagnostic[] = [];
    // what could not be read is said where it is: a check that could not be made is never clean
    for (const p of problems) diagnostics.push(toProblemDiagnostic(p.message, p.range));
    for (const ref of refs) {
      if (ref.skip) continue;
      const facts = this.o.facts.peek(ref);
      this.ensureLookup(ref, snapshot.uri, facts?.fetchedAt);
      for (const finding of evaluate(ref, facts, settings, now)) diagnostics.push(toDiagnostic(finding, target));
    }
    return diagnostics;
  }

  /** Push mode: validate an open document and publish, unless a newer validation or version wins. */
  async validate(uri: string): Promise<void> {
    if (this.o.mode !== 'push' || this.disposed) return;
    const doc = this.o.documents.get(uri);
    if (!doc) return;
    const gen = (this.generation.get(uri) ?? 0) + 1;
    this.generation.set(uri, gen);
    const snapshot = this.o.documents.snapshot(doc);
    let diagnostics: Diagnostic[] | undefined;
    try {
      diagnostics = await this.compute(snapshot);
    } catch {
      return; // settings request failed with the connection closing; nothing to publish to
    }
    if (!diagnostics || this.disposed || this.generation.get(uri) !== gen || !this.isCurrent(snapshot)) return;
    await this.o.connection.sendDiagnostics({ uri, version: doc.version, diagnostics }).catch(() => {});
  }

  /** Pull mode handler body: full report, or ServerCancelled (retrigger) if the text changed. */
  async pull(uri: string): Promise<Diagnostic[]> {
    const doc = this.o.documents.get(uri);
    if (!doc) return [];
    const result = await this.compute(this.o.documents.snapshot(doc));
    if (!result) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'document changed', { retriggerRequest: true });
    return result;
  }

  /** Re-evaluate every open document (settings changed, cache cleared). */
  revalidateAll(): void {
    if (this.o.mode === 'push') for (const doc of this.o.documents.all()) void this.validate(doc.uri);
    else this.refreshClient();
  }

  /** Facts of a document's references changed outside the lookups diagnostics started (a hover read
   * an index or verified signatures): its diagnostics are refreshed once, coalesced like the others. */
  factsChanged(uri: string): void {
    if (this.disposed) return;
    this.dirty.add(uri);
    this.schedule();
  }

  closed(uri: string): void {
    this.generation.delete(uri);
    this.dirty.delete(uri);
    if (this.o.mode === 'push' && !this.disposed)
      void this.o.connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => {});
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.dirty.clear();
  }

  private isCurrent(snapshot: DocumentSnapshot): boolean {
    if (snapshot.version === null) return true;
    return this.o.documents.get(snapshot.uri)?.version === snapshot.version;
  }

  /** Starts (once per key) a lookup; when it brings facts newer than what was shown, the
   * document is marked for one coalesced refresh. */
  private ensureLookup(ref: ImageReference, uri: string, shownFetchedAt: number | undefined): void {
    if (!ref.registry || !ref.repository) return;
    const key = lookupKey(ref);
    if (this.inFlight.has(key)) {
      this.waiters(key).add(uri);
      return;
    }
    this.waiters(key).add(uri);
    const run = this.o.facts
      .lookup(ref)
      .then(
        (facts) => facts !== undefined && facts.fetchedAt !== shownFetchedAt,
        () => false,
      )
      .then((changed) => {
        this.inFlight.delete(key);
        const uris = this.waiting.get(key) ?? new Set<string>();
        this.waiting.delete(key);
        if (changed) for (const u of uris) this.dirty.add(u);
        this.schedule();
      });
    this.inFlight.set(key, run);
  }

  private readonly waiting = new Map<string, Set<string>>();

  private waiters(key: string): Set<string> {
    let s = this.waiting.get(key);
    if (!s) this.waiting.set(key, (s = new Set()));
    return s;
  }

  /** One refresh when lookups go quiet; while some are still in flight, at most every maxWaitMs. */
  private schedule(): void {
    if (this.disposed || this.dirty.size === 0) return;
    const now = this.o.now();
    this.firstDirtyAt ??= now;
    if (this.timer) clearTimeout(this.timer);
    const quiet = this.inFlight.size === 0;
    const waited = now - this.firstDirtyAt;
    const delay = quiet ? this.o.coalesceMs : Math.max(0, this.o.maxWaitMs - waited);
    this.timer = setTimeout(() => this.flush(), delay);
  }

  private flush(): void {
    this.timer = undefined;
    this.firstDirtyAt = undefined;
    if (this.disposed) return;
    const uris = [...this.dirty];
    this.dirty.clear();
    if (this.o.mode === 'push') for (const uri of uris) void this.validate(uri);
    else this.refreshClient();
  }

  private refreshClient(): void {
    if (this.disposed || !this.o.refreshSupported) return;
    void this.o.connection.languages.diagnostics.refresh().catch(() => {});
  }
}
