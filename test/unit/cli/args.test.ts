// Arguments of `image-trust`: what each option parses into, which command it belongs to, and a
// --help that stands on its own (every option, the file types, the exit codes, no internal documents).
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { describe, test } from 'node:test';
import { parseCli, USAGE, type CliOptions } from '../../../server/src/cli/args.js';
import { runCli } from '../../../server/src/cli/main.js';
import { EXTRACTORS } from '../../../server/src/extract/index.js';

const DEFAULTS: Omit<CliOptions, 'command'> = {
  paths: ['.'],
  format: 'text',
  config: null,
  offline: false,
  failOn: 'error',
  allowIncomplete: false,
  verify: false,
  update: false,
  dryRun: false,
};

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    cwd: tmpdir(),
    out: (s) => (out += `${s}\n`),
    err: (s) => (err += `${s}\n`),
    now: () => 0,
    version: '9.8.7-test',
  });
  return { code, out, err };
}

describe('parseCli', () => {
  const cases: Array<[string[], CliOptions | 'help' | 'version']> = [
    [['scan'], { ...DEFAULTS, command: 'scan' }],
    [['scan', 'a', 'b/c'], { ...DEFAULTS, command: 'scan', paths: ['a', 'b/c'] }],
    [
      ['check', '--format', 'sarif', '--fail-on', 'warning', '--allow-incomplete', '.'],
      { ...DEFAULTS, command: 'check', format: 'sarif', failOn: 'warning', allowIncomplete: true },
    ],
    [['check', '--offline', '--config', 'c.json'], { ...DEFAULTS, command: 'check', offline: true, config: 'c.json' }],
    [['fix', '--dry-run', 'Dockerfile'], { ...DEFAULTS, command: 'fix', dryRun: true, paths: ['Dockerfile'] }],
    [['--version'], 'version'],
    [['check', '--version'], 'version'],
    [['--help'], 'help'],
    [['-h'], 'help'],
    [['fix', '--help', '--update'], 'help'],
  ];
  for (const [argv, expected] of cases) {
    test(`${argv.join(' ')}`, () => assert.deepEqual(parseCli(argv), expected));
  }
});

describe('usage errors: exit 2, the reason, and where the full text is', () => {
  const cases: Array<[string[], string]> = [
    [['scan', '--fail-on', 'warning'], '--fail-on is for check'],
    [['scan', '--allow-incomplete'], '--allow-incomplete is for check'],
    [['check', '--dry-run'], '--dry-run is for fix'],
    [['scan', '--verify'], '--verify is for check'],
    [['check', '--update'], '--update is for fix'],
    [['check', '--fail-on', 'fatal'], '--fail-on must be one of hint, information, warning, error, not "fatal"'],
    [['check', '--format'], "Option '--format <value>' argument missing"],
  ];
  for (const [argv, message] of cases) {
    test(`${argv.join(' ')}`, async () => {
      const { code, out, err } = await run(argv);
      assert.equal(code, 2);
      assert.equal(out, '');
      assert.equal(
        err,
        `image-trust: ${message}\nRun "image-trust --help" for the commands, options and exit codes.\n`,
      );
    });
  }
});

describe('--version and --help', () => {
  test('--version prints the version alone, exit 0', async () => {
    assert.deepEqual(await run(['--version']), { code: 0, out: '9.8.7-test\n', err: '' });
  });

  test('--help prints the usage, exit 0', async () => {
    assert.deepEqual(await run(['--help']), { code: 0, out: `${USAGE}\n`, err: '' });
  });

  const spec = [
    '--format text|json|sarif',
    '--config FILE',
    '--offline',
    '--fail-on SEVERITY',
    '--allow-incomplete',
    '--verify',
    '--update',
    '--dry-run',
    '--version',
    '-h, --help',
  ];
  for (const option of spec) {
    test(`documents ${option}`, () => assert.match(USAGE, new RegExp(`^  ${option.replace(/[|]/g, '\\|')} `, 'm')));
  }

  for (const code of ['0', '1', '2', '3']) {
    test(`documents exit status ${code}`, () => assert.match(USAGE, new RegExp(`^  ${code}  \\S`, 'm')));
  }

  test('lists every file type the extractors know', () => {
    const lines = USAGE.split('\n');
    const first = lines.findIndex((l) => l.startsWith('Files recognised'));
    const listed = lines.slice(
      first + 1,
      lines.findIndex((l) => l.includes('(any YAML')),
    );
    assert.deepEqual(listed.join(' ').trim().split(/,\s+/), Object.keys(EXTRACTORS));
  });

  test('options say what they cost or how far they go, and none is left "not available"', () => {
    const lines = USAGE.split('\n');
    const next = (option: string): string | undefined =>
      lines[lines.findIndex((l) => l.startsWith(`  --${option} `)) + 1];
    assert.equal(next('verify')?.trim(), 'on Docker Hub each signature read is one counted pull');
    assert.equal(next('update')?.trim(), 'only the last number moves: 1.27.3 → 1.27.5, 3.12-slim → 3.13-slim');
    assert.equal(USAGE.match(/not available/g), null);
  });

  test('points at no document a user does not have, and fits a terminal', () => {
    assert.doesNotMatch(USAGE, /SPEC|§|shared\//);
    for (const line of USAGE.split('\n')) assert.ok(line.length <= 100, `too long: ${line}`);
  });
});
