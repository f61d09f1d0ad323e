import { foundSignature } from '../../server/src/model/facts.js';
// The documents and facts the protocol tests share.
import { digestOf, makeFacts, ScriptedFacts } from './scriptedFacts.js';

export const DOCKERFILE_URI = 'file:///work/app/Dockerfile';
export const COMPOSE_URI = 'file:///work/app/compose.yaml';

export const OLD = digestOf('a');
export const NEW_ALPINE = digestOf('b');
export const NGINX = digestOf('c');
export const PY_INDEX = digestOf('d');
export const PY_AMD64 = digestOf('e');
export const PY_ARM64 = digestOf('f');
export const UBUNTU = digestOf('1');

export const DOCKERFILE = [
  'FROM nginx:1.27',
  'FROM --platform=linux/arm64 python:3.12-slim AS py',
  `FROM alpine:3.19@${OLD}`,
  'FROM ubuntu',
  'FROM py',
  '',
].join('\n');

/** Positions inside each reference of DOCKERFILE (line, character). */
/** DOCKERFILE after pin all: every unpinned reference pinned, the stage reference untouched. */
export const PINNED_DOCKERFILE = [
  `FROM nginx:1.27@${NGINX}`,
  `FROM --platform=linux/arm64 python:3.12-slim@${PY_INDEX} AS py`,
  `FROM alpine:3.19@${OLD}`,
  `FROM ubuntu:latest@${UBUNTU}`,
  'FROM py',
  '',
].join('\n');

export const AT = {
  nginx: { line: 0, character: 7 },
  python: { line: 1, character: 30 },
  alpine: { line: 2, character: 6 },
  ubuntu: { line: 3, character: 6 },
  stage: { line: 4, character: 6 },
};

export function scriptedFacts(): ScriptedFacts {
  return new ScriptedFacts()
    .answer('docker.io/library/nginx:1.27', makeFacts({ digest: NGINX }))
    .answer(
      'docker.io/library/python:3.12-slim',
      makeFacts({
        digest: PY_INDEX,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        platforms: [
          { os: 'linux', architecture: 'amd64', digest: PY_AMD64 },
          { os: 'linux', architecture: 'arm64', variant: 'v8', digest: PY_ARM64 },
        ],
        signatures: [foundSignature('cosign', digestOf('9'))],
      }),
    )
    .answer(
      'docker.io/library/alpine:3.19',
      makeFacts({
        digest: NEW_ALPINE,
        signedDigest: OLD,
        pinnedDigestExists: true,
        signatures: [foundSignature('cosign', digestOf('8'))],
      }),
    )
    .answer(
      'docker.io/library/ubuntu:latest',
      makeFacts({
        digest: UBUNTU,
        tagsForDigest: ['latest', '24.04'],
        publisher: { namespace: 'library', badge: 'official' },
      }),
    );
}

/** Applies LSP text edits (non-overlapping) to a text. */
export function applyEdits(
  text: string,
  edits: Array<{
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    newText: string;
  }>,
): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }): number => (lineStarts[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
