// Prototype pollution through the server's three settings entry points (issue 9, class 4):
// initializationOptions.settings, a workspace/configuration answer and settings pushed with
// workspace/didChangeConfiguration, each carrying every payload of the corpus
// (test/helpers/pollution.ts). The facts service must be built with settings that send Docker Hub
// traffic where it always went, Object.prototype must stay clean, and the log names the refusal.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import type { Settings } from '../../server/src/model/settings.js';
import { startClient, type TestClient } from './client.js';
import { scriptedFacts } from './fixtures.js';
import { NOW } from './scriptedFacts.js';
import {
  assertNotRedirected,
  assertPrototypeClean,
  cleanPrototype,
  POLLUTING,
  withMarker,
} from '../helpers/pollution.js';

afterEach(cleanPrototype);

/** The settings of the facts service once the marker (cache.ttlMinutes 7) reached it. */
async function hubSettings(client: TestClient): Promise<Settings> {
  const options = await client.waitFor(() => client.facts.built.find((o) => o.settings.cache.ttlMinutes === 7));
  return options.settings;
}

const ENTRY_POINTS: Array<{ name: string; start: (payload: unknown) => Promise<TestClient> }> = [
  {
    name: 'initializationOptions.settings',
    start: async (payload) =>
      (
        await startClient({
          facts: scriptedFacts(),
          now: NOW,
          configuration: false,
          initializationOptions: { settings: payload },
        })
      ).client,
  },
  {
    name: 'workspace/configuration',
    start: async (payload) => (await startClient({ facts: scriptedFacts(), now: NOW, settings: payload })).client,
  },
  {
    name: 'didChangeConfiguration',
    start: async (payload) => {
      const { client } = await startClient({ facts: scriptedFacts(), now: NOW, configuration: false });
      client.configurationChanged({ imageTrust: payload });
      return client;
    },
  },
];

for (const entry of ENTRY_POINTS) {
  describe(`settings through ${entry.name} cannot reach Object.prototype`, () => {
    for (const [name, json] of POLLUTING) {
      test(name, async (t) => {
        const client = await entry.start(withMarker(json));
        t.after(() => client.shutdown());
        assertNotRedirected(await hubSettings(client));
        assertPrototypeClean();
        // a round trip: every log message the server sent before it has arrived
        assert.equal(await client.hover('file:///nowhere/Dockerfile', { line: 0, character: 0 }), null);
        assert.ok(
          client.logs.some((l) => /refused/.test(l)),
          client.logs.join('\n'),
        );
      });
    }
  });
}

test('a pulled answer is read over initializationOptions; a mirror map is replaced whole', async (t) => {
  const { client } = await startClient({
    facts: scriptedFacts(),
    now: NOW,
    initializationOptions: {
      settings: {
        'registries.mirrors': { 'docker.io': 'https://a.example.test' },
        staleAfterDays: 10,
        'cache.ttlMinutes': 3,
      },
    },
    settings: { registries: { mirrors: { 'ghcr.io': 'https://b.example.test' } }, cache: { ttlMinutes: 7 } },
  });
  t.after(() => client.shutdown());
  const s = await hubSettings(client);
  assert.deepEqual({ ...s.registries.mirrors }, { 'ghcr.io': 'https://b.example.test' });
  assert.equal(s.staleAfterDays, 10);
});

test('log messages that echo settings text show its control characters as escapes', async (t) => {
  const { client } = await startClient({
    facts: scriptedFacts(),
    now: NOW,
    settings: { rules: { 'x\u001b]8;;https://evil/\u0007\nnext': 'off' }, cache: { ttlMinutes: 7 } },
  });
  t.after(() => client.shutdown());
  await hubSettings(client);
  assert.equal(await client.hover('file:///nowhere/Dockerfile', { line: 0, character: 0 }), null);
  assert.deepEqual(
    client.logs.filter((l) => l.includes('unknown finding code')),
    ['settings: rules.x\\x1b]8;;https://evil/\\x07\\nnext: unknown finding code, ignored'],
  );
  assert.deepEqual(
    client.logs.filter((l) => /[\u0000-\u0008\u000a-\u001f]/.test(l)),
    [],
  );
});
