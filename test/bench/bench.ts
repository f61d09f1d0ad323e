// `npm run bench`: the product's performance figures in one run (issues 6 and 15). Builds dist/
// first, then measures extraction and re-extraction after an edit in process, hover latency, a
// cold `check` and tag completion against the sandbox, server memory with 10,000 references open,
// the 36 MB Kubernetes List (extraction against the bare parse, in fresh processes, and the CLI's
// peak memory), the VSIX size and the activation time the VS Code suite recorded, signature
// verification, and the bad-input timings (badInput.ts). Prints a table (the SPEC §6 figures in
// its order, then extra rows), then, last, the SPEC §6 JSON. A figure that cannot be measured is
// null with the reason; the others still run. No figure is asserted: this is not a test. The
// targets are issue 15's goals.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startSandbox, type Sandbox } from '../harness/sandbox.js';
import { measureVsix, readActivation } from './artifacts.js';
import { badInputReport } from './badInput.js';
import { measureCheck, type CheckFigures } from './check.js';
import { measureExtraction, type ExtractionResult } from './extraction.js';
import { measureHover, type HoverFigures } from './hover.js';
import { renderTable, toJson, type Figure } from './report.js';
import { IDLE_MS, measureRss, type RssFigures } from './rss.js';
import { measureVerify, type VerifyFigures } from './verify.js';
import { measureBigList, type BigListFigures } from './bigList.js';
import { measureCompletion, type CompletionFigures } from './completion.js';
import { measureReextract, type ReextractFigures } from './reextract.js';

const ROOT = resolve(__dirname, '..', '..');
const SERVER_JS = join(ROOT, 'dist', 'server.js');
const CLI_JS = join(ROOT, 'dist', 'cli.js');
const CHECK_IMAGES = 200;
const LATENCY_MS = 20;
const HOVERS = 1_000;
const COMPLETION_REPOSITORIES = 100;
const COMPLETIONS_WARM = 1_000;
const BIG_LIST_RUNS = 3;

const progress = (m: string): void => {
  process.stderr.write(`bench: ${m}\n`);
};
const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'unknown error';
const ms = (v: number): string => `${v.toFixed(1)} ms`;

async function attempt<T>(name: string, f: () => Promise<T> | T): Promise<{ ok: T } | { error: string }> {
  const t0 = Date.now();
  try {
    const ok = await f();
    progress(`${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return { ok };
  } catch (e) {
    progress(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return { error: reason(e) };
  }
}

/** The build that ships (minified, no source maps, as npm pack and npm run package make it): the
 * server's memory and the CLI's speed are measured as users get them. */
function build(): string | null {
  const r = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) return `build failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ')}`;
  return existsSync(SERVER_JS) && existsSync(CLI_JS) ? null : 'build produced no dist/server.js or dist/cli.js';
}

async function main(): Promise<void> {
  const t0 = Date.now();
  progress('building dist/ (node esbuild.mjs --production, as npm pack and npm run package)');
  const buildError = build();

  progress('1/10 extraction (in process)');
  const extraction = await attempt('extraction', () =>
    measureExtraction({ yamlRuns: 7, dockerfileRuns: 21, warmup: 2 }),
  );
  progress(`2/10 re-extraction after one-line edits (the server's document index, in process)`);
  const reextract = await attempt('reextract', () => measureReextract({ edits: 200, warmup: 20 }));

  let hover: Awaited<ReturnType<typeof attempt<HoverFigures>>> = { error: buildError ?? 'sandbox not started' };
  let check: Awaited<ReturnType<typeof attempt<CheckFigures>>> = { error: buildError ?? 'sandbox not started' };
  let completion: Awaited<ReturnType<typeof attempt<CompletionFigures>>> = {
    error: buildError ?? 'sandbox not started',
  };
  if (!buildError) {
    progress('starting the sandbox');
    const sb = await attempt('sandbox', () => startSandbox());
    if ('error' in sb || !sb.ok.available) {
      const why = 'error' in sb ? sb.error : sb.ok.available ? '' : sb.ok.reason;
      hover = check = { error: `sandbox unavailable: ${why}` };
    } else {
      const sandbox: Sandbox = sb.ok;
      try {
        progress(`3/10 hover latency (${HOVERS} hovers over stdio)`);
        hover = await attempt('hover', () => measureHover(sandbox, SERVER_JS, { hovers: HOVERS, warmup: 200 }));
        const skopeo = spawnSync('sh', ['-c', 'command -v skopeo']).status === 0;
        progress(
          `4/10 cold check of ${CHECK_IMAGES} unique images, ${LATENCY_MS} ms latency${skopeo ? ', then the skopeo loop' : ''}`,
        );
        check = await attempt('check', () =>
          measureCheck(sandbox, CLI_JS, { images: CHECK_IMAGES, latencyMs: LATENCY_MS, skopeo }),
        );
        progress(
          `5/10 tag completion over stdio (${COMPLETION_REPOSITORIES} repositories cold, ${COMPLETIONS_WARM} warm)`,
        );
        completion = await attempt('completion', () =>
          measureCompletion(sandbox, SERVER_JS, { repositories: COMPLETION_REPOSITORIES, warm: COMPLETIONS_WARM }),
        );
      } finally {
        await sandbox.stop();
      }
    }
  }

  progress('6/10 server RSS with 10,000 references open');
  const rss = buildError ? { error: buildError } : await attempt('rss', () => measureRss(SERVER_JS));
  progress(
    `7/10 the 36 MB Kubernetes List: extraction vs bare yaml parse (${BIG_LIST_RUNS} interleaved pairs of fresh processes), then the CLI scanning it`,
  );
  const bigList = await attempt('big list', () => measureBigList(buildError ? null : CLI_JS, { runs: BIG_LIST_RUNS }));
  progress('8/10 VSIX size (vsce package)');
  const vsix = buildError ? { value: null, how: `not measured: ${buildError}` } : measureVsix(ROOT);
  const activation = readActivation(ROOT);
  progress('9/10 signature verification (in process)');
  const verify = await attempt('verify', () => measureVerify());
  progress('10/10 bad-input timings (in process; figures the unit tests no longer assert)');
  const badInput = await attempt('bad input', badInputReport);

  const figures = [
    ...describe(extraction, hover, check, rss, vsix, activation),
    ...issue15Figures(reextract, bigList),
    verifyFigure(verify),
    ...extraRows(reextract, bigList, completion),
  ];
  console.log(
    `Image Trust benchmark — ${new Date().toISOString()}, Node ${process.version}, ${process.platform}/${process.arch}, run took ${((Date.now() - t0) / 1000).toFixed(0)} s\n`,
  );
  console.log(renderTable(figures));
  if ('ok' in check) {
    console.log(
      `\nRequests during the cold check (${check.ok.images} images; token requests go to the token server directly and are counted from its counter):`,
    );
    for (const [kind, n] of check.ok.breakdown) console.log(`  ${String(n).padStart(5)}  ${kind}`);
    console.log(`  ${String(check.ok.tokenRequests).padStart(5)}  token GET /token (registry auth)`);
    const w = check.ok.waterfall;
    console.log(
      `\nRequest waterfall of the cold check (ms after the process started; it ended at ${w.endMs.toFixed(0)} ms):`,
    );
    for (const k of w.kinds)
      console.log(
        `  ${k.firstMs.toFixed(0).padStart(6)} – ${k.lastMs.toFixed(0).padEnd(6)} ${String(k.count).padStart(4)}×  ${k.kind}`,
      );
    console.log(`  one image, ${w.image} (token requests are shared, not per image):`);
    for (const r of w.requests)
      console.log(`  ${r.atMs.toFixed(0).padStart(6)} ms  ${r.ms === null ? '' : `${r.ms.toFixed(0)} ms  `}${r.what}`);
  }
  console.log(`\n${'ok' in badInput ? badInput.ok : `Bad-input figures: not measured: ${badInput.error}`}`);
  console.log(JSON.stringify(toJson(figures)));
}

type Outcome<T> = { ok: T } | { error: string };

function describe(
  ex: Outcome<ExtractionResult>,
  hv: Outcome<HoverFigures>,
  ck: Outcome<CheckFigures>,
  rs: Outcome<RssFigures>,
  vsix: { value: number | null; how: string },
  act: { value: number | null; how: string },
): Figure[] {
  const na = (o: { error: string }): string => `not measured: ${o.error}`;
  const y = 'ok' in ex ? ex.ok.yaml : null;
  const d = 'ok' in ex ? ex.ok.dockerfile : null;
  const h = 'ok' in hv ? hv.ok : null;
  const c = 'ok' in ck ? ck.ok : null;
  const r = 'ok' in rs ? rs.ok : null;
  const checkHow = c
    ? `\`node dist/cli.js check --format json --config <sandbox config>\` on a Dockerfile of ${c.images} \`FROM docker.io/bench/img-N:1\` lines (unique single-platform images pushed for the bench, with matching data on a second fake Hub), fresh XDG_CACHE_HOME, ${c.latencyMs} ms added by the registry and Hub proxies; ${c.referencesWithFacts}/${c.images} references got facts; check ${ms(c.checkMs)} wall time (process start to exit, exit ${c.checkExit})` +
      (c.checkProblems.length ? `; PROBLEMS: ${c.checkProblems.join('; ')}` : '')
    : null;
  return [
    {
      key: 'extractionRatioVsYamlParse',
      label: 'K8s YAML extraction ÷ yaml parse',
      value: y?.ratio ?? null,
      unit: '×',
      digits: 2,
      target: { op: '<=', value: 1.2 },
      how: y
        ? `extractFile('bench/deploy.yaml', text) (kind detected by content) vs yaml parseAllDocuments(text) on one generated ${(y.bytes / 1e6).toFixed(2)} MB multi-document manifest with ${y.references} references; ${y.runs} interleaved runs after 2 warm-ups, median of per-pair ratios (medians: ${ms(y.extractMs)} vs ${ms(y.parseMs)})`
        : na(ex as { error: string }),
    },
    {
      key: 'dockerfileRatioVsAstParse',
      label: 'Dockerfile extraction ÷ dockerfile-ast parse',
      value: d?.ratio ?? null,
      unit: '×',
      digits: 2,
      target: { op: '<=', value: 1.25 },
      how: d
        ? `extractDockerfile on a generated ${d.lines}-line multi-stage Dockerfile (${d.references} references) vs DockerfileParser.parse of it; ${d.runs} interleaved runs after 2 warm-ups, median of per-pair ratios (medians: ${ms(d.extractMs)} vs ${ms(d.parseMs)})`
        : na(ex as { error: string }),
    },
    {
      key: 'hoverWarmP50Ms',
      label: 'warm hover p50',
      value: h?.p50Ms ?? null,
      unit: ' ms',
      digits: 3,
      target: { op: '<=', value: 1 },
      how: h
        ? `\`node dist/server.js --stdio\` driven by a vscode-jsonrpc client (push diagnostics, settings from initializationOptions = sandbox config); a Compose file with ${h.references} sandbox images opened, each hovered once until its hover shows the seeded digest (facts cached), ${h.warmup} untimed hovers, then ${h.hovers} sequential hovers cycling over the references, each request round trip timed (max ${ms(h.maxMs)})`
        : na(hv as { error: string }),
    },
    {
      key: 'hoverWarmP99Ms',
      label: 'warm hover p99',
      value: h?.p99Ms ?? null,
      unit: ' ms',
      digits: 3,
      target: { op: '<=', value: 5 },
      how: h ? 'same run as p50 (nearest-rank percentile)' : na(hv as { error: string }),
    },
    {
      key: 'requestsPerUniqueImage',
      label: 'HTTP requests per unique image',
      value: c?.requestsPerUniqueImage ?? null,
      unit: '',
      digits: 2,
      target: { op: '<=', value: 3.5 },
      how: c
        ? `${checkHow}; (registry proxy ${c.registryRequests} + Hub proxy ${c.hubRequests} + token server ${c.tokenRequests}) ÷ ${c.images}, breakdown below`
        : na(ck as { error: string }),
    },
    {
      key: 'countedPulls',
      label: 'counted pulls (registry manifest GETs)',
      value: c?.manifestGets ?? null,
      unit: '',
      digits: 0,
      target: { op: '<=', value: 0 },
      how: c
        ? `GET …/manifests/… requests on the registry proxy (the docker.io mirror) during the same check — what Docker Hub counts as a pull (HEADs do not count: ${c.manifestHeads} HEADs)`
        : na(ck as { error: string }),
    },
    {
      key: 'checkSpeedupVsSkopeo',
      label: 'check speed-up vs sequential skopeo',
      value: c?.speedup ?? null,
      unit: '×',
      digits: 2,
      target: { op: '>=', value: 12 },
      how: c
        ? c.speedup !== null
          ? `sequential \`skopeo inspect --raw --tls-verify=false docker://<registry>/bench/img-N:1\` over the same ${c.images} images, same latency: ${ms(c.skopeoMs ?? 0)} ÷ check ${ms(c.checkMs)}`
          : `not measured: ${c.skopeoNote ?? (c.checkProblems.join('; ') || `${c.skopeoFailures} skopeo runs failed`)}`
        : na(ck as { error: string }),
    },
    {
      key: 'serverRssMb',
      label: 'server RSS, 10,000 references open',
      value: r?.rssMb ?? null,
      unit: ' MB',
      digits: 1,
      target: { op: '<=', value: 80 },
      how: r
        ? `VmRSS of \`node dist/server.js --stdio\` (offline, empty cache) right after opening the same 10,000-reference manifest and receiving its settled diagnostics (${r.diagnostics} diagnostics, ${r.publications} publications); ${r.idleMb?.toFixed(1) ?? '?'} MB after ${IDLE_MS / 1000} s idle with it open (V8 gives heap back when idle, at times of its choosing), ${r.peakMb?.toFixed(1) ?? '?'} MB at most meanwhile${r.baselineMb === null ? '' : `, ${r.baselineMb.toFixed(1)} MB right after initialize`}`
        : na(rs as { error: string }),
    },
    {
      key: 'vsixMb',
      label: 'VSIX size',
      value: vsix.value,
      unit: ' MB',
      digits: 2,
      target: { op: '<=', value: 1.0 },
      how: vsix.how,
    },
    {
      key: 'activationMs',
      label: 'extension activation',
      value: act.value,
      unit: ' ms',
      digits: 0,
      target: null,
      how: act.how,
    },
  ];
}

function issue15Figures(re: Outcome<ReextractFigures>, bl: Outcome<BigListFigures>): Figure[] {
  const na = (o: { error: string }): string => `not measured: ${o.error}`;
  const r = 'ok' in re ? re.ok : null;
  const b = 'ok' in bl ? bl.ok : null;
  return [
    {
      key: 'reextractAfterEditMs',
      label: 're-extraction after a one-line edit (server)',
      value: r?.medianMs ?? null,
      unit: ' ms',
      digits: 2,
      target: { op: '<=', value: 10 },
      how: r
        ? `the server's DocumentIndex (lsp/documents.ts, as didChange runs it) over the same ${r.references}-reference manifest: ${r.edits} edits, each changing one image's tag in another document, applied to the TextDocument as an incremental change, timed until every reference of the new version is there (every tenth checked against a full extraction); median, p99 ${ms(r.p99Ms)}; the first, full extraction took ${ms(r.fullMs)}`
        : na(re as { error: string }),
    },
    {
      key: 'bigListRatioVsYamlParse',
      label: '36 MB Kubernetes List extraction ÷ yaml parse',
      value: b?.ratio ?? null,
      unit: '×',
      digits: 2,
      target: { op: '<=', value: 1.5 },
      how: b
        ? `extractFile of one generated ${(b.bytes / 1e6).toFixed(1)} MB \`kind: List\` document (${b.references} references in Pods of four containers) vs yaml parseAllDocuments of it, each in a fresh process (test/bench/bigListChild.ts), ${b.runs} interleaved pairs, median of per-pair wall-time ratios (medians: ${ms(b.extractMs)} vs ${ms(b.parseMs)}; CPU ${ms(b.extractCpuMs)} vs ${ms(b.parseCpuMs)})`
        : na(bl as { error: string }),
    },
    {
      key: 'bigListPeakRssMb',
      label: 'peak RSS of `image-trust scan` on that List',
      value: b?.peakRssMb ?? null,
      unit: ' MB',
      digits: 0,
      target: { op: '<=', value: 1024 },
      how: b
        ? b.peakRssMb !== null
          ? `the kernel's peak resident set size (ru_maxrss) of \`node dist/cli.js scan all.yaml\` (text output to /dev/null), read at its exit by a preloaded test/bench/peakRss.mjs; the scan took ${ms(b.scanMs ?? 0)} wall time`
          : `not measured: ${b.scanNote}`
        : na(bl as { error: string }),
    },
  ];
}

/** Extra rows for people (not in the JSON line). */
function extraRows(
  re: Outcome<ReextractFigures>,
  bl: Outcome<BigListFigures>,
  cp: Outcome<CompletionFigures>,
): Figure[] {
  const na = (o: { error: string }): string => `not measured: ${o.error}`;
  const r = 'ok' in re ? re.ok : null;
  const c = 'ok' in cp ? cp.ok : null;
  const b = 'ok' in bl ? bl.ok : null;
  const completionHow = c
    ? `\`node dist/server.js --stdio\` (sandbox config with the bench's fake Docker Hub, fresh cache), a Dockerfile of ${c.repositories} \`FROM docker.io/bench/img-N: AS sN\` lines, textDocument/completion after each \`:\`, round trip timed, every answer checked to offer the tag \`1\``
    : null;
  return [
    {
      key: null,
      label: 're-extraction after an edit that adds a line',
      value: r?.addLineMedianMs ?? null,
      unit: ' ms',
      digits: 2,
      target: null,
      how: r
        ? 'same as re-extraction after a one-line edit, each edit adding or removing a line (every document below it moves down or up): median'
        : na(re as { error: string }),
    },
    {
      key: null,
      label: 'tag completion, cold (tag list fetched) p50',
      value: c?.coldP50Ms ?? null,
      unit: ' ms',
      digits: 2,
      target: null,
      how: completionHow
        ? `${completionHow}: the first completion of each repository, whose tag list the hub fetches`
        : na(cp as { error: string }),
    },
    {
      key: null,
      label: 'tag completion, cold p99',
      value: c?.coldP99Ms ?? null,
      unit: ' ms',
      digits: 2,
      target: null,
      how: c ? 'same run (nearest-rank percentile)' : na(cp as { error: string }),
    },
    {
      key: null,
      label: 'tag completion, warm (cached) p50',
      value: c?.warmP50Ms ?? null,
      unit: ' ms',
      digits: 2,
      target: null,
      how: completionHow
        ? `${completionHow}: ${c?.warm} completions more, cycling over the repositories, from the cached tag lists`
        : na(cp as { error: string }),
    },
    {
      key: null,
      label: 'tag completion, warm p99',
      value: c?.warmP99Ms ?? null,
      unit: ' ms',
      digits: 2,
      target: null,
      how: c ? 'same run (nearest-rank percentile)' : na(cp as { error: string }),
    },
    {
      key: null,
      label: '`image-trust scan` of the 36 MB List, wall time',
      value: b?.scanMs ?? null,
      unit: ' ms',
      digits: 0,
      target: null,
      how: b ? 'the run the peak RSS was read from: process start to exit' : na(bl as { error: string }),
    },
  ];
}

function verifyFigure(v: Outcome<VerifyFigures>): Figure {
  return {
    key: 'verifyMsPerSignature',
    label: 'verify one signature (warm trust root)',
    value: 'ok' in v ? v.ok.medianMs : null,
    unit: ' ms',
    digits: 3,
    target: null,
    how:
      'ok' in v
        ? `median of ${v.ok.samples} verifications, cosign keyless .sig and Sigstore bundle v0.3 alternately (chain, SCT, SET / inclusion proof, signature; test CA with P-384 root and intermediate as Fulcio's): cosign ${v.ok.cosignMs.toFixed(2)} ms, bundle ${v.ok.bundleMs.toFixed(2)} ms, p90 ${v.ok.p90Ms.toFixed(2)} ms`
        : `not measured: ${(v as { error: string }).error}`,
  };
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
});
