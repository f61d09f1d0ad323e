// The CI gate fails closed (SPEC §1, issue 9 class 5): `check` exits 3 when no finding reached
// --fail-on but a reference could not be checked or a recognised file could not be read
// completely, with one stderr line saying how many and why; --allow-incomplete turns 3 into 0.
// Each case: the files, the facts the registry gives, the arguments, the exit status and exactly
// the `incomplete:` line (null: none).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { failedFacts, type ImageFacts } from '../../../server/src/model/facts.js';
import { digestOf, makeFacts, NOW, ScriptedFacts } from '../../protocol/scriptedFacts.js';
import { run, workspace } from './support.js';

const NGINX = 'docker.io/library/nginx:1.27';
const REDIS = 'docker.io/library/redis:7';
const pinned = `FROM nginx:1.27@${digestOf('c')}\n`;
const ok = makeFacts({ digest: digestOf('c'), publisher: { namespace: 'library', badge: 'official' } });
const offline = failedFacts({ kind: 'offline', message: 'offline: not contacted' }, NOW);
const limited = failedFacts({ kind: 'rate-limited', message: 'pull rate limit', retryAt: '2026-11-23T13:00:00Z' }, NOW);

interface Case {
  name: string;
  files: Record<string, string>;
  answers: Record<string, ImageFacts>;
  args?: string[];
  code: number;
  incomplete: string | null;
  /** the text summary line ends with this */
  summary?: string;
}

const cases: Case[] = [
  { name: 'everything checked', files: { Dockerfile: pinned }, answers: { [NGINX]: ok }, code: 0, incomplete: null },
  {
    name: 'offline, nothing cached',
    files: { Dockerfile: pinned },
    answers: { [NGINX]: offline },
    code: 3,
    incomplete:
      'image-trust: incomplete: 1 reference could not be checked (offline: 1) (exit status 3; --allow-incomplete accepts this)',
    summary: '1 reference in 1 file; 1 finding (1 hint); 1 reference could not be checked (offline: 1)',
  },
  {
    name: 'rate limited and offline',
    files: { Dockerfile: `${pinned}FROM redis:7@${digestOf('d')}\nFROM redis:7@${digestOf('d')} AS b\n` },
    answers: { [NGINX]: offline, [REDIS]: limited },
    code: 3,
    incomplete:
      'image-trust: incomplete: 3 references could not be checked (rate-limited: 2, offline: 1) (exit status 3; --allow-incomplete accepts this)',
  },
  {
    name: '--allow-incomplete accepts it',
    files: { Dockerfile: pinned },
    answers: { [NGINX]: offline },
    args: ['--allow-incomplete'],
    code: 0,
    incomplete: 'image-trust: incomplete: 1 reference could not be checked (offline: 1) (accepted: --allow-incomplete)',
  },
  {
    name: 'a finding at --fail-on wins over incomplete',
    files: { Dockerfile: pinned },
    answers: { [NGINX]: offline },
    args: ['--fail-on', 'hint'],
    code: 1,
    incomplete: 'image-trust: incomplete: 1 reference could not be checked (offline: 1)',
  },
  {
    name: 'lookup-failed turned off is still incomplete',
    files: { Dockerfile: pinned, 'off.json': '{"rules": {"lookup-failed": "off"}}' },
    answers: { [NGINX]: offline },
    args: ['--config', 'off.json', 'Dockerfile'],
    code: 3,
    incomplete:
      'image-trust: incomplete: 1 reference could not be checked (offline: 1) (exit status 3; --allow-incomplete accepts this)',
  },
  {
    name: 'facts partly fetched',
    files: { Dockerfile: pinned },
    answers: {
      [NGINX]: makeFacts({
        digest: digestOf('c'),
        partial: { kind: 'network', message: 'Docker Hub API: ECONNRESET' },
      }),
    },
    code: 3,
    incomplete:
      'image-trust: incomplete: 1 reference could not be checked (partly network: 1) (exit status 3; --allow-incomplete accepts this)',
  },
  {
    name: 'not found is a finding, not incomplete',
    files: { Dockerfile: pinned },
    answers: {},
    code: 1,
    incomplete: null,
  },
  {
    name: 'a document that does not parse',
    files: { Dockerfile: pinned, 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n  bad: [\n' },
    answers: { [NGINX]: ok },
    args: ['--fail-on', 'error'],
    code: 3,
    incomplete:
      'image-trust: incomplete: 1 file could not be read completely (a problem in the file: 1) (exit status 3; --allow-incomplete accepts this)',
  },
  {
    name: 'a known-malicious list that cannot be read',
    files: { Dockerfile: pinned, 'cfg.json': '{"knownMalicious": {"lists": ["missing.json"]}}' },
    answers: { [NGINX]: ok },
    args: ['--config', 'cfg.json', 'Dockerfile'],
    code: 3,
    incomplete:
      'image-trust: incomplete: 1 known-malicious list could not be used completely (missing.json) (exit status 3; --allow-incomplete accepts this)',
  },
  {
    name: 'two lists, one readable, one not JSON',
    files: {
      Dockerfile: pinned,
      'team.json': JSON.stringify({
        version: 1,
        entries: [{ match: 'namespace', value: 'evil', source: 'https://example.com/r', reported: '2026-01-31' }],
      }),
      'broken.json': '[{"image": ',
      'cfg.json': '{"knownMalicious": {"lists": ["team.json", "broken.json"]}}',
    },
    answers: { [NGINX]: ok },
    args: ['--config', 'cfg.json', 'Dockerfile'],
    code: 3,
    incomplete:
      'image-trust: incomplete: 1 known-malicious list could not be used completely (broken.json) (exit status 3; --allow-incomplete accepts this)',
  },
  {
    name: 'a readable list: complete',
    files: {
      Dockerfile: pinned,
      'team.json': JSON.stringify({
        version: 1,
        entries: [{ match: 'namespace', value: 'evil', source: 'https://example.com/r', reported: '2026-01-31' }],
      }),
      'cfg.json': '{"knownMalicious": {"lists": ["team.json"]}}',
    },
    answers: { [NGINX]: ok },
    args: ['--config', 'cfg.json', 'Dockerfile'],
    code: 0,
    incomplete: null,
  },
];

describe('check: incomplete runs exit 3', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const cwd = workspace(c.files);
      const facts = new ScriptedFacts();
      for (const [image, f] of Object.entries(c.answers)) facts.answer(image, f);
      const args = c.args ?? [];
      const paths = args.includes('--config') ? [] : ['.'];
      const r = await run(['check', ...args, ...paths], cwd, facts);
      assert.equal(r.code, c.code, r.err);
      const lines = r.err.split('\n').filter((l) => l.startsWith('image-trust: incomplete:'));
      assert.deepEqual(lines, c.incomplete ? [c.incomplete] : []);
      if (c.summary) assert.equal(r.out.trim().split('\n').at(-1), c.summary);
      const json = await run(['check', '--format', 'json', ...args, ...paths], cwd, facts);
      assert.equal(json.code, c.code, 'the same status whatever the format');
    });
  }

  test('a named pipe or a link to /dev/zero among the files', async () => {
    const cwd = workspace({ Dockerfile: pinned });
    execFileSync('mkfifo', [path.join(cwd, 'compose.yaml')]);
    symlinkSync('/dev/zero', path.join(cwd, 'values.yaml'));
    const facts = new ScriptedFacts().answer(NGINX, ok);
    const r = await run(['check', '.'], cwd, facts);
    assert.equal(r.code, 3, r.err);
    assert.deepEqual(r.err.trim().split('\n'), [
      'image-trust: compose.yaml: not a regular file: a named pipe (FIFO); not read',
      'image-trust: values.yaml: not a regular file: a device; not read',
      'image-trust: incomplete: 2 files could not be read completely (not a regular file: 2) (exit status 3; --allow-incomplete accepts this)',
    ]);
  });

  test('a file too large to read: incomplete when its name makes it ours, a note when it may be anything', async () => {
    const cwd = workspace({ Dockerfile: pinned });
    const huge = (name: string) => {
      writeFileSync(path.join(cwd, name), '');
      truncateSync(path.join(cwd, name), 65 * 1024 * 1024); // sparse: no disk used
    };
    huge('disk.image'); // a quadlet unit only if it says [Image]: most likely a disk image
    huge('data.yaml'); // a manifest only if its content says so
    const facts = new ScriptedFacts().answer(NGINX, ok);
    const r = await run(['check', '.'], cwd, facts);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err.split('\n').filter((l) => l.startsWith('image-trust: incomplete:')).length, 0);
    assert.match(r.err, /data\.yaml: file is too large/);
    huge('compose.yaml'); // named as ours: not read completely
    const again = await run(['check', '.'], cwd, facts);
    assert.equal(again.code, 3, again.err);
    assert.match(again.err, /image-trust: incomplete: 1 file could not be read completely \(too large: 1\)/);
  });
});
