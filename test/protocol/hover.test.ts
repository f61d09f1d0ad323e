// Hover over the protocol: policy's markdown as MarkupContent (plaintext for clients without
// markdown), skipped references explained, and cancellation that ends the wait but not the lookup.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CancellationTokenSource, startClient } from './client.js';
import { AT, DOCKERFILE, DOCKERFILE_URI, scriptedFacts } from './fixtures.js';
import { NOW } from './scriptedFacts.js';

const CASES = [
  {
    name: 'an official unsigned image: badge, signature status, age, digest',
    at: AT.nginx,
    range: { start: { line: 0, character: 5 }, end: { line: 0, character: 15 } },
    includes: [
      '`docker.io/library/nginx:1.27`',
      'Docker Official Image',
      'Signatures: **no signature found**',
      'Last pushed: 7 weeks ago',
      '(`unsigned`)',
    ],
  },
  {
    name: 'a multi-arch image with FROM --platform: platform, signed, platform table',
    at: AT.python,
    range: { start: { line: 1, character: 28 }, end: { line: 1, character: 44 } },
    includes: [
      'Platform: `linux/arm64`',
      '- A cosign signature, **not verified**: not read.',
      '| `linux/arm64/v8` |',
      'multi-arch index',
    ],
  },
  {
    name: 'a drifted pin: the digest the tag points to now',
    at: AT.alpine,
    range: { start: { line: 2, character: 5 }, end: { line: 2, character: 88 } },
    // both digests, each said for what it is
    includes: ['- Pinned: `sha256:aaaa', '- What `3.19` points to now: `sha256:bbbb', '`digest-drift`'],
  },
  {
    name: 'a build stage: explained, not looked up',
    at: AT.stage,
    range: { start: { line: 4, character: 5 }, end: { line: 4, character: 7 } },
    includes: ['Not looked up: It names an earlier build stage'],
  },
];

describe('hover', () => {
  for (const c of CASES) {
    test(c.name, async () => {
      const { client } = await startClient({ facts: scriptedFacts(), now: NOW });
      client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
      const hover = await client.hover(DOCKERFILE_URI, c.at);
      assert.ok(hover, 'a hover');
      const contents = hover.contents as { kind: string; value: string };
      assert.equal(contents.kind, 'markdown');
      assert.deepEqual(hover.range, c.range);
      for (const s of c.includes)
        assert.ok(contents.value.includes(s), `hover has ${JSON.stringify(s)}:\n${contents.value}`);
      await client.shutdown();
    });
  }

  test('the hover asks for verified facts and names the signer', async () => {
    const facts = scriptedFacts();
    const signer = {
      issuer: 'https://token.actions.githubusercontent.com',
      identity: 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.0',
    };
    const asked: string[] = [];
    Object.assign(facts, {
      verified: async (target: Parameters<typeof facts.lookup>[0], signal?: AbortSignal) => {
        asked.push(`${target.repository}:${target.tag}`);
        const f = await facts.lookup(target, signal);
        return (
          f && {
            ...f,
            signatures: f.signatures.map((x) => ({
              ...x,
              verification: 'verified',
              signer,
              reason: null,
              evidence: { method: 'sigstore', loggedAt: '2026-10-02T08:15:00Z' },
            })),
          }
        );
      },
    });
    const { client } = await startClient({ facts, now: NOW });
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    const hover = await client.hover(DOCKERFILE_URI, AT.python);
    const value = (hover?.contents as { value: string }).value;
    assert.deepEqual(asked, ['library/python:3.12-slim']);
    assert.ok(
      value.includes(
        '- Signed by the GitHub workflow `github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.0` (Sigstore, in the transparency log since 2026-10-02).',
      ),
      value,
    );
    await client.shutdown();
  });

  test('facts a hover brought (signatures verified) refresh the diagnostics of the document', async () => {
    const facts = scriptedFacts();
    const signer = {
      issuer: 'https://token.actions.githubusercontent.com',
      identity: 'https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.0',
    };
    Object.assign(facts, {
      verified: async (target: Parameters<typeof facts.lookup>[0], signal?: AbortSignal) => {
        const f = await facts.lookup(target, signal);
        if (!f) return f;
        const sig = {
          kind: 'cosign' as const,
          digest: `sha256:${'9'.repeat(64)}`,
          verification: 'verified' as const,
          signer,
          reason: null,
        };
        const verified = { ...f, signatures: [sig] };
        facts.replace(target, verified);
        return verified;
      },
    });
    const { client } = await startClient({ facts, now: NOW });
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    const unsignedOnLine0 = (p: { diagnostics: Array<{ code?: unknown; range: { start: { line: number } } }> }) =>
      p.diagnostics.some((d) => d.code === 'unsigned' && d.range.start.line === 0);
    await client.waitFor(() => client.published.find((p) => p.uri === DOCKERFILE_URI && unsignedOnLine0(p)));
    await client.hover(DOCKERFILE_URI, AT.nginx);
    const after = await client.waitFor(() =>
      client.published.find((p, i) => i > 0 && p.uri === DOCKERFILE_URI && !unsignedOnLine0(p)),
    );
    assert.ok(
      after.diagnostics.some((d) => d.code === 'unpinned-digest' && d.range.start.line === 0),
      'the rest is still there',
    );
    await client.shutdown();
  });

  test('outside any reference: null', async () => {
    const { client } = await startClient({ facts: scriptedFacts(), now: NOW });
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    assert.equal(await client.hover(DOCKERFILE_URI, { line: 0, character: 1 }), null);
    await client.shutdown();
  });

  test('a client without markdown gets plaintext', async () => {
    const { client } = await startClient({ facts: scriptedFacts(), now: NOW, markdown: false });
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    const hover = await client.hover(DOCKERFILE_URI, AT.nginx);
    const contents = hover?.contents as { kind: string; value: string };
    assert.equal(contents.kind, 'plaintext');
    // readable as it is: the plain-text rendering, not Markdown source
    assert.ok(
      contents.value.startsWith(
        'docker.io/library/nginx:1.27 — Docker Official Image · unsigned · pushed 7 weeks ago\n\nPublisher library: Docker Official Image: curated',
      ),
      contents.value,
    );
    assert.doesNotMatch(contents.value, /\*\*|`|\\/);
    await client.shutdown();
  });

  test('a cancelled hover returns null; the lookup still completes and the next hover is instant', async () => {
    const facts = scriptedFacts();
    const { client } = await startClient({ facts, now: NOW, pull: true });
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    facts.hold();
    const source = new CancellationTokenSource();
    const pending = client.hover(DOCKERFILE_URI, AT.nginx, source);
    await facts.whenStarted('docker.io/library/nginx:1.27');
    source.cancel();
    assert.equal(await pending, null);
    assert.equal(facts.finished.length, 0, 'the lookup is still running');
    const finished = facts.whenFinished('docker.io/library/nginx:1.27');
    facts.release();
    await finished;
    const again = await client.hover(DOCKERFILE_URI, AT.nginx);
    assert.ok((again?.contents as { value: string }).value.includes('Docker Official Image'));
    assert.equal(facts.started.filter((k) => k.includes('nginx')).length, 1, 'one lookup for both hovers');
    await client.shutdown();
  });

  // The verdict at a glance comes first; findings are named with what to do. A client that shows
  // the range's diagnostics with the hover (VS Code says so at initialize) gets no message twice.
  const FINDINGS: Array<{ name: string; init: Record<string, unknown> | undefined; message: boolean }> = [
    { name: 'a client that shows no diagnostics with hovers reads each message', init: undefined, message: true },
    {
      name: 'VS Code (diagnostics shown with the hover) reads each finding by name only',
      init: { hoverShowsDiagnostics: true },
      message: false,
    },
  ];
  for (const c of FINDINGS) {
    test(c.name, async () => {
      const { client } = await startClient({
        facts: scriptedFacts(),
        now: NOW,
        ...(c.init ? { initializationOptions: c.init } : {}),
      });
      client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
      // the diagnostics once facts are in: the messages the hover would otherwise repeat
      const published = await client.waitFor(() =>
        client.published.find((p) =>
          p.diagnostics.some((d) => String(d.message).includes('what the tag points to now')),
        ),
      );
      const hover = await client.hover(DOCKERFILE_URI, AT.nginx);
      const text = (hover?.contents as { value: string }).value;
      assert.equal(
        text.split('\n')[0],
        '**`docker.io/library/nginx:1.27`** — Docker Official Image · unsigned · pushed 7 weeks ago',
      );
      assert.ok(text.includes('**What to do**'));
      assert.ok(
        text.includes(
          '- warning: Image not pinned to a digest (`unpinned-digest`) — quick fix: Pin to digest sha256:cccccccccccc… (keeps the tag)',
        ) !== c.message,
        text,
      );
      const messages = published.diagnostics.filter((d) => d.range.start.line === 0).map((d) => String(d.message));
      assert.ok(messages.length > 0);
      for (const m of messages)
        assert.equal(
          text.includes(m.replace(/([()])/g, '\\$1')) || text.includes(m),
          c.message,
          `message ${c.message ? 'shown' : 'not repeated'}: ${m}`,
        );
    });
  }
});
