import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsWhen, codeOf, imageTrust, open, setRule } from './host.js';
import { RULES } from '../../../server/src/policy/index.js';
import { EXTENSION_ID, sandbox } from './shared.js';

// SPEC §3 keys and defaults, §5 codes and default severities
const DEFAULTS: Array<[string, unknown]> = [
  ['dockerHub.apiUrl', 'https://hub.docker.com'],
  ['registries.mirrors', {}],
  ['registries.insecure', []],
  ['registries.allowedInUntrustedWorkspaces', ['docker.io']],
  ['staleAfterDays', 365],
  ['cache.ttlMinutes', 60],
  ['knownMalicious.lists', []],
  ['dockerHub.readIndexes', 'on-demand'],
  ['trust.policies', []],
  ['trust.trustedRoots', []],
  // every finding code of the rule registry, with its default severity (SPEC §5)
  ...RULES.map((r): [string, unknown] => [`rules.${r.code}`, r.defaultSeverity]),
];
// readIndexes spends the user's Docker Hub pull budget: no workspace may set it
const MACHINE = [
  'dockerHub.apiUrl',
  'registries.mirrors',
  'registries.insecure',
  'registries.allowedInUntrustedWorkspaces',
  'dockerHub.readIndexes',
];
/** not machine-scoped (a team may share them in the workspace), but an untrusted workspace must not
 * decide whom to trust */
const TRUST = ['trust.policies', 'trust.trustedRoots'];

interface Property {
  default: unknown;
  scope?: string;
  enum?: string[];
  markdownDescription?: string;
  description?: string;
}

describe('settings', () => {
  const manifest = () => vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON;
  const properties = (): Record<string, Property> => manifest().contributes.configuration.properties;

  it('contributes exactly the SPEC §3 keys', () => {
    assert.deepEqual(Object.keys(properties()).sort(), DEFAULTS.map(([k]) => `imageTrust.${k}`).sort());
  });

  for (const [key, expected] of DEFAULTS) {
    it(`imageTrust.${key} defaults to ${JSON.stringify(expected)} and is described`, () => {
      const inspected = vscode.workspace.getConfiguration('imageTrust').inspect(key);
      assert.deepEqual(inspected?.defaultValue, expected);
      const p = properties()[`imageTrust.${key}`];
      assert.ok(p && (p.markdownDescription ?? p.description ?? '').length > 20, 'no description');
      if (key.startsWith('rules.')) assert.deepEqual(p.enum, ['off', 'hint', 'information', 'warning', 'error']);
      assert.equal(
        p.scope,
        MACHINE.includes(key) ? 'machine' : key.startsWith('rules.') || key === 'staleAfterDays' ? 'resource' : p.scope,
      );
    });
  }

  it('restricts the machine-scoped keys and the trust settings in untrusted workspaces', () => {
    const caps = manifest().capabilities.untrustedWorkspaces;
    assert.equal(caps.supported, 'limited');
    assert.deepEqual(
      [...caps.restrictedConfigurations].sort(),
      [...MACHINE, ...TRUST].map((k) => `imageTrust.${k}`).sort(),
    );
  });

  describe('a rule severity change re-evaluates open documents', () => {
    before(function () {
      if (!sandbox()) this.skip();
    });
    after(async () => {
      await setRule('unpinned-digest', undefined);
    });

    it('warning → error → off for unpinned-digest on the Dockerfile', async () => {
      await imageTrust();
      const { document } = await open('Dockerfile');
      const unpinned = (ds: vscode.Diagnostic[]) => ds.filter((d) => codeOf(d) === 'unpinned-digest');
      await diagnosticsWhen(
        document.uri,
        (ds) => unpinned(ds).some((d) => d.severity === vscode.DiagnosticSeverity.Warning),
        'an unpinned-digest warning',
      );
      await setRule('unpinned-digest', 'error');
      await diagnosticsWhen(
        document.uri,
        (ds) => unpinned(ds).length > 0 && unpinned(ds).every((d) => d.severity === vscode.DiagnosticSeverity.Error),
        'unpinned-digest as errors',
      );
      await setRule('unpinned-digest', 'off');
      const left = await diagnosticsWhen(
        document.uri,
        (ds) => unpinned(ds).length === 0 && ds.length > 0,
        'no unpinned-digest',
      );
      assert.ok(left.every((d) => codeOf(d) !== 'unpinned-digest'));
    });
  });
});

describe('machine-scoped settings', () => {
  it('a workspace value for imageTrust.dockerHub.apiUrl is ignored', () => {
    const c = vscode.workspace.getConfiguration('imageTrust');
    assert.notEqual(c.get('dockerHub.apiUrl'), 'http://127.0.0.1:9/set-by-the-workspace');
    assert.match(String(c.get('dockerHub.apiUrl')), /^http:\/\/127\.0\.0\.1:\d+/);
  });
});
