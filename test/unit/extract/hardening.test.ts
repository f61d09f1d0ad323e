// Issue 9, item 5 and its small ones: input shaped to hide images from a CI gate. Each class is a
// corpus of variants; for each, extraction keeps every image that can still be found, and reports
// a problem exactly when part of the file could not be read (the CLI's `check` exits 3 on one).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractFile } from '../../../server/src/extract/index.js';
import type { ReferenceSource } from '../../../server/src/model/reference.js';
import { assertTextAtRange, hub } from './cases.js';

interface Variant {
  name: string;
  file: string;
  text: string;
  /** the images (of unskipped references) in document order */
  images: string[];
  /** a pattern every problem matches, in order; none: no problem at all */
  problems?: RegExp[];
  kind?: ReferenceSource;
  /** other references expected, as [text, skip] */
  skipped?: Array<[string, string]>;
}

function check(v: Variant): void {
  const result = extractFile(v.file, v.text, v.kind);
  assertTextAtRange(v.text, result.references, v.name);
  assert.deepEqual(
    result.references.filter((r) => r.skip === null).map((r) => r.image),
    v.images,
  );
  if (v.skipped)
    assert.deepEqual(
      result.references.filter((r) => r.skip !== null).map((r) => [r.text, r.skip]),
      v.skipped,
    );
  const messages = result.problems.map((p) => p.message);
  if (!v.problems) assert.deepEqual(messages, [], 'no problems');
  else {
    assert.equal(messages.length, v.problems.length, JSON.stringify(messages));
    v.problems.forEach((p, i) => assert.match(messages[i] ?? '', p));
  }
}

const run = (variants: Variant[]) => {
  for (const v of variants) test(v.name, () => check(v));
};

/** Deterministic noise: `n` bytes as Node reads random binary (invalid UTF-8 becomes U+FFFD). */
function randomBinary(n: number, seed: number): string {
  const bytes = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes.toString('utf8');
}

const NGINX = hub('nginx:1.27');
const ALPINE = hub('alpine:3.20');

describe('a NUL byte hides nothing: the file is read as text', () => {
  run([
    {
      name: 'Dockerfile: NUL in a comment',
      file: 'Dockerfile',
      text: 'FROM alpine:3.20\n# build \u0000 notes\nFROM nginx:1.27\n',
      images: [ALPINE, NGINX],
    },
    {
      name: 'Dockerfile: NUL on the first line',
      file: 'Dockerfile',
      text: '\u0000\nFROM nginx:1.27\n',
      images: [NGINX],
    },
    {
      name: 'Dockerfile: NULs in a RUN line',
      file: 'Dockerfile',
      text: 'FROM alpine:3.20\nRUN printf "\u0000\u0000\u0001"\nCOPY --from=nginx:1.27 /a /b\n',
      images: [ALPINE, NGINX],
    },
    {
      name: 'Dockerfile: a run of NULs in a comment',
      file: 'Dockerfile',
      text: `FROM alpine:3.20\n#${'\u0000'.repeat(40)}\n${'RUN true\n'.repeat(20)}FROM nginx:1.27\n`,
      images: [ALPINE, NGINX],
    },
    {
      name: 'Containerfile with CRLF and a NUL',
      file: 'Containerfile',
      text: 'FROM alpine:3.20\r\n# \u0000\r\nFROM nginx:1.27\r\n',
      images: [ALPINE, NGINX],
    },
    {
      name: 'compose: NUL in a comment',
      file: 'compose.yaml',
      text: 'services:\n  web:\n    # \u0000\n    image: nginx:1.27\n',
      images: [NGINX],
    },
    {
      name: 'compose: NUL in another value',
      file: 'compose.yaml',
      text: 'services:\n  web:\n    image: nginx:1.27\n    command: "a\u0000b"\n',
      images: [NGINX],
    },
    {
      name: 'devcontainer: NUL in a comment',
      file: '.devcontainer/devcontainer.json',
      text: '{\n  // \u0000\n  "image": "nginx:1.27"\n}\n',
      images: [NGINX],
    },
    {
      name: 'quadlet: NUL in a comment',
      file: 'web.container',
      text: '[Container]\n# \u0000\nImage=nginx:1.27\n',
      images: [NGINX],
    },
  ]);
});

describe('binary content is refused with a problem (nothing to find, nothing vouched for)', () => {
  const binary = [/binary content/];
  run([
    {
      name: 'random bytes named Dockerfile',
      file: 'Dockerfile',
      text: randomBinary(64 * 1024, 1),
      images: [],
      problems: binary,
    },
    {
      name: 'random bytes named compose.yaml',
      file: 'compose.yaml',
      text: randomBinary(4096, 2),
      images: [],
      problems: binary,
    },
    {
      name: 'a short binary file',
      file: 'values.yaml',
      text: randomBinary(64, 3).replace(/^./, '\u0000'),
      images: [],
      problems: binary,
    },
    {
      name: 'UTF-16 text (every other byte NUL)',
      file: 'Dockerfile',
      text: Buffer.from('FROM nginx:1.27\n', 'utf16le').toString('utf8'),
      images: [],
      problems: binary,
    },
    {
      name: 'a PNG named devcontainer.json',
      file: 'devcontainer.json',
      text: `\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR${randomBinary(256, 4)}`,
      images: [],
      problems: binary,
    },
    // without a NUL a file is text, whatever else it holds (Latin-1 letters become U+FFFD)
    {
      name: 'Latin-1 text is not binary',
      file: 'Dockerfile',
      text: 'FROM nginx:1.27\n# Gr\ufffd\ufffde \ufffd\ufffd\n',
      images: [NGINX],
    },
  ]);
});

describe('a multi-megabyte Dockerfile keeps its images (no size limit of its own)', () => {
  const MB = 1024 * 1024;
  // past the old 8 MiB limit, under which the whole file was dropped
  const filler = (line: string) => line.repeat(Math.ceil((8.5 * MB) / line.length));
  run([
    {
      name: '8.5 MB of RUN lines between two FROMs',
      file: 'Dockerfile',
      text: `FROM alpine:3.20\n${filler('RUN echo build step\n')}FROM nginx:1.27\n`,
      images: [ALPINE, NGINX],
    },
    {
      name: 'an 8.5 MB comment line',
      file: 'Dockerfile',
      text: `FROM alpine:3.20\n#${'x'.repeat(8.5 * MB)}\nCOPY --from=nginx:1.27 /a /b\n`,
      images: [ALPINE, NGINX],
    },
    {
      name: '8.5 MB of COPY and RUN lines, the images in flags among them',
      file: 'Dockerfile',
      text: `FROM alpine:3.20\n${filler('COPY a b\nRUN true\n')}RUN --mount=from=busybox:1.36,target=/b true\nCOPY c d\nCOPY --from=nginx:1.27 /a /b\n`,
      images: [ALPINE, hub('busybox:1.36'), NGINX],
    },
    {
      name: 'an 8.5 MB continued RUN',
      file: 'Dockerfile',
      text: `FROM alpine:3.20\nRUN true \\\n${filler('  && true \\\n')}  && true\nFROM nginx:1.27\n`,
      images: [ALPINE, NGINX],
    },
  ]);
});

describe('nesting past a limit is a problem, and what lies outside it is still read', () => {
  const yamlDeep = [/YAML nested too deeply .*: that part was not read/];
  const jsonDeep = [/JSON nested too deeply .*: that part was not read/];
  const deepIndent = (levels: number) =>
    Array.from({ length: levels }, (_, i) => `${' '.repeat(6 + 2 * i)}k${i}:\n`).join('');
  run([
    {
      name: 'compose: 300 nested flow sequences in one service',
      file: 'compose.yaml',
      text: `services:\n  web:\n    image: nginx:1.27\n    x-deep: ${'['.repeat(300)}${']'.repeat(300)}\n  db:\n    image: alpine:3.20\n`,
      images: [NGINX, ALPINE],
      problems: yamlDeep,
    },
    {
      name: 'compose: 5,000 nested flow maps before the services',
      file: 'compose.yaml',
      text: `x-deep: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}\nservices:\n  web:\n    image: nginx:1.27\n`,
      images: [NGINX],
      problems: yamlDeep,
    },
    {
      name: 'compose: 300 levels of block maps (600 columns)',
      file: 'compose.yaml',
      text: `services:\n  web:\n    image: nginx:1.27\n    labels:\n${deepIndent(300)}  db:\n    image: alpine:3.20\n`,
      images: [NGINX, ALPINE],
      problems: yamlDeep,
    },
    {
      name: 'kubernetes: one deep document among others',
      file: 'all.yaml',
      text: `apiVersion: v1\nkind: Pod\nspec:\n  containers: [{image: nginx:1.27}]\n---\napiVersion: v1\nkind: ConfigMap\ndata: ${'['.repeat(1000)}${']'.repeat(1000)}\n---\napiVersion: v1\nkind: Pod\nspec:\n  containers: [{image: alpine:3.20}]\n`,
      images: [NGINX, ALPINE],
      problems: yamlDeep,
    },
    {
      name: 'devcontainer.json: 50,000 nested arrays after the image',
      file: '.devcontainer/devcontainer.json',
      text: `{"image": "nginx:1.27", "x": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`,
      images: [NGINX],
      problems: jsonDeep,
    },
    {
      name: 'devcontainer.json: 20,000 nested objects before the image',
      file: '.devcontainer/devcontainer.json',
      text: `{"x": ${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)},\n "image": "nginx:1.27"}`,
      images: [NGINX],
      problems: jsonDeep,
    },
    {
      name: 'devcontainer.json: unclosed deep nesting (nothing after it to read)',
      file: '.devcontainer/devcontainer.json',
      text: `{"image": "nginx:1.27", "x": ${'['.repeat(30_000)}`,
      images: [NGINX],
      // each unclosed bracket is a syntax error too: 20 are listed, the rest summed up
      problems: [
        ...jsonDeep,
        ...Array<RegExp>(20).fill(/JSON syntax error: Close/),
        /JSON syntax error: \d+ more errors/,
      ],
    },
    {
      name: 'cloudbuild.json: deep arguments, steps still read',
      file: 'cloudbuild.json',
      text: `{"steps": [{"name": "nginx:1.27", "args": ${'['.repeat(10_000)}${']'.repeat(10_000)}}, {"name": "alpine:3.20"}]}`,
      images: [NGINX, ALPINE],
      problems: jsonDeep,
    },
    {
      name: 'below the limits nothing is reported',
      file: '.devcontainer/devcontainer.json',
      text: `{"image": "nginx:1.27", "x": ${'['.repeat(150)}${']'.repeat(150)}}`,
      images: [NGINX],
    },
  ]);
});

describe('a byte order mark is not content', () => {
  run([
    {
      name: 'devcontainer.json',
      file: '.devcontainer/devcontainer.json',
      text: '\uFEFF{"image": "nginx:1.27"}',
      images: [NGINX],
    },
    {
      name: 'devcontainer.json with comments and CRLF',
      file: '.devcontainer.json',
      text: '\uFEFF// dev\r\n{\r\n  "image": "nginx:1.27", // base\r\n}\r\n',
      images: [NGINX],
    },
    {
      name: 'devcontainer.json image on the first line',
      file: 'devcontainer.json',
      text: '\uFEFF{"image":"nginx:1.27",\n"name": "x"}\n',
      images: [NGINX],
    },
    {
      name: 'cloudbuild.json',
      file: 'cloudbuild.json',
      text: '\uFEFF{"steps": [{"name": "nginx:1.27"}]}',
      images: [NGINX],
    },
    { name: 'quadlet unit', file: 'web.container', text: '\uFEFF[Container]\nImage=nginx:1.27\n', images: [NGINX] },
  ]);
});

describe('ARG with several names declares each without a default (BuildKit), not a name and a default', () => {
  run([
    {
      name: 'ARG A B: both unset',
      file: 'Dockerfile',
      text: 'ARG A B\nFROM $A\nFROM ${B}\n',
      images: [],
      skipped: [
        ['$A', 'variable'],
        ['${B}', 'variable'],
      ],
    },
    {
      name: 'ARG A B C: the last one too',
      file: 'Dockerfile',
      text: 'ARG A B C\nFROM $C\n',
      images: [],
      skipped: [['$C', 'variable']],
    },
    {
      name: 'ARG A B=…: only B has a default',
      file: 'Dockerfile',
      text: 'ARG A B=alpine:3.20\nFROM $B\nFROM $A\n',
      images: [ALPINE],
      skipped: [['$A', 'variable']],
    },
    {
      name: 'ARG A=… B: only A has a default',
      file: 'Dockerfile',
      text: 'ARG A=alpine:3.20 B\nFROM $A\nFROM $B\n',
      images: [ALPINE],
      skipped: [['$B', 'variable']],
    },
    {
      name: 'ARG "A" B (quoted word)',
      file: 'Dockerfile',
      text: 'ARG IMG B\nFROM ${IMG:-nginx:1.27}\n',
      images: [NGINX],
    },
    {
      name: 'in a stage: ARG IMG OTHER brings the global IMG in',
      file: 'Dockerfile',
      text: 'ARG IMG=nginx:1.27\nFROM alpine:3.20\nARG IMG OTHER\nCOPY --from=$IMG /a /b\nCOPY --from=$OTHER /c /d\n',
      images: [ALPINE, NGINX],
      skipped: [['$OTHER', 'variable']],
    },
  ]);
});
