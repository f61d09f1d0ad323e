import { describe } from 'node:test';
import { extractBitbucketPipelines } from '../../../server/src/extract/bitbucketPipelines.js';
import { hub, runCases, type Case } from './cases.js';

const cases: Case[] = [
  {
    name: 'top-level image as a string',
    input: 'image: ⟦atlassian/default-image:4⟧\npipelines: {}\n',
    refs: [{ image: 'docker.io/atlassian/default-image:4', pin: 'atlassian/default-image:4' }],
  },
  {
    name: 'top-level image as {name, username, password}',
    input: 'image:\n  name: ⟦registry.example.com/ci/build:2⟧\n  username: $USER\n  password: $PASS\n',
    refs: [{ image: 'registry.example.com/ci/build:2' }],
  },
  {
    name: 'steps in default, branches, parallel groups and stages',
    input:
      'pipelines:\n  default:\n    - step:\n        image: ⟦node:20⟧\n        script: [npm test]\n    - parallel:\n        - step:\n            image: ⟦python:3.12⟧\n            script: [pytest]\n  branches:\n    main:\n      - stage:\n          steps:\n            - step:\n                image:\n                  name: ⟦golang:1.22⟧\n                script: [go test]\n',
    refs: [{ image: hub('node:20') }, { image: hub('python:3.12') }, { image: hub('golang:1.22') }],
  },
  {
    name: 'definitions.services.*.image; the docker service has none',
    input:
      'definitions:\n  services:\n    docker:\n      memory: 2048\n    db:\n      image: ⟦postgres:16⟧\n      variables:\n        POSTGRES_PASSWORD: x\n',
    refs: [{ image: hub('postgres:16') }],
  },
  {
    name: 'a step defined under an anchor and used by alias: once, where written',
    input:
      'definitions:\n  steps:\n    - step: &build\n        image: ⟦node:20⟧\n        script: [make]\npipelines:\n  default:\n    - step: *build\n  custom:\n    again:\n      - step: *build\n',
    refs: [{ image: hub('node:20') }],
  },
  {
    name: 'pipe: docker://… is an image; a bare pipe is a Bitbucket pipe',
    input:
      "pipelines:\n  default:\n    - step:\n        script:\n          - pipe: atlassian/aws-s3-deploy:1.1.0\n          - pipe: docker://⟦acme/deploy-pipe:2.0⟧\n          - pipe: 'docker://⟦ghcr.io/acme/notify:1⟧'\n",
    refs: [
      { image: 'docker.io/acme/deploy-pipe:2.0', pin: 'acme/deploy-pipe:2.0' },
      { image: 'ghcr.io/acme/notify:1' },
    ],
  },
  {
    name: '$VARIABLES are skip variable',
    input: 'pipelines:\n  default:\n    - step:\n        image: ⟦$BUILD_IMAGE⟧\n',
    refs: [{ skip: 'variable', detail: 'BUILD_IMAGE' }],
  },
  {
    name: 'script lines that mention images are not references',
    input: 'pipelines:\n  default:\n    - step:\n        script:\n          - docker run nginx:1.27\n',
    refs: [],
  },
];

describe('Bitbucket Pipelines extraction', () => runCases(cases, extractBitbucketPipelines, 'bitbucket-pipelines.yml'));
