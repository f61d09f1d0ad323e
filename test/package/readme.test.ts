// What a user reads: the README, --help, the package and extension descriptions, the Action and the
// hooks point at no internal document, and name every environment variable the product reads.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { USAGE } from '../../server/src/cli/args.js';
import { ROOT } from './packed.js';

const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
const readme = read('README.md');

/** Every `process.env.X` (or `alias.X` for `const alias = process.env`) in the product's sources. */
function environmentVariables(): string[] {
  const found = new Set<string>();
  for (const folder of ['server/src', 'client/src']) {
    for (const file of readdirSync(join(ROOT, folder), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'))) {
      const text = read(join(folder, file));
      const aliases = [...text.matchAll(/(?:const|let)\s+(\w+)\s*=\s*process\.env\b/g)].map((m) => m[1]);
      for (const name of ['process\\.env', ...aliases]) {
        for (const m of text.matchAll(new RegExp(`\\b${name}\\.([A-Z][A-Z0-9_]*)\\b`, 'g'))) if (m[1]) found.add(m[1]);
      }
    }
  }
  return [...found].sort();
}

describe('what users read', () => {
  const texts: Array<[string, string]> = [
    ['README.md', readme],
    ['image-trust --help', USAGE],
    ['CHANGELOG.md', read('CHANGELOG.md')],
    ['action.yml', read('action.yml')],
    ['.pre-commit-hooks.yaml', read('.pre-commit-hooks.yaml')],
    ['package.json', read('package.json')],
    ...readdirSync(join(ROOT, 'client/walkthrough')).map((f): [string, string] => [
      `walkthrough ${f}`,
      read(join('client/walkthrough', f)),
    ]),
  ];
  for (const [name, text] of texts) {
    test(`${name} points at no internal document`, () => {
      assert.doesNotMatch(text, /SPEC|§|\.\.\/shared|\/work\//);
    });
  }

  const variables = environmentVariables();
  test('the product reads the environment variables it is known to', () => {
    for (const v of ['DOCKER_CONFIG', 'IMAGE_TRUST_CACHE_DIR', 'IMAGE_TRUST_DEBUG', 'HTTPS_PROXY']) {
      assert.ok(variables.includes(v), `${v} not found in the sources: the scan is broken`);
    }
  });
  for (const v of variables.filter((x) => x === x.toUpperCase())) {
    test(`README and --help name ${v}`, () => {
      assert.match(readme, new RegExp(`\\b${v}\\b`));
      assert.match(USAGE, new RegExp(`\\b${v}\\b`));
    });
  }

  test('README names the Docker config file, its credential helpers, and the default cache folders', () => {
    for (const s of [
      '~/.docker/config.json',
      'credHelpers',
      'credsStore',
      'docker-credential-',
      'XDG_CACHE_HOME',
      'Library/Caches',
      'LOCALAPPDATA',
      'Node.js 22.12',
    ]) {
      assert.ok(readme.includes(s), s);
    }
  });

  test('README configures Neovim, Emacs, Helix and Sublime Text, and says where Zed stands', () => {
    for (const editor of ['**Neovim**', '**Emacs**', '**Helix**', '**Sublime Text**', '**Zed**'])
      assert.ok(readme.includes(editor), editor);
  });
});
