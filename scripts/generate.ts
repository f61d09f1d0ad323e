// `npm run generate`: rewrites the parts of package.json and README.md that derive from the code
// (scripts/contributions.ts says which). Run it after adding or changing a finding code or a file
// kind.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withFileKindParts, withReadmeTable, withRuleSettings } from './contributions.js';

const pkgPath = path.join(__dirname, '..', 'package.json');
const readmePath = path.join(__dirname, '..', 'README.md');
const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
writeFileSync(pkgPath, `${JSON.stringify(withFileKindParts(withRuleSettings(pkg)), null, 2)}\n`);
writeFileSync(readmePath, withReadmeTable(readFileSync(readmePath, 'utf8')));
console.log('package.json and README.md regenerated from the rule registry and the file-kind list');
