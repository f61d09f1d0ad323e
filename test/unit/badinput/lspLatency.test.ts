// The language server keeps answering while a huge document is open: open a big Kubernetes
// manifest, then a small Dockerfile, and hover in the small one. The hover must be answered (and
// correctly); its latency is reported. The server is in process (test/protocol/client.ts), so a
// synchronous extraction of the big document delays the hover exactly as it would in an editor.
// The size is 5 MB by default, 50 MB with IMAGE_TRUST_HUGE=1.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startClient } from '../../protocol/client.js';
import { AT, DOCKERFILE, DOCKERFILE_URI, scriptedFacts } from '../../protocol/fixtures.js';
import { NOW } from '../../protocol/scriptedFacts.js';
import { bigManifest } from '../../helpers/corpus.js';
import { MB } from './support.js';

const SIZE = (process.env.IMAGE_TRUST_HUGE === '1' ? 50 : 5) * MB;
/** Generous: the whole big document may be extracted before the hover is served. */
const CEILING_MS = (SIZE / MB) * 2000 + 5000;

test(`hover on a small document is answered while a ${SIZE / MB} MB manifest is open`, async (t) => {
  const big = bigManifest(SIZE);
  const { client } = await startClient({ facts: scriptedFacts(), now: NOW });
  try {
    const opened = performance.now();
    client.open('file:///work/deploy/big.yaml', big, 'yaml');
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    const asked = performance.now();
    const hover = await client.hover(DOCKERFILE_URI, AT.nginx);
    const answered = performance.now();
    t.diagnostic(`hover latency ${(answered - asked).toFixed(0)} ms (${(answered - opened).toFixed(0)} ms after opening the big document)`);
    assert.ok(hover, 'the hover is answered');
    assert.match(JSON.stringify(hover.contents), /nginx:1\.27/);
    assert.ok(answered - asked < CEILING_MS, `hover took ${(answered - asked).toFixed(0)} ms`);
  } finally {
    await client.shutdown();
  }
});
