// Issue 9 item 1: registry text that can reach a file or a fix is checked against its grammar at the
// network edge. The hostile corpus (test/unit/hub/hostileCorpus.ts) is replayed through the real
// sandbox: as tags in the Docker Hub tag list (the source of the latest-tag fix), as fields of the Hub
// tag endpoint, and as registry headers. No hostile value may reach facts, a fix, JSON or SARIF.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { validateHeaderValue } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSandbox, type HubCatalog, type Sandbox } from '../harness/sandbox.js';
import { createFactsService, type HubFactsService } from '../../server/src/hub/index.js';
import { normalizeSettings } from '../../server/src/model/settings.js';
import { runCli } from '../../server/src/cli/main.js';
import { HOSTILE_DIGESTS, HOSTILE_MEDIA_TYPES, HOSTILE_TAGS, HOSTILE_TIMESTAMPS } from '../unit/hub/hostileCorpus.js';

let sb: Sandbox | undefined;
let unavailable = 'sandbox not started';
let original: HubCatalog | undefined;
let dir = '';

before(async () => {
  const s = await startSandbox();
  if (s.available) {
    sb = s;
    original = s.hubApi.catalog();
  } else unavailable = s.reason;
  dir = mkdtempSync(path.join(tmpdir(), 'image-trust-registry-text-'));
});
after(async () => {
  await sb?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The sandbox with no faults, its own Hub catalog back after the test, and a fresh service. */
function env(t: TestContext): { s: Sandbox; svc: HubFactsService } | undefined {
  if (!sb || !original) {
    t.skip(unavailable);
    return undefined;
  }
  const s = sb;
  const reset = () => {
    for (const k of ['registry', 'hub', 'oci'] as const) s.faults[k].clear();
    if (original) s.hubApi.setCatalog(original);
  };
  reset();
  const svc = createFactsService({
    settings: normalizeSettings(s.config),
    trusted: true,
    dockerConfigPath: '/nonexistent',
    timeoutMs: 3000,
  });
  t.after(async () => {
    reset();
    await svc.dispose();
  });
  return { s, svc };
}

const show = (v: string) => JSON.stringify(v.length > 50 ? `${v.slice(0, 50)}…` : v);
const hub = (repository: string, tag: string | null, digest: string | null = null) => ({
  registry: 'docker.io',
  repository,
  tag,
  digest,
});

/** The catalog with `tags` added to library/nginx, all pointing at what `latest` points to, pushed last. */
function withNginxTags(catalog: HubCatalog, s: Sandbox, tags: readonly string[]): HubCatalog {
  const nginx = s.seed.nginx;
  return {
    ...catalog,
    repositories: catalog.repositories.map((r) =>
      r.namespace === 'library' && r.name === 'nginx'
        ? {
            ...r,
            tags: [
              ...r.tags,
              ...tags.map((name) => ({
                name,
                digest: nginx.digest,
                mediaType: nginx.mediaType,
                contentType: 'image' as const,
                pushedAt: new Date(),
                images: [],
              })),
            ],
          }
        : r,
    ),
  };
}

describe('the Hub tag list: a hostile tag never becomes the latest-tag fix', () => {
  for (const tag of HOSTILE_TAGS) {
    test(`tag ${show(tag)} pointing at latest's digest is not offered`, async (t) => {
      const e = env(t);
      if (!e || !original) return;
      e.s.hubApi.setCatalog(withNginxTags(original, e.s, [tag]));
      const f = await e.svc.lookup(hub('library/nginx', 'latest'));
      assert.equal(f?.error, null);
      assert.deepEqual(f?.tagsForDigest, ['1.27.3', '1.27', '1']);
    });
  }

  test('image-trust check (JSON and SARIF) with every hostile tag in the list: the fix is exactly nginx:1.27.3@<digest>', async (t) => {
    const e = env(t);
    if (!e || !original) return;
    e.s.hubApi.setCatalog(withNginxTags(original, e.s, HOSTILE_TAGS));
    writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n');
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify(e.s.config));
    const run = async (format: string, cache: string) => {
      let out = '';
      process.env.IMAGE_TRUST_CACHE_DIR = path.join(dir, cache);
      await runCli(['check', '--format', format, '--config', 'config.json', 'compose.yaml'], {
        cwd: dir,
        out: (x) => (out += `${x}\n`),
        err: () => {},
        now: () => Date.now(),
        version: '0.0.0-test',
      });
      return out;
    };
    const expected = `nginx:1.27.3@${e.s.seed.nginx.digest}`;
    const json = JSON.parse(await run('json', 'cache-json')) as {
      references: Array<{ findings: Array<{ code: string; fix: { newText: string } | null }> }>;
    };
    const latest = json.references[0]?.findings.find((x) => x.code === 'latest-tag');
    assert.equal(latest?.fix?.newText, expected);
    const sarif = JSON.parse(await run('sarif', 'cache-sarif')) as {
      runs: Array<{
        results: Array<{
          ruleId: string;
          fixes?: Array<{ artifactChanges: Array<{ replacements: Array<{ insertedContent: { text: string } }> }> }>;
        }>;
      }>;
    };
    const inserted = sarif.runs
      .flatMap((r) => r.results)
      .filter((r) => r.ruleId === 'latest-tag')
      .flatMap((r) => r.fixes ?? [])
      .flatMap((x) => x.artifactChanges)
      .flatMap((c) => c.replacements)
      .map((x) => x.insertedContent.text);
    assert.deepEqual(inserted, [expected]);
  });
});

describe('the Hub tag endpoint: hostile fields are dropped, the registry decides what is unknown', () => {
  const tagPath = /^\/v2\/namespaces\/library\/repositories\/nginx\/tags\/1\.27$/;
  const answer = (s: Sandbox, body: Record<string, unknown>) =>
    s.faults.hub.set({
      path: tagPath,
      fault: {
        kind: 'status',
        status: 200,
        body: JSON.stringify({
          name: '1.27',
          digest: s.seed.nginx.digest,
          media_type: s.seed.nginx.mediaType,
          tag_last_pushed: '2026-11-01T00:00:00Z',
          images: [],
          ...body,
        }),
        headers: { 'content-type': 'application/json' },
      },
    });

  for (const mediaType of HOSTILE_MEDIA_TYPES) {
    test(`media_type ${show(mediaType)} → unknown`, async (t) => {
      const e = env(t);
      if (!e) return;
      answer(e.s, { media_type: mediaType });
      const f = await e.svc.lookup(hub('library/nginx', '1.27'));
      assert.equal(f?.digest, e.s.seed.nginx.digest);
      assert.equal(f?.mediaType, null);
    });
  }
  for (const digest of HOSTILE_DIGESTS) {
    test(`digest ${show(digest)} → the registry's digest (a free HEAD)`, async (t) => {
      const e = env(t);
      if (!e) return;
      answer(e.s, { digest });
      const f = await e.svc.lookup(hub('library/nginx', '1.27'));
      assert.equal(f?.error, null);
      assert.equal(f?.digest, e.s.seed.nginx.digest);
      assert.equal(f?.mediaType, e.s.seed.nginx.mediaType);
    });
  }
  for (const when of HOSTILE_TIMESTAMPS) {
    test(`tag_last_pushed ${show(when)} → unknown age`, async (t) => {
      const e = env(t);
      if (!e) return;
      answer(e.s, { tag_last_pushed: when, last_updated: when });
      const f = await e.svc.lookup(hub('library/nginx', '1.27'));
      assert.equal(f?.digest, e.s.seed.nginx.digest);
      assert.equal(f?.lastPushed, null);
    });
  }
});

/** HTTP/1.1 cannot carry control characters or non-Latin-1 text in a header: Node refuses to send
 * them and its parser (llhttp) refuses to read them, so those values never reach the hub layer as
 * headers (edge.test.ts covers them as values). The rest are replayed. */
function carriable(v: string): boolean {
  try {
    validateHeaderValue('x', v);
    return true;
  } catch {
    return false;
  }
}

describe('registry headers: Docker-Content-Digest and Content-Type', () => {
  const alpine = /^\/v2\/library\/alpine\/manifests\/3\.19$/;
  for (const digest of HOSTILE_DIGESTS.filter(carriable)) {
    test(`Docker-Content-Digest ${show(digest)} → not taken: the digest is computed from the manifest itself`, async (t) => {
      const e = env(t);
      if (!e) return;
      e.s.faults.oci.set({
        path: alpine,
        method: 'HEAD',
        fault: {
          kind: 'status',
          status: 200,
          body: '',
          headers: { 'docker-content-digest': digest, 'content-type': e.s.seed.alpine.mediaType },
        },
      });
      const f = await e.svc.lookup({ registry: e.s.ociHost, repository: 'library/alpine', tag: '3.19', digest: null });
      assert.equal(f?.error, null, JSON.stringify(f?.error));
      assert.equal(f?.digest, e.s.seed.alpine.digest);
    });
  }
  for (const mediaType of HOSTILE_MEDIA_TYPES.filter(carriable)) {
    test(`Content-Type ${show(mediaType)} → unknown media type`, async (t) => {
      const e = env(t);
      if (!e) return;
      e.s.faults.oci.set({
        path: alpine,
        method: 'HEAD',
        fault: {
          kind: 'status',
          status: 200,
          body: '',
          headers: { 'docker-content-digest': e.s.seed.alpine.digest, 'content-type': mediaType },
        },
      });
      const f = await e.svc.lookup({ registry: e.s.ociHost, repository: 'library/alpine', tag: '3.19', digest: null });
      assert.equal(f?.error, null, JSON.stringify(f?.error));
      assert.equal(f?.digest, e.s.seed.alpine.digest);
      assert.equal(f?.mediaType, null);
    });
  }
});
