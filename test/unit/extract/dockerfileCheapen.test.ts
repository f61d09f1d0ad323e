// Long Dockerfiles are parsed with their heavy, image-free instructions renamed
// (dockerfileCheapen.ts). That must never change what is extracted: over generated Dockerfiles
// (the pin-all generator's and one full of heredocs, continuations, comments and flags), both
// ways give the same references and problems.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { cheapenShellInstructions } from '../../../server/src/extract/dockerfileCheapen.js';
import { extractDockerfile } from '../../../server/src/extract/dockerfile.js';
import { documentOf } from '../properties/documents.js';

const RUNS = Number(process.env.IMAGE_TRUST_PROPERTY_RUNS ?? 150);

/** Lines that test the renaming's edges: where an instruction starts and ends, and heredocs. */
const tricky = fc.constantFrom(
  'RUN echo hi',
  'run echo hi \\',
  'RUN --mount=type=cache,from=busybox:1.36,target=/c true',
  'RUN \\\n  --mount=from=alpine:3.20,target=/a \\\n  true',
  'RUN <<EOF\nFROM evil:1\nEOF',
  'RUN <<RUN\nFROM evil:2\nRUN',
  'RUN cat <<-COPY\n\tFROM evil:3\n\tCOPY',
  'COPY <<EOF /x\nFROM evil:4\nEOF',
  'COPY --from=nginx:1.27 /a /b',
  'COPY \\\n  --from=redis:7 /a /b',
  'COPY a b \\\n# comment\n  --from=postgres:16 c',
  'ADD https://x /y',
  'CMD ["sh", "-c", "echo"]',
  'ENTRYPOINT echo \\\n\n  FROM not-an-image',
  'HEALTHCHECK CMD true',
  'SHELL ["/bin/sh", "-c"]',
  'ARG A=alpine:3.20 \\\n# c\nRUN x',
  'ENV B=nginx:1.27 \\\n  RUN=y',
  'FROM $A AS one',
  'FROM ${B}',
  'FROM one',
  'RUN',
  'COPY',
  '# RUN comment',
  '  RUN indented \\',
  'RUN trailing escape with blanks \\   ',
  'FROM scratch',
  '',
);
const trickyFile = fc
  .tuple(
    fc.constantFrom('', '# escape=`\n', '# syntax=docker/dockerfile:1\n'),
    fc.array(tricky, { minLength: 1, maxLength: 12 }),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([head, lines, eol]) => `${head}FROM alpine:3.20\n${lines.join('\n')}\n`.replace(/\n/g, eol));

function sameBothWays(text: string): void {
  const plain = extractDockerfile('Dockerfile', text, false);
  const cheap = extractDockerfile('Dockerfile', text, true);
  assert.deepEqual(cheap, plain);
}

describe('parsing a long Dockerfile the cheap way reads the same', () => {
  test('over the pin-all Dockerfile generator', () => {
    fc.assert(fc.property(documentOf('dockerfile'), sameBothWays), { numRuns: RUNS });
  });

  test('over heredocs, continuations, comments, flags and directives', () => {
    fc.assert(fc.property(trickyFile, sameBothWays), { numRuns: RUNS * 2 });
  });

  test('renames only what names no image, keeping every offset', () => {
    const text = 'FROM a\nRUN x\nrun --mount=from=b y\nCOPY c d\nCOPY --from=e f g\nRUN <<EOF\nRUN z\nEOF\nCMD w\n';
    const cheap = cheapenShellInstructions(text, '\\');
    assert.equal(
      cheap,
      'FROM a\n_UN x\nrun --mount=from=b y\n_OPY c d\nCOPY --from=e f g\nRUN <<EOF\n_UN z\nEOF\n_MD w\n',
    );
    assert.equal(cheap.length, text.length);
  });
});
