import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readUnitFile } from '../../../server/src/extract/unitFile.js';

const cases: Array<{
  name: string;
  text: string;
  entries: Array<[section: string, key: string, value: string, written: string | null]>;
}> = [
  {
    name: 'sections and keys',
    text: '[Unit]\nDescription=x y\n[Container]\nImage=a\n',
    entries: [
      ['Unit', 'Description', 'x y', 'x y'],
      ['Container', 'Image', 'a', 'a'],
    ],
  },
  {
    name: 'blanks around = and around the value',
    text: '[S]\n  Key =  v w  \n',
    entries: [['S', 'Key', 'v w', 'v w']],
  },
  {
    name: 'comments with # and ;, blank lines',
    text: '# c\n[S]\n; c\n\n  # c\nK=v\n',
    entries: [['S', 'K', 'v', 'v']],
  },
  {
    name: 'assignments outside a section and lines without = are ignored',
    text: 'A=1\n[S]\njunk\nB=2\n',
    entries: [['S', 'B', '2', '2']],
  },
  { name: 'an empty value', text: '[S]\nK=\n', entries: [['S', 'K', '', '']] },
  { name: 'a value with = in it', text: '[S]\nLabel=a=b\n', entries: [['S', 'Label', 'a=b', 'a=b']] },
  {
    name: 'a continued value, with a comment line inside',
    text: '[S]\nExec=a \\\n# note\n  b\n',
    entries: [['S', 'Exec', 'a    b', null]],
  },
  {
    name: 'CRLF and a lone CR',
    text: '[S]\r\nA=1\rB=2\r\n',
    entries: [
      ['S', 'A', '1', '1'],
      ['S', 'B', '2', '2'],
    ],
  },
  { name: 'a byte order mark', text: '\uFEFF[S]\nA=1\n', entries: [['S', 'A', '1', '1']] },
  { name: 'a section header with blanks after it', text: '[S]  \nA=1\n', entries: [['S', 'A', '1', '1']] },
];

describe('readUnitFile', () => {
  for (const c of cases) {
    test(c.name, () => {
      const entries = readUnitFile(c.text);
      assert.deepEqual(
        entries.map((e) => [e.section, e.key, e.value, e.continued ? null : c.text.slice(e.start, e.end)]),
        c.entries,
      );
    });
  }
});
