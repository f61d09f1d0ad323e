// GitLab CI `include: local:` in the two views that read files: the CLI walker reads the included
// files as gitlab-ci whatever their names, from the repository root, and reports cycles and missing
// files; the language server's document index recognises the same files.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { collectFiles } from '../../../server/src/cli/walk.js';
import { DocumentIndex } from '../../../server/src/lsp/documents.js';
import { GitlabIncludeIndex } from '../../../server/src/lsp/gitlabIncludes.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'image-trust-includes-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  dirs.push(dir);
  return dir;
}

const REPO = {
  '.git/HEAD': 'ref: refs/heads/main\n',
  'app/.gitlab-ci.yml':
    'include:\n  - local: /ci/build.yml\n  - /ci/values.yml\n  - /ci/gone.yml\nlint:\n  image: node:20\n',
  'ci/build.yml': 'include: ci/test.yml\nbuild:\n  image: golang:1.22\n',
  'ci/test.yml': 'include: /ci/build.yml\ntest:\n  image: python:3.12\n',
  'ci/values.yml': 'deploy:\n  image: alpine:3.20\n',
  'ci/unrelated.yml': 'job:\n  image: nope:1\n',
};

describe('the CLI walker follows include: local:', () => {
  test('included files are gitlab-ci whatever their names; cycles and missing files are problems', async () => {
    const root = workspace(REPO);
    const { files, problems } = await collectFiles(['.'], root);
    assert.deepEqual(
      files.map((f) => [f.display, f.kind]),
      [
        ['app/.gitlab-ci.yml', 'gitlab-ci'],
        ['ci/build.yml', 'gitlab-ci'],
        ['ci/test.yml', 'gitlab-ci'],
        ['ci/values.yml', 'gitlab-ci'],
      ],
    );
    assert.deepEqual(
      problems.map((p) => [p.file, p.message, p.kind]),
      [
        ['ci/test.yml', 'include cycle: app/.gitlab-ci.yml → ci/build.yml → ci/test.yml → ci/build.yml', 'note'],
        ['app/.gitlab-ci.yml', 'included file ci/gone.yml does not exist or cannot be read', 'incomplete'],
      ],
    );
  });

  test('scanning only the pipeline file still reads what it includes, from the repository root', async () => {
    const root = workspace(REPO);
    const { files } = await collectFiles(['app/.gitlab-ci.yml'], root);
    assert.deepEqual(
      files.map((f) => f.display),
      ['app/.gitlab-ci.yml', 'ci/build.yml', 'ci/test.yml', 'ci/values.yml'],
    );
  });

  test('without .git, paths are from the folder scanned', async () => {
    const root = workspace({
      'proj/.gitlab-ci.yml': 'include: /jobs/x.yml\n',
      'proj/jobs/x.yml': 'x:\n  image: redis:7\n',
    });
    const { files, problems } = await collectFiles(['proj'], root);
    assert.deepEqual(
      files.map((f) => [f.display, f.kind]),
      [
        ['proj/.gitlab-ci.yml', 'gitlab-ci'],
        ['proj/jobs/x.yml', 'gitlab-ci'],
      ],
    );
    assert.deepEqual(problems, []);
  });
});

describe('the language server recognises the same files', () => {
  test('a file is included when its repository pipeline includes it, directly or not', async () => {
    const root = workspace({ ...REPO, '.gitlab-ci.yml': 'include: /ci/build.yml\n' });
    // a reader that fails for missing files, as a careless host might
    const index = new GitlabIncludeIndex((uri) => readFile(new URL(uri), 'utf8'));
    const at = (p: string) => path.join(root, p);
    assert.equal(await index.includes(at('ci/build.yml')), true);
    assert.equal(await index.includes(at('ci/test.yml')), true, 'through build.yml');
    assert.equal(await index.includes(at('ci/unrelated.yml')), false);
    assert.equal(
      await index.includes(at('ci/values.yml')),
      false,
      'only app/.gitlab-ci.yml includes it, not the root pipeline',
    );
  });

  test('an edited pipeline is read again after forget()', async () => {
    const root = workspace({
      '.git/HEAD': '',
      '.gitlab-ci.yml': 'a:\n  image: x\n',
      'ci/late.yml': 'b:\n  image: y\n',
    });
    let pipeline = 'a:\n  image: x\n';
    const index = new GitlabIncludeIndex(async (uri) =>
      uri.endsWith('/.gitlab-ci.yml') ? pipeline : 'b:\n  image: y\n',
    );
    assert.equal(await index.includes(path.join(root, 'ci/late.yml')), false);
    pipeline = 'include: /ci/late.yml\n';
    assert.equal(await index.includes(path.join(root, 'ci/late.yml')), false, 'kept until told');
    index.forget();
    assert.equal(await index.includes(path.join(root, 'ci/late.yml')), true);
  });

  test('the document index extracts an included file as gitlab-ci, and an unrelated one not at all', async (t) => {
    const root = workspace({ ...REPO, '.gitlab-ci.yml': 'include: /ci/values.yml\n' });
    const index = new DocumentIndex(new TextDocuments(TextDocument));
    t.after(() => index.dispose());
    const refsOf = async (p: string) => {
      const snapshot = await index.read(pathToFileURL(path.join(root, p)).href);
      assert.ok(snapshot);
      return (await index.references(snapshot)).map((r) => [r.source, r.image]);
    };
    assert.deepEqual(
      await refsOf('ci/values.yml'),
      [['gitlab-ci', 'docker.io/library/alpine:3.20']],
      'not helm-values: the pipeline includes it',
    );
    assert.deepEqual(await refsOf('ci/unrelated.yml'), []);
  });
});
