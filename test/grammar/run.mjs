// Grammar tests for the injection grammars (syntaxes/*.injection.tmLanguage.json) with vscode-tmgrammar-test.
// Base grammars: the minimal ones in test/grammar/base/ (always; written for these tests, so the run
// needs nothing outside the repository) and, when the VS Code host cache from .ci/setup-vscode-host.sh
// exists, VS Code 1.139's own docker and yaml grammars too (so the injection is checked against the
// base grammars it really meets). Prints "grammar: N passed, N failed, N skipped" (assertions).
// Usage: node test/grammar/run.mjs [--minimal-only]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const tester = join(root, 'node_modules/vscode-tmgrammar-test/dist/unit.js');
const injections = [
  { scopeName: 'image-trust.injection.dockerfile', path: join(root, 'syntaxes/image-trust.dockerfile.injection.tmLanguage.json'), injectTo: ['source.dockerfile'] },
  { scopeName: 'image-trust.injection.yaml', path: join(root, 'syntaxes/image-trust.yaml.injection.tmLanguage.json'), injectTo: ['source.yaml'] },
];
const testFiles = readdirSync(here).filter((f) => /\.test\.(dockerfile|yaml)$/.test(f)).map((f) => join(here, f));

function grammarSets() {
  const sets = [{
    name: 'minimal base grammars',
    grammars: [
      { scopeName: 'source.dockerfile', path: join(here, 'base/dockerfile.tmLanguage.json') },
      { scopeName: 'source.yaml', path: join(here, 'base/yaml.tmLanguage.json') },
    ],
  }];
  const hostDir = process.env.VSCODE_HOST_DIR || join(homedir(), '.cache/vscode-host-4.139.1');
  const ext = join(hostDir, 'host/node_modules/code-server/lib/vscode/extensions');
  if (existsSync(join(ext, 'docker/package.json')) && !process.argv.includes('--minimal-only')) {
    const grammars = [];
    for (const id of ['docker', 'yaml']) {
      const pkg = JSON.parse(readFileSync(join(ext, id, 'package.json'), 'utf8'));
      for (const g of pkg.contributes.grammars) {
        if (!grammars.some((x) => x.scopeName === g.scopeName)) grammars.push({ scopeName: g.scopeName, path: join(ext, id, g.path) });
      }
    }
    sets.push({ name: 'VS Code 1.139 grammars', grammars });
  } else {
    sets.push({ name: 'VS Code 1.139 grammars', skip: `no VS Code host at ${hostDir} (run .ci/setup-vscode-host.sh)` });
  }
  return sets;
}

/** An assertion line: a comment line holding ^ markers or <- (vscode-tmgrammar-test syntax). */
function countAssertions(file) {
  return readFileSync(file, 'utf8').split('\n').filter((l) => /^\s*#\s*(\^|<-)/.test(l)).length;
}

let passed = 0;
let failed = 0;
let skipped = 0;
const tmp = mkdtempSync(join(tmpdir(), 'grammar-test-'));
try {
  for (const set of grammarSets()) {
    for (const file of testFiles) {
      const total = countAssertions(file);
      const label = `${set.name}: ${file.slice(root.length + 1)}`;
      if (set.skip) {
        skipped += total;
        console.log(`- ${label}: ${total} skipped (${set.skip})`);
        continue;
      }
      const config = join(tmp, 'package.json');
      // the tester resolves grammar paths against the config file's folder
      const grammars = [...set.grammars, ...injections].map((g) => ({ ...g, path: relative(tmp, g.path) }));
      writeFileSync(config, JSON.stringify({ contributes: { grammars } }));
      const r = spawnSync(process.execPath, [tester, '--config', config, '--compact', file], { encoding: 'utf8' });
      const out = `${r.stdout}${r.stderr}`;
      // --compact prints one "ERROR file:line:col ..." line per failing assertion; a non-zero exit
      // without such lines is a crash (bad grammar, bad test header): every assertion counts as failed
      const errors = out.split('\n').filter((l) => l.startsWith('ERROR')).length;
      const bad = r.status === 0 ? 0 : errors > 0 ? Math.min(errors, total) : total;
      passed += total - bad;
      failed += bad;
      console.log(`${bad ? '✖' : '✓'} ${label}: ${total - bad} passed, ${bad} failed`);
      if (bad) console.log(out.split('\n').map((l) => '    ' + l).join('\n'));
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`grammar: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed ? 1 : 0);
