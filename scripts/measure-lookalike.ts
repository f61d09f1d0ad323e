// `npm run measure:lookalike`: how often the lookalike check is wrong about real names, and how
// many known impersonations it catches. Offline and deterministic: it reads the two corpora in
// test/fixtures/lookalike/ and prints the false-positive rate, the recall and the names behind them.
//
//   real-names.json  image names in use in public projects (each batch with its repository and
//                    commit): every verdict there is a false positive. Measured twice: as judged
//                    offline (badge unknown, the name alone), and in the worst case of every
//                    publisher outside `library/` having no badge.
//   incidents.json   impersonations reported in public sources, and the examples of SPEC §5: each
//                    with what it imitates, or null where no name check could know it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Badge } from '../server/src/model/facts.js';
import { OFFICIAL_IMAGES, PUBLISHERS, REGISTRIES } from '../server/src/policy/lookalike/data.js';
import { judge, type LookalikeVerdict } from '../server/src/policy/lookalike/judge.js';

const FIXTURES = path.join(__dirname, '..', 'test', 'fixtures', 'lookalike');

interface RealNames {
  sources: { repository: string; commit: string; names: string[] }[];
}

export interface Incident {
  name: string;
  badge: Badge | null;
  imitates: string | null;
  kind: 'incident' | 'named example' | 'specification example';
  source: string;
  note?: string;
}

export interface Measurement {
  corpus: { names: number; sources: number };
  offline: { falsePositives: string[]; rate: number };
  worstCase: { falsePositives: string[]; rate: number };
  recall: { kind: Incident['kind']; caught: number; of: number; missed: string[] }[];
  /** incidents that imitate nothing a name check can know (for known-malicious) */
  outOfScope: string[];
  /** every one-slip typo of every current official name (as `library/<typo>`), well-known
   * namespace (`<typo>/app`) and registry (`<typo>/app`) */
  synthetic: { of: 'official names' | 'namespaces' | 'registries'; slip: string; caught: number; total: number }[];
}

/** One-slip typos of a name, by kind of slip: what a hurried hand or a typosquatter produces. */
export function slips(name: string): Record<string, string[]> {
  const swap: string[] = [];
  const drop: string[] = [];
  const double: string[] = [];
  for (let i = 0; i < name.length; i++) {
    if (i + 1 < name.length && name[i] !== name[i + 1])
      swap.push(name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2));
    drop.push(name.slice(0, i) + name.slice(i + 1));
    double.push(name.slice(0, i + 1) + name.slice(i));
  }
  const alike: string[] = [];
  for (const [from, to] of [
    ['o', '0'],
    ['l', '1'],
    ['i', '1'],
    ['m', 'rn'],
    ['w', 'vv'],
  ] as const) {
    for (let i = name.indexOf(from); i >= 0; i = name.indexOf(from, i + 1))
      alike.push(name.slice(0, i) + to + name.slice(i + 1));
  }
  return {
    'swapped neighbours': swap,
    'dropped letter': drop,
    'doubled letter': double,
    'look-alike character': alike,
  };
}

function split(full: string): { registry: string; repository: string } {
  const i = full.indexOf('/');
  return { registry: full.slice(0, i), repository: full.slice(i + 1) };
}

/** A written name as the product normalises it (`ngnix` → docker.io/library/ngnix). */
function normalise(written: string): { registry: string; repository: string } {
  const first = written.split('/')[0] ?? '';
  if (written.includes('/') && /[.:]/.test(first)) return split(written);
  return { registry: 'docker.io', repository: written.includes('/') ? written : `library/${written}` };
}

/** The name of what a verdict says is imitated, as incidents.json writes it. */
function target(v: LookalikeVerdict): string {
  const i = v.imitates;
  return i.kind === 'official' ? i.name : i.kind === 'namespace' ? i.namespace : i.host;
}

export function readCorpora(): { real: string[]; sources: number; incidents: Incident[] } {
  const real = JSON.parse(readFileSync(path.join(FIXTURES, 'real-names.json'), 'utf8')) as RealNames;
  const incidents = (JSON.parse(readFileSync(path.join(FIXTURES, 'incidents.json'), 'utf8')) as { names: Incident[] })
    .names;
  return { real: [...new Set(real.sources.flatMap((s) => s.names))].sort(), sources: real.sources.length, incidents };
}

export function measure(): Measurement {
  const { real, sources, incidents } = readCorpora();
  const falsePositives = (badge: Badge | null): string[] =>
    real.flatMap((full) => {
      const v = judge({ ...split(full), badge: full.startsWith('docker.io/library/') ? 'official' : badge });
      return v ? [`${full} → ${target(v)} (${v.how})`] : [];
    });
  const offline = falsePositives(null);
  const worst = falsePositives('none');
  const kinds: Incident['kind'][] = ['incident', 'named example', 'specification example'];
  const inScope = incidents.filter((i) => i.imitates !== null);
  const recall = kinds.map((kind) => {
    const of = inScope.filter((i) => i.kind === kind);
    const missed = of.filter((i) => {
      const v = judge({ ...normalise(i.name), badge: i.badge });
      return !v || target(v) !== i.imitates;
    });
    return { kind, caught: of.length - missed.length, of: of.length, missed: missed.map((i) => i.name) };
  });
  return {
    corpus: { names: real.length, sources },
    offline: { falsePositives: offline, rate: offline.length / real.length },
    worstCase: { falsePositives: worst, rate: worst.length / real.length },
    recall,
    outOfScope: incidents.filter((i) => i.imitates === null).map((i) => i.name),
    synthetic: synthetic(),
  };
}

const NAME = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

function synthetic(): Measurement['synthetic'] {
  const official = [...OFFICIAL_IMAGES.names, ...OFFICIAL_IMAGES.retired];
  const namespaces = PUBLISHERS.publishers.map((p) => p.namespace);
  const hosts = REGISTRIES.registries.map((r) => r.host);
  const groups = [
    {
      of: 'official names' as const,
      names: OFFICIAL_IMAGES.names,
      known: new Set([...official, ...namespaces]),
      ref: (t: string) => ({ registry: 'docker.io', repository: `library/${t}` }),
    },
    {
      of: 'namespaces' as const,
      names: namespaces,
      known: new Set([...official, ...namespaces]),
      ref: (t: string) => ({ registry: 'docker.io', repository: `${t}/app` }),
    },
    {
      of: 'registries' as const,
      names: hosts,
      known: new Set(hosts),
      ref: (t: string) => ({ registry: t, repository: 'acme/app' }),
    },
  ];
  const out: Measurement['synthetic'] = [];
  for (const g of groups) {
    const totals = new Map<string, { caught: number; total: number }>();
    for (const name of g.names) {
      for (const [slip, typos] of Object.entries(slips(name))) {
        const t = totals.get(slip) ?? { caught: 0, total: 0 };
        for (const typo of new Set(typos)) {
          // a slip inside a subdomain stays with the domain's owner (`registy.k8s.io`): no impostor can hold it
          if (g.of === 'registries' && domainOf(typo) === domainOf(name)) continue;
          if (
            g.known.has(typo) ||
            typo.length < 2 ||
            (g.of !== 'registries' && !NAME.test(typo)) ||
            (g.of === 'registries' && !HOST.test(typo))
          )
            continue;
          t.total++;
          const v = judge(g.ref(typo));
          if (v && target(v) === name) t.caught++;
        }
        totals.set(slip, t);
      }
    }
    for (const [slip, t] of totals) out.push({ of: g.of, slip, ...t });
  }
  return out;
}

const domainOf = (host: string): string => host.split('.').slice(-2).join('.');
const HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

function percent(r: number): string {
  return `${(r * 100).toFixed(2)} %`;
}

function main(): void {
  const m = measure();
  console.log(
    `real names: ${m.corpus.names} distinct, from ${m.corpus.sources} public repositories (test/fixtures/lookalike/real-names.json)`,
  );
  console.log(
    `false positives, name alone (offline, badge unknown): ${m.offline.falsePositives.length} = ${percent(m.offline.rate)}`,
  );
  for (const f of m.offline.falsePositives) console.log(`  ${f}`);
  console.log(
    `false positives, worst case (every publisher outside library/ without a badge): ${m.worstCase.falsePositives.length} = ${percent(m.worstCase.rate)}`,
  );
  for (const f of m.worstCase.falsePositives) console.log(`  ${f}`);
  for (const r of m.recall) {
    console.log(`recall, ${r.kind}s: ${r.caught}/${r.of}${r.missed.length ? ` (missed: ${r.missed.join(', ')})` : ''}`);
  }
  console.log(`not name imitations (left to known-malicious): ${m.outOfScope.join(', ')}`);
  console.log(
    'synthetic: every one-slip typo of the official names (as library/<typo>), well-known namespaces and registries:',
  );
  for (const s of m.synthetic)
    console.log(`  ${s.of}, ${s.slip}: ${s.caught}/${s.total} = ${percent(s.caught / s.total)}`);
}

if (require.main === module) main();
