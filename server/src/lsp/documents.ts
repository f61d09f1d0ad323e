// Open documents and the references found in them, extracted once per uri@version; a new version
// is re-extracted from the last one's extraction (only what the edit touched is read again, see
// extract/reextract.ts). Files that are not open (pin-all over a folder) are read from disk.
import { fileURLToPath } from 'node:url';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { detectFileKind, type ExtractResult } from '../extract/index.js';
import { kindsByLanguage } from '../extract/fileKindGlobs.js';
import { OFF_THREAD_MIN_LENGTH, OffThreadExtractor } from '../extract/offThread.js';
import { extractInSlices, reextract, type Extraction } from '../extract/reextract.js';
import { readRegularFile } from '../files/regularFile.js';
import { GitlabIncludeIndex } from './gitlabIncludes.js';
import { comparePositions, containsPosition, type Position, type Range } from '../model/range.js';
import type { ImageReference, ReferenceSource } from '../model/reference.js';

/** A document's text at one version; `version` null for a file read from disk. */
export interface DocumentSnapshot {
  uri: string;
  version: number | null;
  text: string;
  languageId?: string;
}

const LANGUAGE_KINDS: Record<string, ReferenceSource> = kindsByLanguage();

/** Lets the requests that came in meanwhile be answered. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The path part of a URI, for recognising a file by its name (SPEC §4). */
export function uriPath(uri: string): string {
  try {
    const url = new URL(uri);
    if (url.protocol === 'file:') return fileURLToPath(url);
    return decodeURIComponent(url.pathname);
  } catch {
    return uri;
  }
}

/** The file type of a document, by name and content, then by the editor's language id. */
export function kindOf(snapshot: DocumentSnapshot): ReferenceSource | null {
  try {
    return detectFileKind(uriPath(snapshot.uri), snapshot.text) ?? LANGUAGE_KINDS[snapshot.languageId ?? ''] ?? null;
  } catch {
    return null;
  }
}

export class DocumentIndex {
  /** uri → the references of one version; replaced when the version changes */
  private readonly cache = new Map<string, { version: number | null; result: Promise<ExtractResult> }>();
  /** uri → the newest finished extraction of an open document: what the next version starts from */
  private readonly latest = new Map<string, { version: number; extraction: Extraction }>();
  private readonly extractor = new OffThreadExtractor();
  private readonly gitlab = new GitlabIncludeIndex((uri) => this.read(uri).then((s) => s?.text));

  constructor(private readonly documents: TextDocuments<TextDocument>) {}

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  all(): TextDocument[] {
    return this.documents.all();
  }

  snapshot(doc: TextDocument): DocumentSnapshot {
    return { uri: doc.uri, version: doc.version, text: doc.getText(), languageId: doc.languageId };
  }

  /** The open document, else the file on disk — only a regular file, capped (a FIFO, a device or
   * a socket is never read: it would hold a thread forever); undefined when neither can be read. */
  async read(uri: string): Promise<DocumentSnapshot | undefined> {
    const doc = this.documents.get(uri);
    if (doc) return this.snapshot(doc);
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return undefined;
    }
    if (url.protocol !== 'file:') return undefined;
    const read = await readRegularFile(url);
    return read.ok ? { uri, version: null, text: read.bytes.toString('utf8') } : undefined;
  }

  /** Every reference in the snapshot (skipped ones included); [] for files of no known type. A
   * malformed file gives what could be extracted, never a crash. Big documents are extracted on a
   * worker thread, so requests about other documents are answered meanwhile; callers of one
   * uri@version share one extraction. */
  async references(snapshot: DocumentSnapshot): Promise<ImageReference[]> {
    return (await this.extraction(snapshot)).references;
  }

  /** The references and the problems (what could not be read) of the snapshot, shared per uri@version. */
  extraction(snapshot: DocumentSnapshot): Promise<ExtractResult> {
    const cached = this.cache.get(snapshot.uri);
    if (cached && snapshot.version !== null && cached.version === snapshot.version) return cached.result;
    const result = this.kindWithIncludes(snapshot)
      .then((kind): Promise<ExtractResult> | ExtractResult =>
        kind ? this.extract(snapshot, kind) : { references: [], problems: [] },
      )
      .catch((e: unknown): ExtractResult => ({
        references: [],
        problems: [{ message: `could not read this file: ${e instanceof Error ? e.message : String(e)}` }],
      }));
    if (snapshot.version !== null && this.documents.get(snapshot.uri)) {
      this.cache.set(snapshot.uri, { version: snapshot.version, result });
    }
    return result;
  }

  /** From the document's last extraction when it can (in-thread: only the edited part is read),
   * else in full: a big YAML text in slices between which other requests are answered, other big
   * texts on the worker thread. A snapshot of no version (a completion probe, a file on disk)
   * starts from the last extraction too, but is not kept. */
  private async extract(snapshot: DocumentSnapshot, kind: ReferenceSource): Promise<Extraction> {
    const last = this.latest.get(snapshot.uri)?.extraction;
    const { text } = snapshot;
    const again = last && last.kind === kind ? reextract(last, text) : null;
    // in slices rather than on the worker: a second thread grew the process by its own heap (about
    // 60 MB for the 10,000-reference manifest) and a copy of the result
    const sliced =
      again ??
      (text.length >= OFF_THREAD_MIN_LENGTH ? await extractInSlices(snapshot.uri, text, kind, nextTurn) : null);
    const extraction = sliced ?? (await this.extractor.extract(snapshot.uri, text, kind));
    const { version } = snapshot;
    const kept = this.latest.get(snapshot.uri);
    if (version !== null && this.documents.get(snapshot.uri) && (!kept || kept.version < version)) {
      this.latest.set(snapshot.uri, { version, extraction });
    }
    return extraction;
  }

  /** `kindOf`; but a YAML file that a GitLab CI pipeline includes is gitlab-ci, whatever its name
   * (SPEC §4), as the CLI reads it. */
  private async kindWithIncludes(snapshot: DocumentSnapshot): Promise<ReferenceSource | null> {
    const kind = kindOf(snapshot);
    if (kind === 'gitlab-ci') this.gitlab.forget(); // its includes may have changed
    if (kind === 'gitlab-ci' || !snapshot.uri.startsWith('file:')) return kind;
    const file = uriPath(snapshot.uri);
    return /\.ya?ml$/i.test(file) && (await this.gitlab.includes(file)) ? 'gitlab-ci' : kind;
  }

  /** The innermost reference under the position. */
  async referenceAt(snapshot: DocumentSnapshot, position: Position): Promise<ImageReference | undefined> {
    return (await this.references(snapshot)).find((r) => containsPosition(r.range, position));
  }

  /** References that touch the range. */
  async referencesIn(snapshot: DocumentSnapshot, range: Range): Promise<ImageReference[]> {
    return (await this.references(snapshot)).filter(
      (r) => comparePositions(r.range.start, range.end) <= 0 && comparePositions(range.start, r.range.end) <= 0,
    );
  }

  dispose(): void {
    this.extractor.dispose();
    this.cache.clear();
    this.latest.clear();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.latest.delete(uri);
  }
}
