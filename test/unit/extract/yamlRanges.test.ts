import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isMap, isScalar } from 'yaml';
import { parseYamlDocuments, scalarSpan, scalarString } from '../../../server/src/extract/yamlRanges.js';

/** [name, YAML value after "k: ", expected exact span text or null (cannot be mapped)] */
const cases: Array<[string, string, string | null]> = [
  ['plain', 'nginx:1.27', 'nginx:1.27'],
  ['plain with comment', 'nginx # c', 'nginx'],
  ['double quoted', '"nginx:1.27"', 'nginx:1.27'],
  ['single quoted', "'nginx:1.27'", 'nginx:1.27'],
  ['empty double quoted', '""', ''],
  ['double quoted with escape', '"ngin\\x78"', null],
  ['single quoted with doubled quote', "'it''s'", null],
  ['anchor and tag before value', '&a !!str nginx', 'nginx'],
  ['literal block, one line', '|\n  nginx:1\n', 'nginx:1'],
  ['folded block, strip, one line', '>-\n  nginx:1\n', 'nginx:1'],
  ['folded block with a leading blank line (value starts with a newline)', '>-\n\n  nginx:1\n', null],
  ['literal block, two lines', '|\n  a\n  b\n', null],
  ['folded plain over two lines', 'nginx\n  :1', null],
  ['double quoted over two lines', '"nginx\n  :1"', null],
];

function valueNode(src: string) {
  const doc = [...parseYamlDocuments(src)][0];
  const root = doc?.contents;
  assert.ok(isMap(root));
  const v = root.items[0]?.value;
  assert.ok(isScalar(v));
  return v;
}

describe('scalarSpan', () => {
  for (const [name, value, expected] of cases) {
    test(name, () => {
      const src = `k: ${value}\n`;
      const span = scalarSpan(src, valueNode(src));
      if (expected === null) assert.equal(span, null);
      else {
        assert.ok(span);
        assert.equal(span.text, expected);
        assert.equal(src.slice(span.start, span.end), expected);
      }
    });
  }
});

describe('scalarString', () => {
  test('plain numbers keep their written form', () => {
    const src = 'k: 1.10\n';
    assert.equal(scalarString(src, valueNode(src)), '1.10');
  });
  test('null and booleans name nothing', () => {
    for (const v of ['~', 'null', 'true', 'false', '']) {
      const src = `k: ${v}\n`;
      assert.equal(scalarString(src, valueNode(src)), null, v);
    }
  });
});
