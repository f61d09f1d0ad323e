import { describe } from 'node:test';
import { extractGitlabCi } from '../../../server/src/extract/gitlabCi.js';
import { hub, runCases, type Case } from './cases.js';

const cases: Case[] = [
  {
    name: 'top-level image',
    input: 'image: ⟦ruby:3.3⟧\nstages: [test]\n',
    refs: [{ image: hub('ruby:3.3'), pin: 'ruby:3.3' }],
  },
  {
    name: 'top-level services, strings and {name}',
    input: 'services:\n  - ⟦postgres:16⟧\n  - name: ⟦redis:7⟧\n    alias: cache\n',
    refs: [{ image: hub('postgres:16') }, { image: hub('redis:7') }],
  },
  {
    name: 'default: image and services',
    input: 'default:\n  image: ⟦node:20⟧\n  services: [⟦docker:27-dind⟧]\n',
    refs: [{ image: hub('node:20') }, { image: hub('docker:27-dind') }],
  },
  {
    name: 'job image as string and as {name, entrypoint}',
    input:
      'build:\n  image: ⟦golang:1.22⟧\n  script: [go build]\nlint:\n  image:\n    name: ⟦golangci/golangci-lint:v1.59⟧\n    entrypoint: [""]\n',
    refs: [{ image: hub('golang:1.22') }, { image: 'docker.io/golangci/golangci-lint:v1.59' }],
  },
  {
    name: 'job image platform from docker.platform',
    input: 'build:\n  image:\n    name: ⟦alpine⟧\n    docker:\n      platform: linux/arm64\n',
    refs: [{ platform: 'linux/arm64' }],
  },
  {
    name: 'hidden template jobs and extends',
    input: '.base:\n  image: ⟦python:3.12⟧\ntest:\n  extends: .base\n  script: [pytest]\n',
    refs: [{ image: hub('python:3.12') }],
  },
  {
    name: 'anchors and merge keys: one reference where written',
    input: '.tmpl: &tmpl\n  image: ⟦python:3.12⟧\ntest:\n  <<: *tmpl\n  script: [x]\nlint: *tmpl\n',
    refs: [{ image: hub('python:3.12') }],
  },
  {
    name: 'global keywords are not jobs',
    input: 'variables:\n  image: nope\nworkflow:\n  image: nope\ncache:\n  image: nope\njob:\n  image: ⟦alpine⟧\n',
    refs: [{ image: hub('alpine:latest') }],
  },
  {
    name: '$VAR and ${VAR} resolved from literal top-level variables',
    input: 'variables:\n  REGISTRY: registry.example.com\n  TAG: "1.4"\nbuild:\n  image: ⟦$REGISTRY/team/app:${TAG}⟧\n',
    refs: [{ image: 'registry.example.com/team/app:1.4', pin: null }],
  },
  {
    name: 'variables with {value:} and nested references',
    input: 'variables:\n  BASE: { value: "python", description: "x" }\n  IMG: "$BASE:3.12"\njob:\n  image: ⟦$IMG⟧\n',
    refs: [{ image: hub('python:3.12') }],
  },
  {
    name: 'job variables override the file variables',
    input: 'variables:\n  V: "1"\na:\n  image: ⟦alpine:$V⟧\nb:\n  variables:\n    V: "2"\n  image: ⟦alpine:$V⟧\n',
    refs: [{ image: hub('alpine:1') }, { image: hub('alpine:2') }],
  },
  {
    name: 'predefined CI_ variables are skip variable',
    input: 'job:\n  image: ⟦$CI_REGISTRY_IMAGE/builder:latest⟧\n',
    refs: [{ skip: 'variable', detail: 'CI_REGISTRY_IMAGE' }],
  },
  {
    name: 'undeclared variable is skip variable',
    input: 'job:\n  services:\n    - name: ⟦${DB_IMAGE}⟧\n',
    refs: [{ skip: 'variable', detail: 'DB_IMAGE' }],
  },
  {
    name: 'self-referencing variables do not loop',
    input: 'variables:\n  A: $B\n  B: $A\njob:\n  image: ⟦$A⟧\n',
    refs: [{ skip: 'variable', detail: 'itself' }],
  },
  {
    name: 'malformed pipeline keeps what parsed',
    input: 'job:\n  image: ⟦alpine⟧\nbad: [\n',
    refs: [{ image: hub('alpine:latest') }],
    problems: ['YAML syntax error'],
  },
];

describe('GitLab CI extraction', () => runCases(cases, extractGitlabCi, '.gitlab-ci.yml'));
