// Prototype pollution through settings (issue 9, class 4): every payload of the corpus
// (test/helpers/pollution.ts), nested and dotted, through each way settings enter the CLI — the
// model's normalisation, `loadSettings` and a whole `check --config` run. Nothing may reach
// Object.prototype, no mirror may be planted (Docker Hub traffic and its credentials go where
// they always went), the refused key is named in a warning, and the rest of the file is still read.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, describe, test } from 'node:test';
import { runCli } from '../../../server/src/cli/main.js';
import { loadSettings } from '../../../server/src/cli/session.js';
import { normalizeSettings } from '../../../server/src/model/settings.js';
import {
  assertNotRedirected,
  assertPrototypeClean,
  cleanPrototype,
  POLLUTING,
  withMarker,
} from '../../helpers/pollution.js';

const dir = mkdtempSync(path.join(tmpdir(), 'image-trust-pollution-'));
after(() => rmSync(dir, { recursive: true, force: true }));
afterEach(cleanPrototype);
writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');

describe('settings that try to reach Object.prototype', () => {
  for (const [name, json] of POLLUTING) {
    const payload = withMarker(json);
    const file = path.join(dir, `${name.replace(/\W+/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(payload));

    test(`${name}: normalizeSettings`, () => {
      const warnings: string[] = [];
      const settings = normalizeSettings(JSON.parse(JSON.stringify(payload)), (m) => warnings.push(m));
      assertPrototypeClean();
      assertNotRedirected(settings);
      assert.equal(settings.cache.ttlMinutes, 7, 'the rest of the settings is read');
      assert.ok(
        warnings.some((w) => /refused/.test(w)),
        `a warning names the refused key: ${warnings.join(' | ')}`,
      );
    });

    test(`${name}: --config`, async () => {
      const warnings: string[] = [];
      const settings = await loadSettings(file, dir, (m) => warnings.push(m));
      assertPrototypeClean();
      assertNotRedirected(settings);
      assert.equal(settings.cache.ttlMinutes, 7);
      assert.ok(
        warnings.some((w) => w.startsWith(`${file}: `) && /refused/.test(w)),
        warnings.join(' | '),
      );
    });

    test(`${name}: image-trust check --config`, async () => {
      let err = '';
      const code = await runCli(['check', '--offline', '--config', file, 'Dockerfile'], {
        cwd: dir,
        out: () => {},
        err: (s) => (err += `${s}\n`),
        now: () => 0,
        version: 'test',
      });
      assertPrototypeClean();
      assert.equal(code, 0, err);
      assert.match(err, /refused/);
    });
  }

  test('the corpus is hostile: a naive dotted-key expansion pollutes with it (control)', () => {
    // what settings code did before: walk the dotted path on plain objects
    const naive = (raw: Record<string, unknown>) => {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(raw)) {
        let node = out;
        const parts = key.split('.');
        for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
        node[parts[parts.length - 1] as string] = value;
      }
      return out;
    };
    try {
      naive(JSON.parse(POLLUTING[1]![1]) as Record<string, unknown>);
      assert.equal(({} as Record<string, unknown>).polluted, 'yes');
    } finally {
      cleanPrototype();
    }
  });
});
