// Mocha inside the extension host: runs the suites named in IMAGE_TRUST_SUITES (in that order) and
// writes pass/fail/skip counts to IMAGE_TRUST_RESULTS for run.ts. Pending tests (this.skip()) count as
// skipped, never as passed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import type { SuiteResults } from './shared.js';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  const names = (process.env.IMAGE_TRUST_SUITES ?? '').split(',').filter(Boolean);
  for (const name of names) mocha.addFile(path.join(__dirname, `${name}.test.js`));
  const results: SuiteResults = { passed: 0, failed: 0, skipped: 0, tests: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const file = process.env.IMAGE_TRUST_RESULTS;
      if (file) fs.writeFileSync(file, JSON.stringify(results, null, 2));
      if (failures > 0) reject(new Error(`${failures} tests failed`));
      else resolve();
    });
    runner.on('pass', (t) => {
      results.passed++;
      results.tests.push({ title: t.fullTitle(), state: 'passed', ms: t.duration });
    });
    runner.on('fail', (t, err: Error) => {
      results.failed++;
      results.tests.push({ title: t.fullTitle(), state: 'failed', error: err.message });
    });
    runner.on('pending', (t) => {
      results.skipped++;
      results.tests.push({ title: t.fullTitle(), state: 'skipped' });
    });
  });
}
