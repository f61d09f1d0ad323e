// SARIF 2.1.0 for GitHub code scanning: one rule per finding code (from the rule registry, with its
// help text and documentation anchor), one result per finding with its location (1-based lines and
// UTF-16 columns, as GitHub expects) and its fixes.
import type { Finding, Severity } from '../model/finding.js';
import type { ImageReference } from '../model/reference.js';
import { DOCS_URL, docsUrl, RULES } from '../policy/index.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

interface SarifInput {
  ref: ImageReference;
  findings: Finding[];
}

export function toSarif(items: SarifInput[], version: string): unknown {
  const rules = RULES.map((r) => ({
    id: r.code,
    name: r.code.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: r.meta.title },
    fullDescription: { text: r.meta.help },
    help: { text: r.meta.help, markdown: r.meta.help },
    helpUri: docsUrl(r.code),
    defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
  }));
  const ruleIndex = new Map<string, number>(RULES.map((r, i) => [r.code, i]));
  const results = items.flatMap(({ ref, findings }) =>
    findings.map((f) => {
      const artifactLocation = { uri: encodeURI(ref.file), uriBaseId: '%SRCROOT%' };
      return {
        ruleId: f.code,
        ruleIndex: ruleIndex.get(f.code) ?? -1,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation, region: region(f.range) } }],
        partialFingerprints: { imageReference: `${ref.file}:${ref.text}:${f.code}` },
        ...(f.fixes.length
          ? {
              fixes: f.fixes.map((fix) => ({
                description: { text: fix.title },
                artifactChanges: [
                  {
                    artifactLocation,
                    replacements: [
                      { deletedRegion: region(fix.edit.range), insertedContent: { text: fix.edit.newText } },
                    ],
                  },
                ],
              })),
            }
          : {}),
      };
    }),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'image-trust', informationUri: DOCS_URL, version, semanticVersion: version, rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

function region(r: Finding['range']) {
  return {
    startLine: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  };
}
