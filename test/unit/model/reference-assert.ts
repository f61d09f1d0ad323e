// Shared checks for the reference grammar tests.
import assert from 'node:assert/strict';
import type { ParsedReference, Span } from '../../../server/src/model/imageName.js';

/** What Go's `String()` gives: the components put back together. */
export function assemble(r: Pick<ParsedReference, 'domain' | 'path' | 'tag' | 'digest'>): string {
  const name = r.domain ? `${r.domain}/${r.path}` : r.path;
  return `${name}${r.tag === null ? '' : `:${r.tag}`}${r.digest === null ? '' : `@${r.digest}`}`;
}

/** Every span must slice the input to exactly the component it stands for. */
export function assertSpansSlice(input: string, r: ParsedReference): void {
  const { spans } = r;
  const slice = (s: Span | null): string | null => (s === null ? null : input.slice(s.start, s.end));
  assert.equal(slice(spans.name), r.domain ? `${r.domain}/${r.path}` : r.path, 'name span');
  assert.equal(slice(spans.domain), r.domain === '' ? null : r.domain, 'domain span');
  assert.equal(slice(spans.path), r.path, 'path span');
  assert.equal(slice(spans.tag), r.tag, 'tag span');
  assert.equal(slice(spans.digest), r.digest, 'digest span');
}

/**
 * Spans of a normalised reference point at what was written: the domain as written (null when it
 * was implied), the path without an implied "library/", the tag and digest.
 */
export function assertNormalizedSpans(
  input: string,
  r: Pick<ParsedReference, 'domain' | 'path' | 'tag' | 'digest' | 'spans'>,
): void {
  const { spans } = r;
  const slice = (s: Span | null): string | null => (s === null ? null : input.slice(s.start, s.end));
  const writtenDomain = slice(spans.domain);
  if (writtenDomain === null) {
    assert.ok(r.domain === 'docker.io' || r.domain === '', `domain ${r.domain} cannot be implied`);
  } else {
    assert.ok(
      writtenDomain === r.domain || (writtenDomain === 'index.docker.io' && r.domain === 'docker.io'),
      `domain span gives ${writtenDomain} for ${r.domain}`,
    );
  }
  const writtenPath = slice(spans.path);
  assert.ok(
    writtenPath === r.path || `library/${writtenPath}` === r.path,
    `path span gives ${writtenPath} for ${r.path}`,
  );
  assert.equal(
    slice(spans.name),
    writtenDomain === null ? writtenPath : `${writtenDomain}/${writtenPath}`,
    'name span',
  );
  assert.equal(slice(spans.tag), r.tag, 'tag span');
  assert.equal(slice(spans.digest), r.digest, 'digest span');
}
