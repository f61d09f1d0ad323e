// Terminal and CI-log escapes (issue 9, class 3; SPEC §1): control characters from file names,
// file contents and registry answers never reach a terminal or a CI log raw, and no printed line
// is one a CI system reads as a command. A corpus of hostile names and texts goes through scan,
// check (text, JSON, SARIF) and fix --dry-run; every line of stdout and stderr is checked, and the
// hostile text is still there, escaped, for a person to see.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { failedFacts } from '../../../server/src/model/facts.js';
import { safeLine } from '../../../server/src/cli/output.js';
import { NOW, ScriptedFacts } from '../../protocol/scriptedFacts.js';
import { run, workspace } from '../cli/support.js';

/** What a terminal or a CI runner would act on. */
function dangers(line: string): string[] {
  const found: string[] = [];
  const body = line.endsWith('\r') ? line.slice(0, -1) : line; // a CRLF line end (diff of a CRLF file)
  if (/[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(body))
    found.push(`control character in ${JSON.stringify(line)}`);
  if (/^\s*::/.test(line)) found.push(`workflow command: ${JSON.stringify(line)}`);
  if (/##[A-Za-z]*\[/.test(line)) found.push(`logging command: ${JSON.stringify(line)}`);
  return found;
}

const HOSTILE = [
  '\n::error file=app.js,line=1::pwned\n',
  '\u001b[2J\u001b[31mred',
  '\u001b]8;;https://evil.example.test\u0007click\u001b]8;;\u0007',
  '\r::warning::overwritten',
  "##vso[task.setvariable variable=x]y ##[error]z ##teamcity[buildStatus text='x']",
  '\u202eevil\u202c \u0085next \u2028sep \u009b31m',
];

describe('text output never carries control', () => {
  for (const [i, hostile] of HOSTILE.entries()) {
    test(`corpus #${i}: ${JSON.stringify(hostile).slice(0, 40)}`, async () => {
      // (`#` and `?` end a name for detectFileKind, which also takes URIs)
      const name = `x${hostile.replace(/[/#?]/g, '_')}.Dockerfile`;
      const cwd = workspace({
        [name]: `FROM nginx:1.27\nFROM ${hostile.replace(/\n/g, ' ')}\nARG V\nFROM \${V}${hostile.replace(/[\r\n]/g, ' ')}\n`,
        'values.yaml': `image: "busybox:1"\n# ${hostile.replace(/[\r\n]/g, ' ')}\r\n`,
      });
      const facts = new ScriptedFacts()
        .answer('docker.io/library/nginx:1.27', failedFacts({ kind: 'bad-response', message: hostile }, NOW))
        .answer('docker.io/library/busybox:1', failedFacts({ kind: 'network', message: hostile }, NOW));
      const runs = [
        await run(['scan', '.'], cwd),
        await run(['check', '.'], cwd, facts),
        await run(['check', '--format', 'json', '.'], cwd, facts),
        await run(['check', '--format', 'sarif', '.'], cwd, facts),
        await run(['fix', '--dry-run', '.'], cwd, facts),
      ];
      const all = runs.flatMap((r) => [...r.out.split('\n'), ...r.err.split('\n')]);
      assert.deepEqual(all.flatMap(dangers), []);
      // still shown, as escapes
      const text = runs.map((r) => r.out + r.err).join('');
      assert.ok(text.includes(safeLine(name)), `the file name is shown: ${safeLine(name)}`);
      // JSON keeps the exact strings
      const json = JSON.parse(runs[2]!.out) as {
        references: Array<{ file: string; facts: { error: { message: string } | null } | null }>;
      };
      assert.ok(json.references.some((r) => r.file === name));
      assert.ok(json.references.some((r) => r.facts?.error?.message === hostile));
    });
  }
});

describe('safeLine', () => {
  const cases: Array<[string, string]> = [
    ['plain text', 'plain text'],
    ['tab\tstays', 'tab\tstays'],
    ['a CRLF line end stays\r', 'a CRLF line end stays\r'],
    ['a\rlone CR', 'a\\rlone CR'],
    ['new\nline', 'new\\nline'],
    ['\u001b[31mred', '\\x1b[31mred'],
    ['::error::x', '\\x3a:error::x'],
    ['  ::error::x', '  \\x3a:error::x'],
    ['a ::error::x', 'a ::error::x'],
    ['##vso[task.complete]', '\\x23#vso[task.complete]'],
    ['x ##[error]y', 'x \\x23#[error]y'],
    ['\u202eabc', '\\u202eabc'],
    ['\u0085', '\\x85'],
  ];
  for (const [input, expected] of cases) {
    test(JSON.stringify(input), () => assert.equal(safeLine(input), expected));
  }
});
