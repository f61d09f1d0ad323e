// One list of files that hold images (server/src/extract/fileKinds.ts): package.json's generated
// parts agree with it (`npm run generate` rewrites them), and the VS Code globs the client and
// package.json use select exactly the files that detection recognises by name.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { withFileKindParts } from '../../../scripts/contributions.js';
import { detectFileKind, mayHoldReferences } from '../../../server/src/extract/detect.js';
import {
  activationEvents,
  candidateFilesGlob,
  kindsByLanguage,
  oneGlob,
  vscodeGlobs,
} from '../../../server/src/extract/fileKindGlobs.js';
import { FILE_KINDS } from '../../../server/src/extract/fileKinds.js';

describe('package.json follows the file-kind list', () => {
  test('activationEvents and grammar injection targets are what `npm run generate` writes', () => {
    const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    assert.deepEqual(
      manifest,
      withFileKindParts(manifest),
      'run `npm run generate` after changing server/src/extract/fileKinds.ts',
    );
  });

  test('every source is named by the list and starts the extension', () => {
    const events = activationEvents();
    for (const kind of FILE_KINDS) {
      assert.ok(kind.names.length > 0, kind.source);
      assert.ok(
        vscodeGlobs([kind]).every((g) => events.includes(`workspaceContains:${g}`)),
        kind.source,
      );
    }
  });
});

/**
 * A glob as VS Code matches it (its glob.ts): `**` spans any folders, dot folders too (unlike
 * minimatch and node:path's matchesGlob), `*` stays within one, `{a,b}` is either, `[Dd]` one of.
 */
function matchesGlob(file: string, glob: string): boolean {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (glob.startsWith('**/', i)) {
      re += '(?:.*/)?';
      i += 2;
    } else if (c === '*') re += '[^/]*';
    else if (c === '{') re += '(?:';
    else if (c === '}') re += ')';
    else if (c === ',') re += '|';
    else if (c === '[') {
      const end = glob.indexOf(']', i);
      re += glob.slice(i, end + 1);
      i = end;
    } else re += c.replace(/[.+?^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^(?:.*/)?${re.replace(/^\(\?:\.\*\/\)\?/, '')}$`).test(file);
}

test('languages other extensions give such files map to their kind (the server reads them by it)', () => {
  assert.deepEqual(kindsByLanguage(), {
    'github-actions-workflow': 'github-actions',
    'azure-pipelines': 'azure-pipelines',
    dockerfile: 'dockerfile',
    containerfile: 'dockerfile',
    dockercompose: 'compose',
  });
});

// Paths a user may have, recognised or not; the globs must agree with detection on each.
const paths = [
  'Dockerfile',
  'app/dockerfile',
  'DOCKERFILE',
  'x/Dockerfile.prod',
  'Dockerfile-dev',
  'api.Dockerfile',
  'base.containerfile',
  'Containerfile-arm',
  'compose.yaml',
  'docker-compose.override.yml',
  'Compose.YML',
  'charts/a/values-prod.yaml',
  'repo/.github/workflows/ci.yml',
  '.gitea/workflows/a.yaml',
  '.forgejo/workflows/b.yml',
  'action.yml',
  '.github/workflows/sub/x.yml',
  '.gitlab-ci.yml',
  'ci/x.gitlab-ci.yaml',
  '.devcontainer/devcontainer.json',
  '.devcontainer/py/devcontainer.json',
  '.devcontainer.json',
  'kustomization.yaml',
  'base/Kustomization',
  '.circleci/config.yml',
  'bitbucket-pipelines.yml',
  'azure-pipelines.yml',
  '.azure-pipelines/release.yaml',
  '.drone.yml',
  '.woodpecker.yml',
  '.woodpecker/lint.yaml',
  'cloudbuild.json',
  'cloudbuild.yaml',
  'web.container',
  'db.volume',
  'base.image',
  'README.md',
  'package.json',
  'notes.txt',
  'Dockerfile.dockerignore',
];

describe('the VS Code globs and detection agree', () => {
  const named = oneGlob(FILE_KINDS);
  for (const p of paths) {
    const full = `/home/u/repo/${p}`;
    const kind = detectFileKind(full);
    test(`${p}: ${kind ?? 'not recognised by name'}`, () => {
      // `*.dockerignore` is excluded by detection only: the globs send it, the server finds nothing
      const excluded = p.endsWith('.dockerignore');
      assert.equal(matchesGlob(full, named), kind !== null || excluded, `document selector glob ${named}`);
      assert.equal(matchesGlob(full, candidateFilesGlob()), mayHoldReferences(full) || excluded, 'pin-all glob');
    });
  }
});
