// SARIF 2.1.0 for GitHub code scanning: one rule per finding code (with help text), one result per
// finding with its location (1-based lines and UTF-16 columns, as GitHub expects) and its fix.
import { DEFAULT_SEVERITY, FINDING_CODES, type Finding, type FindingCode, type Severity } from '../model/finding.js';
import type { ImageReference } from '../model/reference.js';

export const DOCS_URL = 'https://github.com/image-trust/image-trust#finding-codes';

const RULE_HELP: Record<FindingCode, { short: string; help: string }> = {
  'unpinned-digest': { short: 'Image not pinned to a digest', help: 'A tag can be moved to different content at any time. Pin the reference to the digest the tag points to now (name:tag@sha256:…); `image-trust fix` does it.' },
  'latest-tag': { short: 'Image uses the latest tag', help: '`latest`, written or implied, moves with every release. Name a version tag and pin its digest.' },
  'unverified-publisher': { short: 'Publisher has no Docker Hub badge', help: 'The Docker Hub namespace has no Docker Official Image, Verified Publisher or Sponsored OSS badge: nobody vouches for the publisher.' },
  unsigned: { short: 'No signature for the pulled digest', help: 'No cosign, Sigstore bundle or Notation signature was found for the digest that would be pulled.' },
  stale: { short: 'Tag not pushed for a long time', help: 'The tag was last pushed longer ago than `staleAfterDays`; it likely misses security fixes.' },
  'digest-drift': { short: 'Pinned digest differs from the tag', help: 'The tag now points to another digest than the one pinned. Review the change and update the digest.' },
  'digest-not-found': { short: 'Pinned digest does not exist', help: 'The repository has no manifest with the pinned digest; a pull will fail.' },
  'not-found': { short: 'Repository or tag does not exist', help: 'The registry says the repository or tag does not exist.' },
  'lookup-failed': { short: 'Facts could not be fetched', help: 'The registry or Docker Hub could not be asked (rate limit, network, authorisation). This is not a "not found".' },
};

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export interface SarifInput {
  ref: ImageReference;
  findings: Finding[];
}

export function toSarif(items: SarifInput[], version: string): unknown {
  const rules = FINDING_CODES.map((code) => ({
    id: code,
    name: code.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: RULE_HELP[code].short },
    fullDescription: { text: RULE_HELP[code].help },
    help: { text: RULE_HELP[code].help, markdown: RULE_HELP[code].help },
    helpUri: `${DOCS_URL}`,
    defaultConfiguration: { level: LEVEL[DEFAULT_SEVERITY[code]] },
  }));
  const results = items.flatMap(({ ref, findings }) =>
    findings.map((f) => {
      const artifactLocation = { uri: encodeURI(ref.file), uriBaseId: '%SRCROOT%' };
      return {
        ruleId: f.code,
        ruleIndex: FINDING_CODES.indexOf(f.code),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation, region: region(f.range) } }],
        partialFingerprints: { imageReference: `${ref.file}:${ref.text}:${f.code}` },
        ...(f.fix
          ? {
              fixes: [
                {
                  description: { text: f.fixTitle ?? `Fix ${f.code}` },
                  artifactChanges: [
                    { artifactLocation, replacements: [{ deletedRegion: region(f.fix.range), insertedContent: { text: f.fix.newText } }] },
                  ],
                },
              ],
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
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}
