// The benchmark's output: a table for people, notes on how each figure was measured, and last one
// line of JSON with exactly the keys of SPEC §6 (in its order). Rows without a key are extra
// figures for people, in the table only.

export const SPEC_KEYS = [
  'extractionRatioVsYamlParse',
  'dockerfileRatioVsAstParse',
  'hoverWarmP50Ms',
  'hoverWarmP99Ms',
  'requestsPerUniqueImage',
  'countedPulls',
  'checkSpeedupVsSkopeo',
  'serverRssMb',
  'vsixMb',
  'activationMs',
  'reextractAfterEditMs',
  'bigListRatioVsYamlParse',
  'bigListPeakRssMb',
  'verifyMsPerSignature',
] as const;
export type SpecKey = (typeof SPEC_KEYS)[number];
export type BenchJson = Record<SpecKey, number | null>;

export interface Target {
  op: '<=' | '>=';
  value: number;
}

export interface Figure {
  /** null: an extra row, not in the JSON line */
  key: SpecKey | null;
  label: string;
  value: number | null;
  unit: string;
  /** digits shown and written to the JSON line */
  digits: number;
  target: Target | null;
  /** how it was measured, or why it was not */
  how: string;
}

const fmt = (v: number, digits: number, unit: string): string => `${v.toFixed(digits)}${unit}`;

export function verdict(f: Figure): string {
  if (f.value === null) return 'not measured';
  if (!f.target) return 'no target';
  const { op, value: t } = f.target;
  const met = op === '<=' ? f.value <= t : f.value >= t;
  if (met) return 'met';
  if (op === '<=') {
    const by = fmt(f.value - t, f.digits, f.unit);
    return t > 0 ? `MISSED by ${by} (${(f.value / t).toFixed(2)}× the target)` : `MISSED by ${by}`;
  }
  return `MISSED by ${fmt(t - f.value, f.digits, f.unit)} (${f.value > 0 ? (t / f.value).toFixed(2) : '∞'}× short)`;
}

export function renderTable(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.label,
    f.value === null ? 'null' : fmt(f.value, f.digits, f.unit),
    f.target ? `${f.target.op} ${f.target.value}${f.unit}` : '—',
    verdict(f),
  ]);
  const head = ['figure', 'measured', 'target', 'result'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const notes = figures.map((f, i) => `${String(i + 1).padStart(2)}. ${f.label}: ${f.how}`);
  return [line(head), rule, ...rows.map(line), '', 'How each figure was measured:', ...notes].join('\n');
}

export function toJson(figures: Figure[]): BenchJson {
  const out = Object.fromEntries(SPEC_KEYS.map((k) => [k, null])) as BenchJson;
  for (const f of figures) if (f.key) out[f.key] = f.value === null ? null : Number(f.value.toFixed(f.digits));
  return out;
}
