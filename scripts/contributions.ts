// What package.json and the README say about the finding codes, derived from the rule registry
// (server/src/policy/rules), and which files start the extension and get the grammars, derived
// from the file-kind list (server/src/extract/fileKinds.ts). `npm run generate` writes them;
// test/unit/policy/registry.test.ts and test/unit/extract/manifest.test.ts fail when the files and
// the registry or the list disagree.
import { activationEvents, grammarTargets } from '../server/src/extract/fileKindGlobs.js';
import { RULES } from '../server/src/policy/rules/index.js';

const SEVERITY_ENUM = ['off', 'hint', 'information', 'warning', 'error'];
const SEVERITY_DESCRIPTIONS = [
  'Not reported',
  'Shown as a hint (faded, no Problems entry)',
  'Information',
  'Warning',
  'Error',
];
/** settings order: the rules come after the other settings */
const FIRST_RULE_ORDER = 10;

/** `imageTrust.rules.<code>` entries of contributes.configuration.properties, in registry order. */
export function ruleSettings(): Record<string, unknown> {
  return Object.fromEntries(
    RULES.map((r, i) => [
      `imageTrust.rules.${r.code}`,
      {
        type: 'string',
        enum: SEVERITY_ENUM,
        enumDescriptions: SEVERITY_DESCRIPTIONS,
        default: r.defaultSeverity,
        scope: 'resource',
        order: FIRST_RULE_ORDER + i,
        markdownDescription: `Severity of \`${r.code}\`: ${r.meta.summary} Default: \`${r.defaultSeverity}\`.`,
      },
    ]),
  );
}

export const README_TABLE_START =
  '<!-- finding-codes:start (generated from server/src/policy/rules by npm run generate) -->';
export const README_TABLE_END = '<!-- finding-codes:end -->';

/** The README's table of finding codes, one anchor per code (the diagnostics' documentation links). */
export function readmeTable(): string {
  const rows = RULES.map(
    (r) => `| <a id="${r.code}"></a>\`${r.code}\` | ${r.meta.summary.replace(/\|/g, '\\|')} | ${r.defaultSeverity} |`,
  );
  return [README_TABLE_START, '| code | when | default |', '|---|---|---|', ...rows, README_TABLE_END].join('\n');
}

/** package.json with its rule settings replaced by the registry's (other settings kept, in order). */
export function withRuleSettings(pkg: {
  contributes: { configuration: { properties: Record<string, unknown> } };
}): typeof pkg {
  const others = Object.entries(pkg.contributes.configuration.properties).filter(
    ([k]) => !k.startsWith('imageTrust.rules.'),
  );
  const properties = Object.fromEntries([...others, ...Object.entries(ruleSettings())]);
  return {
    ...pkg,
    contributes: { ...pkg.contributes, configuration: { ...pkg.contributes.configuration, properties } },
  };
}

/** README text with the generated table in place of the old one (between the markers). */
export function withReadmeTable(readme: string): string {
  const start = readme.indexOf(README_TABLE_START);
  const end = readme.indexOf(README_TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_TABLE_START} … ${README_TABLE_END} block`);
  return readme.slice(0, start) + readmeTable() + readme.slice(end + README_TABLE_END.length);
}

/** The grammar scope names of syntaxes/ → which injection they are. */
const INJECTIONS = { 'image-trust.injection.dockerfile': 'dockerfile', 'image-trust.injection.yaml': 'yaml' } as const;

interface FileKindParts {
  activationEvents?: string[];
  contributes?: { grammars?: Array<{ scopeName: string; injectTo?: string[] }> };
}

/** package.json with `activationEvents` and the grammars' `injectTo` from the file-kind list (a
 * copy; every other key as it was). */
export function withFileKindParts<T extends object>(pkg: T): T {
  const targets = grammarTargets();
  const copy = structuredClone(pkg) as T & FileKindParts;
  copy.activationEvents = activationEvents();
  for (const grammar of copy.contributes?.grammars ?? []) {
    const injection = INJECTIONS[grammar.scopeName as keyof typeof INJECTIONS];
    if (injection) grammar.injectTo = targets[injection];
  }
  return copy;
}
