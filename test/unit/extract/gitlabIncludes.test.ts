// GitLab CI `include: local:`: what one file includes (pure), and following includes through a
// host, with cycles, missing files, wildcards and paths that leave the repository.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  followLocalIncludes,
  gitlabLocalIncludes,
  MAX_INCLUDES,
  type IncludeHost,
} from '../../../server/src/extract/gitlabIncludes.js';

const reading: Array<{ name: string; text: string; paths: string[]; unresolved?: string[] }> = [
  { name: 'a string', text: "include: '/templates/build.yml'\n", paths: ['templates/build.yml'] },
  { name: 'a {local} map', text: 'include:\n  local: ci/test.yml\n', paths: ['ci/test.yml'] },
  {
    name: 'a list of strings and maps; remote, project, template and component are elsewhere',
    text: "include:\n  - /ci/a.yml\n  - local: '/ci/b.yaml'\n    rules:\n      - if: $CI_COMMIT_BRANCH\n  - remote: https://example.com/x.yml\n  - https://example.com/y.yml\n  - project: group/proj\n    file: /z.yml\n  - template: Auto-DevOps.gitlab-ci.yml\n  - component: gitlab.com/acme/c/build@1\n",
    paths: ['ci/a.yml', 'ci/b.yaml'],
  },
  { name: 'wildcards are kept for the host to expand', text: "include: 'configs/*.yml'\n", paths: ['configs/*.yml'] },
  {
    name: 'a variable in the path',
    text: 'include:\n  - local: /ci/$CI_COMMIT_REF_NAME.yml\n',
    paths: [],
    unresolved: ['/ci/$CI_COMMIT_REF_NAME.yml'],
  },
  { name: 'no include', text: 'build:\n  image: alpine\n', paths: [] },
  { name: 'a broken file', text: 'include: [\n', paths: [] },
  { name: 'include below the top level is a job key, not an include', text: 'job:\n  include: x.yml\n', paths: [] },
];

describe('gitlabLocalIncludes', () => {
  for (const c of reading) {
    test(c.name, () =>
      assert.deepEqual(gitlabLocalIncludes(c.text), { paths: c.paths, unresolved: c.unresolved ?? [] }),
    );
  }
});

/** A host over an in-memory tree, counting reads (each file must be read at most once). */
function memoryHost(files: Record<string, string>): IncludeHost & { reads: Map<string, number> } {
  const reads = new Map<string, number>();
  return {
    reads,
    async read(path) {
      reads.set(path, (reads.get(path) ?? 0) + 1);
      return files[path] ?? null;
    },
    async list(folder) {
      const prefix = folder ? `${folder}/` : '';
      const names = new Map<string, boolean>();
      for (const p of Object.keys(files)) {
        if (!p.startsWith(prefix)) continue;
        const [head, ...rest] = p.slice(prefix.length).split('/');
        if (head) names.set(head, rest.length > 0);
      }
      return names.size ? [...names].map(([name, folder]) => ({ name, folder })) : null;
    },
  };
}

const follow: Array<{ name: string; files: Record<string, string>; included: string[]; problems: RegExp[] }> = [
  {
    name: 'transitively, each file once (a diamond)',
    files: {
      '.gitlab-ci.yml': 'include: [a.yml, b.yml]\n',
      'a.yml': 'include: c.yml\n',
      'b.yml': 'include: /c.yml\n',
      'c.yml': 'x: 1\n',
    },
    included: ['a.yml', 'c.yml', 'b.yml'],
    problems: [],
  },
  {
    name: 'a cycle is reported and not followed again',
    files: { '.gitlab-ci.yml': 'include: a.yml\n', 'a.yml': 'include: b.yml\n', 'b.yml': 'include: a.yml\n' },
    included: ['a.yml', 'b.yml'],
    problems: [/include cycle: \.gitlab-ci\.yml → a\.yml → b\.yml → a\.yml/],
  },
  {
    name: 'a file that includes itself',
    files: { '.gitlab-ci.yml': 'include: .gitlab-ci.yml\n' },
    included: [],
    problems: [/include cycle: \.gitlab-ci\.yml → \.gitlab-ci\.yml/],
  },
  {
    name: 'a missing file',
    files: { '.gitlab-ci.yml': 'include: [gone.yml, a.yml]\n', 'a.yml': 'x: 1\n' },
    included: ['a.yml'],
    problems: [/included file gone\.yml does not exist/],
  },
  {
    name: 'paths that climb out of the repository are refused',
    files: { '.gitlab-ci.yml': 'include: ../../etc/passwd.yml\n' },
    included: [],
    problems: [/leaves the repository/],
  },
  {
    name: 'wildcards: * within a folder, ** across folders',
    files: {
      '.gitlab-ci.yml': "include: ['ci/*.yml', 'deep/**.yml']\n",
      'ci/a.yml': '',
      'ci/b.yaml': '',
      'ci/sub/c.yml': '',
      'deep/x/y.yml': '',
      'deep/z.yml': '',
      'deep/z.txt': '',
    },
    included: ['ci/a.yml', 'deep/x/y.yml', 'deep/z.yml'],
    problems: [],
  },
  {
    name: 'a wildcard that matches nothing',
    files: { '.gitlab-ci.yml': "include: 'none/*.yml'\n" },
    included: [],
    problems: [/matches no file/],
  },
  {
    name: 'a variable in an include path',
    files: { '.gitlab-ci.yml': 'include:\n  - local: ci/$ENV.yml\n' },
    included: [],
    problems: [/names a variable/],
  },
];

describe('followLocalIncludes', () => {
  for (const c of follow) {
    test(c.name, async () => {
      const host = memoryHost(c.files);
      const { files, problems } = await followLocalIncludes(
        [{ path: '.gitlab-ci.yml', text: c.files['.gitlab-ci.yml'] ?? '' }],
        host,
      );
      assert.deepEqual(
        files.map((f) => f.path),
        c.included,
      );
      assert.equal(problems.length, c.problems.length, JSON.stringify(problems));
      c.problems.forEach((p, i) => assert.match(problems[i]?.message ?? '', p));
      for (const [path, n] of host.reads) assert.equal(n, 1, `${path} read once`);
    });
  }

  test(`at most ${MAX_INCLUDES} included files, then a problem (a chain never loops)`, async () => {
    const files: Record<string, string> = { '.gitlab-ci.yml': 'include: f0.yml\n' };
    for (let i = 0; i < 400; i++) files[`f${i}.yml`] = `include: f${i + 1}.yml\n`;
    const { files: included, problems } = await followLocalIncludes(
      [{ path: '.gitlab-ci.yml', text: files['.gitlab-ci.yml'] ?? '' }],
      memoryHost(files),
    );
    assert.equal(included.length, MAX_INCLUDES);
    assert.equal(problems.length, 1);
    assert.match(problems[0]?.message ?? '', /more than 150 included files/);
  });
});
