// Bad-input timing figures, which the unit tests no longer assert (a test may not depend on the
// machine's speed): how long extraction takes on each bad-input corpus entry (beside the ceiling it
// used to be held to), how time grows when an input doubles (linear ≈ 2×, quadratic ≈ 4×), and
// how long a hover in a small document waits while a big manifest is open in the server. Printed
// as a table for people; not part of the SPEC §6 JSON line. Run alone:
//   node --import tsx test/bench/badInput.ts        (IMAGE_TRUST_HUGE=1: the 50 MB manifest)
import { extractFile } from '../../server/src/extract/index.js';
import type { ReferenceSource } from '../../server/src/model/reference.js';
import { aliasBomb, bigDockerfile, bigManifest, corpus, deepJson, longLine, textOf } from '../helpers/corpus.js';
import { startClient } from '../protocol/client.js';
import { AT, DOCKERFILE, DOCKERFILE_URI, scriptedFacts } from '../protocol/fixtures.js';
import { NOW } from '../protocol/scriptedFacts.js';
import { MB, measure } from '../unit/badinput/support.js';

interface Growth {
  name: string;
  file: string;
  kind?: ReferenceSource;
  input: (n: number) => string;
  n: number;
}

const GROWTHS: Growth[] = [
  { name: 'Kubernetes manifest bytes', file: 'f', kind: 'kubernetes', input: bigManifest, n: 256 * 1024 },
  { name: 'Dockerfile lines', file: 'f', kind: 'dockerfile', input: bigDockerfile, n: 10_000 },
  { name: 'one long FROM line', file: 'f', kind: 'dockerfile', input: (n) => longLine('FROM ', n), n: 1 << 18 },
  {
    name: 'one long RUN line',
    file: 'f',
    kind: 'dockerfile',
    input: (n) => `FROM a\nRUN ${'x'.repeat(n)}\n`,
    n: 1 << 18,
  },
  {
    name: 'RUN continuation lines',
    file: 'f',
    kind: 'dockerfile',
    input: (n) => `FROM a\nRUN ${'x \\\n'.repeat(n)}\n`,
    n: 1 << 15,
  },
  {
    name: 'one long YAML image value',
    file: 'f',
    kind: 'kubernetes',
    input: (n) => `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: nginx:${'1'.repeat(n)}\n`,
    n: 1 << 20,
  },
  {
    name: 'YAML flow nesting depth',
    file: 'f',
    kind: 'kubernetes',
    input: (n) => `apiVersion: v1\nkind: Pod\nx: ${'['.repeat(n)}${']'.repeat(n)}\n`,
    n: 10_000,
  },
  { name: 'JSON nesting depth', file: 'f', kind: 'devcontainer', input: deepJson, n: 20_000 },
  { name: 'alias-bomb levels', file: 'f', kind: 'compose', input: (n) => aliasBomb(n, 9), n: 200 },
  {
    name: 'compose services',
    file: 'compose.yml',
    input: (n) =>
      `services:\n${Array.from({ length: n }, (_, i) => `  s${i}:\n    image: "\${REG:-docker.io}/app${i}:\${T:-1}"\n`).join('')}`,
    n: 2500,
  },
  {
    name: 'kubernetes List items',
    file: 'all.yaml',
    input: (n) =>
      `apiVersion: v1\nkind: List\nitems:\n${Array.from({ length: n }, (_, i) => `- apiVersion: v1\n  kind: Pod\n  spec:\n    containers:\n    - image: r.example.com/app${i}:1.${i}\n`).join('')}`,
    n: 2500,
  },
  {
    name: 'helm image maps',
    file: 'values.yaml',
    input: (n) =>
      Array.from({ length: n }, (_, i) => `c${i}:\n  image:\n    repository: app${i}\n    tag: "1.${i}"\n`).join(''),
    n: 2500,
  },
  {
    name: 'gitlab jobs',
    file: '.gitlab-ci.yml',
    input: (n) =>
      `variables:\n  T: "1"\n${Array.from({ length: n }, (_, i) => `j${i}:\n  image: app${i}:$T\n`).join('')}`,
    n: 2500,
  },
];

/** The smaller of wall and CPU time of the fastest of `runs` (a busy neighbour slows single runs). */
function fastest(file: string, text: string, kind: ReferenceSource | undefined, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const m = measure(() => extractFile(file, text, kind));
    best = Math.min(best, m.ms, m.cpuMs);
  }
  return best;
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function corpusFigures(manifestBytes: number): string {
  const rows: string[][] = [];
  for (const entry of corpus({ manifestBytes })) {
    const text = textOf(entry);
    for (const kind of entry.kinds) {
      const m = measure(() => extractFile(entry.fileName, text, kind));
      rows.push([
        entry.fileName,
        kind,
        `${(text.length / MB).toFixed(2)} MB`,
        `${m.ms.toFixed(0)} ms`,
        `${m.cpuMs.toFixed(0)} ms`,
        `${entry.ceilingMs} ms`,
        `${(m.retainedBytes / MB).toFixed(1)} MB`,
      ]);
    }
  }
  return table(['corpus entry', 'as', 'size', 'wall', 'CPU', 'old ceiling', 'retained'], rows);
}

export function growthFigures(): string {
  const rows = GROWTHS.map((g) => {
    const small = g.input(g.n);
    const large = g.input(2 * g.n);
    fastest(g.file, small, g.kind, 1); // warm-up: JIT and lazy module state
    const tSmall = fastest(g.file, small, g.kind, 3);
    const tLarge = fastest(g.file, large, g.kind, 3);
    // a floor keeps timer noise on tiny times from deciding
    return [
      g.name,
      String(g.n),
      `${tSmall.toFixed(1)} ms`,
      `${tLarge.toFixed(1)} ms`,
      `${(tLarge / Math.max(tSmall, 5)).toFixed(2)}×`,
    ];
  });
  return table(['input', 'n', 'time(n)', 'time(2n)', 'ratio (linear ≈ 2, quadratic ≈ 4)'], rows);
}

export async function hoverWhileBigFigures(bytes: number): Promise<string> {
  const { client } = await startClient({ facts: scriptedFacts(), now: NOW });
  try {
    const opened = performance.now();
    client.open('file:///work/deploy/big.yaml', bigManifest(bytes), 'yaml');
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    const asked = performance.now();
    const hover = await client.hover(DOCKERFILE_URI, AT.nginx);
    const answered = performance.now();
    if (!hover) throw new Error('no hover');
    return `hover in a small Dockerfile while a ${(bytes / MB).toFixed(0)} MB manifest is open (in-process server): ${(answered - asked).toFixed(0)} ms (${(answered - opened).toFixed(0)} ms after opening the manifest)`;
  } finally {
    await client.shutdown();
  }
}

export async function badInputReport(): Promise<string> {
  const huge = process.env.IMAGE_TRUST_HUGE === '1';
  return [
    'Bad-input figures (not asserted by any test; not in the SPEC §6 JSON):',
    '',
    corpusFigures((huge ? 50 : 5) * MB),
    '',
    growthFigures(),
    '',
    await hoverWhileBigFigures((huge ? 50 : 5) * MB),
  ].join('\n');
}

if (require.main === module) {
  badInputReport().then(
    (report) => console.log(report),
    (e: unknown) => {
      console.error(e instanceof Error ? e.stack : e);
      process.exitCode = 1;
    },
  );
}
