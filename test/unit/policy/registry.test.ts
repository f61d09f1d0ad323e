// The rule registry is the one source of the finding codes: every code has its texts, and what
// package.json and the README say about the codes is exactly what the registry derives.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { readmeTable, ruleSettings, README_TABLE_END, README_TABLE_START } from '../../../scripts/contributions.js';
import { SEVERITIES } from '../../../server/src/model/finding.js';
import { docsUrl, RULES } from '../../../server/src/policy/index.js';

const root = path.join(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, unknown> } };
};
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

describe('rule registry', () => {
  test('codes are unique kebab-case names with a default severity and texts', () => {
    assert.equal(new Set(RULES.map((r) => r.code)).size, RULES.length);
    for (const r of RULES) {
      assert.match(r.code, /^[a-z]+(?:-[a-z]+)*$/);
      assert.ok((SEVERITIES as readonly string[]).includes(r.defaultSeverity), r.code);
      assert.ok(
        r.meta.title.length > 5 && r.meta.summary.length > 10 && r.meta.help.length > 20,
        `${r.code} has title, summary and help`,
      );
    }
  });

  test("package.json rule settings are the registry's (run npm run generate after changing a rule)", () => {
    const inPackage = Object.fromEntries(
      Object.entries(pkg.contributes.configuration.properties).filter(([k]) => k.startsWith('imageTrust.rules.')),
    );
    assert.deepEqual(inPackage, ruleSettings());
  });

  test("the README table is the registry's, with one anchor per documentation link", () => {
    const start = readme.indexOf(README_TABLE_START);
    const end = readme.indexOf(README_TABLE_END);
    assert.ok(start >= 0 && end > start, 'README has the generated block');
    assert.equal(readme.slice(start, end + README_TABLE_END.length), readmeTable());
    for (const r of RULES) {
      const anchor = new URL(docsUrl(r.code)).hash.slice(1);
      assert.ok(readme.includes(`<a id="${anchor}"></a>`), `README anchor for ${r.code}`);
    }
  });
});
