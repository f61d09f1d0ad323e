import { describe } from 'node:test';
import { extractDrone } from '../../../server/src/extract/drone.js';
import { hub, runCases, type Case } from './cases.js';

const cases: Case[] = [
  {
    name: 'Drone: steps and services as lists, several documents',
    input:
      'kind: pipeline\ntype: docker\nname: default\nsteps:\n  - name: test\n    image: ⟦golang:1.22⟧\n    commands: [go test ./...]\nservices:\n  - name: db\n    image: ⟦postgres:16⟧\n---\nkind: secret\nname: token\n---\nkind: pipeline\nname: deploy\nsteps:\n  - name: push\n    image: ⟦plugins/docker:20⟧\n',
    refs: [
      { image: hub('golang:1.22'), pin: 'golang:1.22' },
      { image: hub('postgres:16') },
      { image: 'docker.io/plugins/docker:20' },
    ],
  },
  {
    name: 'Woodpecker: steps and services as maps',
    input:
      'steps:\n  build:\n    image: ⟦node:20⟧\n    commands: [npm ci]\n  lint:\n    image: "⟦node:20-alpine⟧"\nservices:\n  cache:\n    image: ⟦redis:7⟧\n',
    refs: [{ image: hub('node:20') }, { image: hub('node:20-alpine') }, { image: hub('redis:7') }],
  },
  {
    name: 'Woodpecker: the older `pipeline:` key and a custom clone step',
    input: 'clone:\n  git:\n    image: ⟦woodpeckerci/plugin-git:2.5⟧\npipeline:\n  test:\n    image: ⟦python:3.12⟧\n',
    refs: [{ image: 'docker.io/woodpeckerci/plugin-git:2.5' }, { image: hub('python:3.12') }],
  },
  {
    name: 'substitutions are skip variable',
    input: 'steps:\n  - name: a\n    image: ⟦golang:${GO_VERSION}⟧\n  - name: b\n    image: ⟦${CI_REPO_NAME:-app}⟧\n',
    refs: [
      { skip: 'variable', detail: 'GO_VERSION' },
      { skip: 'variable', detail: 'CI_REPO_NAME' },
    ],
  },
  { name: 'clone settings without an image', input: 'clone:\n  depth: 50\nkind: pipeline\nsteps: []\n', refs: [] },
];

describe('Drone / Woodpecker extraction', () => runCases(cases, extractDrone, '.drone.yml'));
