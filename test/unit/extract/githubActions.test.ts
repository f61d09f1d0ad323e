import { describe } from 'node:test';
import { extractGithubActions } from '../../../server/src/extract/githubActions.js';
import { D, hub, runCases, type Case } from './cases.js';

const job = (body: string) => `on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n${body}`;

const cases: Case[] = [
  {
    name: 'container as a string',
    input: job('    container: ⟦node:20⟧\n'),
    refs: [{ image: hub('node:20'), pin: 'node:20' }],
  },
  {
    name: 'container as a map',
    input: job('    container:\n      image: ⟦ghcr.io/acme/ci:1⟧\n      options: --cpus 1\n'),
    refs: [{ image: 'ghcr.io/acme/ci:1' }],
  },
  {
    name: 'services.*.image',
    input: job(
      '    services:\n      db:\n        image: ⟦postgres:16⟧\n        ports: ["5432:5432"]\n      cache:\n        image: "⟦redis:7⟧"\n',
    ),
    refs: [{ image: hub('postgres:16') }, { image: hub('redis:7') }],
  },
  {
    name: 'steps uses docker:// (range after the scheme)',
    input: job(
      `    steps:\n      - uses: actions/checkout@v4\n      - uses: docker://⟦alpine:3.20⟧\n      - uses: 'docker://⟦ghcr.io/x/y@${D}⟧'\n`,
    ),
    refs: [
      { image: hub('alpine:3.20'), pin: 'alpine:3.20' },
      { image: `ghcr.io/x/y@${D}`, digest: D },
    ],
  },
  {
    name: 'actions and local actions are not images',
    input: job('    steps:\n      - uses: ./.github/actions/x\n      - uses: actions/setup-node@v4\n'),
    refs: [],
  },
  {
    name: '${{ }} expression is skip variable',
    input: job(
      '    container: ⟦${{ matrix.image }}⟧\n    services:\n      db:\n        image: ⟦postgres:${{ matrix.pg }}⟧\n',
    ),
    refs: [
      { skip: 'variable', detail: 'matrix.image' },
      { skip: 'variable', detail: 'matrix.pg' },
    ],
  },
  {
    name: 'several jobs',
    input: 'jobs:\n  a:\n    container: ⟦alpine⟧\n  b:\n    container:\n      image: ⟦debian:12⟧\n',
    refs: [{ image: hub('alpine:latest') }, { image: hub('debian:12') }],
  },
  { name: 'no jobs', input: 'on: push\nname: x\n', refs: [] },
  {
    name: 'image keys outside jobs are not references',
    input: 'env:\n  image: nginx\njobs:\n  a:\n    env:\n      image: nginx\n    container: ⟦alpine⟧\n',
    refs: [{}],
  },
  { name: 'invalid container image', input: job('    container: ⟦Alpine:3⟧\n'), refs: [{ skip: 'invalid' }] },
  {
    name: 'anchors (GitHub supports them): one reference',
    input: 'jobs:\n  a:\n    container: &c ⟦node:20⟧\n  b:\n    container: *c\n',
    refs: [{ image: hub('node:20') }],
  },
  {
    name: 'malformed workflow',
    input: 'jobs:\n  a:\n    container: ⟦node:20⟧\n  b: {\n',
    refs: [{ image: hub('node:20') }],
    problems: ['YAML syntax error'],
  },
  {
    name: 'uses: docker:// in a reusable step list outside jobs (anchored steps)',
    input:
      'x-steps: &steps\n  - uses: docker://⟦alpine:3.20⟧\njobs:\n  a:\n    steps: *steps\n  b:\n    steps: *steps\n',
    refs: [{ image: hub('alpine:3.20') }],
  },
];

const actions: Case[] = [
  {
    name: 'a Docker action: runs.image docker://',
    input: "name: lint\nruns:\n  using: docker\n  image: 'docker://⟦ghcr.io/acme/lint:1.4⟧'\n  args: [--strict]\n",
    refs: [{ image: 'ghcr.io/acme/lint:1.4', pin: 'ghcr.io/acme/lint:1.4' }],
  },
  {
    name: 'a Docker action that builds its Dockerfile',
    input: 'runs:\n  using: docker\n  image: Dockerfile\n',
    refs: [],
  },
  {
    name: 'a composite action: docker:// steps in runs.steps',
    input:
      'runs:\n  using: composite\n  steps:\n    - uses: actions/cache@v4\n    - uses: docker://⟦hadolint/hadolint:v2.12.0⟧\n      with:\n        args: hadolint Dockerfile\n',
    refs: [{ image: 'docker.io/hadolint/hadolint:v2.12.0' }],
  },
  { name: 'a JavaScript action names no image', input: 'runs:\n  using: node20\n  main: dist/index.js\n', refs: [] },
];

describe('GitHub Actions extraction', () => runCases(cases, extractGithubActions, '.github/workflows/ci.yml'));
describe('Gitea / Forgejo workflows read the same', () =>
  runCases(cases.slice(0, 4), extractGithubActions, '.gitea/workflows/ci.yml'));
describe('action.yml extraction', () => runCases(actions, extractGithubActions, 'action.yml'));
