// Issue 10, the editor: the real language server over LSP (the protocol tests' client) with the real
// facts service against the sandbox, Docker Hub answering as it does today (`images: []`). With
// dockerHub.readIndexes `on-demand` (the default), diagnostics never read an index (a counted pull);
// a hover reads it once and shows the platforms; the FROM --platform pin then works; nothing is read
// twice. Counted from the sandbox's registry log.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSandbox, type Sandbox } from '../harness/sandbox.js';
import { createFactsService } from '../../server/src/hub/index.js';
import type { FactsOptions } from '../../server/src/lsp/facts.js';
import { startClient, type TestClient } from '../protocol/client.js';

let sb: Sandbox | undefined;
let unavailable = 'sandbox not started';
let dir = '';

before(async () => {
  const s = await startSandbox();
  if (s.available) sb = s;
  else unavailable = s.reason;
  dir = mkdtempSync(path.join(tmpdir(), 'image-trust-editor-indexes-'));
});
after(async () => {
  await sb?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const URI = 'file:///work/app/Dockerfile';
const TEXT = 'FROM --platform=linux/arm64 nginx:1.27\n';
const AT = { line: 0, character: 30 };
const RANGE = { start: { line: 0, character: 28 }, end: { line: 0, character: 38 } };

/** A language server whose facts service is the real one, on the sandbox, with its own cache folder. */
async function editor(t: TestContext, s: Sandbox, settings: Record<string, unknown> = {}): Promise<TestClient> {
  const cacheDir = mkdtempSync(path.join(dir, 'cache-'));
  const createFacts = (o: FactsOptions) =>
    createFactsService({ ...o, cacheDir, dockerConfigPath: '/nonexistent', timeoutMs: 3000 });
  const { client } = await startClient({ createFacts, settings: { ...s.config, ...settings } });
  t.after(() => client.shutdown());
  return client;
}

function need(t: TestContext): Sandbox | undefined {
  if (!sb) {
    t.skip(unavailable);
    return undefined;
  }
  for (const k of ['registry', 'hub'] as const) sb.log[k].clear();
  return sb;
}

const pulls = (s: Sandbox) =>
  s.log.registry.requests({ method: 'GET', path: /\/manifests\// }).map((e) => e.path.replace(/^.*\/manifests\//, ''));

describe('the editor reads a Docker Hub index on demand', () => {
  test('diagnostics: 0 pulls; a hover: one read (the index and its attestation manifest), the platforms shown; then the platform pin; nothing read twice', async (t) => {
    const s = need(t);
    if (!s) return;
    const client = await editor(t, s);
    client.open(URI, TEXT, 'dockerfile');
    const published = await client.waitFor(() =>
      client.published.find(
        (p) =>
          p.uri === URI &&
          p.diagnostics.some((d) => d.code === 'unpinned-digest' && (d.data as { fixes?: unknown[] })?.fixes?.length),
      ),
    );
    assert.deepEqual(pulls(s), [], 'diagnostics read no index');

    const hover = await client.hover(URI, AT);
    const md = (hover?.contents as { value: string }).value;
    const [amd64, arm64] = s.seed.nginx.platforms;
    assert.ok(md.includes('| `linux/arm64/v8` |'), md);
    assert.ok(md.includes(`\`${arm64?.digest}\``), md);
    assert.ok(md.includes(`\`${amd64?.digest}\``), md);
    assert.match(md, /Attestations: provenance, SBOM\./);
    assert.doesNotMatch(md, /in the index: not read/);
    assert.deepEqual(
      pulls(s),
      [s.seed.nginx.digest, s.seed.nginx.attestations[0]],
      'one read: the index, then its first attestation manifest',
    );

    const actions = await client.codeActions(URI, RANGE, published.diagnostics);
    const pin = actions?.find((a) => /^Pin to the linux\/arm64 digest/.test(a.title));
    assert.ok(pin, (actions ?? []).map((a) => a.title).join('\n'));
    const edit = (pin.edit?.documentChanges?.[0] as { edits: Array<{ newText: string }> } | undefined)?.edits[0];
    assert.equal(edit?.newText, `nginx:1.27@${arm64?.digest}`);

    await client.hover(URI, AT);
    assert.equal(pulls(s).length, 2, 'the second hover and the code action read nothing');
  });

  test('the platform pin without a hover first: the code action reads the index', async (t) => {
    const s = need(t);
    if (!s) return;
    const client = await editor(t, s);
    client.open(URI, TEXT, 'dockerfile');
    const published = await client.waitFor(() =>
      client.published.find(
        (p) =>
          p.uri === URI &&
          p.diagnostics.some((d) => d.code === 'unpinned-digest' && (d.data as { fixes?: unknown[] })?.fixes?.length),
      ),
    );
    assert.deepEqual(pulls(s), []);
    const actions = await client.codeActions(URI, RANGE, published.diagnostics);
    const pin = actions?.find((a) => /^Pin to the linux\/arm64 digest/.test(a.title));
    assert.ok(pin, (actions ?? []).map((a) => a.title).join('\n'));
    assert.ok(
      actions?.some((a) => /^Pin to index digest/.test(a.title)),
      'the index pin is still offered',
    );
    assert.equal(pulls(s).length, 2);
  });

  test('readIndexes never: the hover reads nothing and says how to read the platforms', async (t) => {
    const s = need(t);
    if (!s) return;
    const client = await editor(t, s, { dockerHub: { ...s.config.dockerHub, readIndexes: 'never' } });
    client.open(URI, TEXT, 'dockerfile');
    const hover = await client.hover(URI, AT);
    const md = (hover?.contents as { value: string }).value;
    assert.match(md, /Platforms and the attestations in the index: not read\./);
    assert.match(md, /`imageTrust\.dockerHub\.readIndexes` is `never`/);
    assert.deepEqual(pulls(s), []);
  });
});
