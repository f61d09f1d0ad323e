// The language server keeps answering while a huge document is open: open a big Kubernetes
// manifest, then a small Dockerfile, and hover in the small one. The hover must be answered, and
// correctly. How long it waits is a figure of `npm run bench` (test/bench/badInput.ts), not an
// assertion. The size is 5 MB by default, 50 MB with IMAGE_TRUST_HUGE=1.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startClient } from '../../protocol/client.js';
import { AT, DOCKERFILE, DOCKERFILE_URI, scriptedFacts } from '../../protocol/fixtures.js';
import { NOW } from '../../protocol/scriptedFacts.js';
import { bigManifest } from '../../helpers/corpus.js';
import { MB } from './support.js';

const SIZE = (process.env.IMAGE_TRUST_HUGE === '1' ? 50 : 5) * MB;

test(`hover on a small document is answered while a ${SIZE / MB} MB manifest is open`, async () => {
  const big = bigManifest(SIZE);
  const { client } = await startClient({ facts: scriptedFacts(), now: NOW });
  try {
    client.open('file:///work/deploy/big.yaml', big, 'yaml');
    client.open(DOCKERFILE_URI, DOCKERFILE, 'dockerfile');
    const hover = await client.hover(DOCKERFILE_URI, AT.nginx);
    assert.ok(hover, 'the hover is answered');
    assert.match(JSON.stringify(hover.contents), /nginx:1\.27/);
  } finally {
    await client.shutdown();
  }
});
