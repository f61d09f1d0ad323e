import { describe } from 'node:test';
import { extractCircleci } from '../../../server/src/extract/circleci.js';
import { D, hub, runCases, type Case } from './cases.js';

const cases: Case[] = [
  {
    name: 'jobs.*.docker[]: the primary container and service containers',
    input:
      'version: 2.1\njobs:\n  test:\n    docker:\n      - image: ⟦cimg/python:3.12⟧\n        auth:\n          username: me\n      - image: "⟦cimg/postgres:16.2⟧"\n    steps: [checkout]\n',
    refs: [{ image: 'docker.io/cimg/python:3.12', pin: 'cimg/python:3.12' }, { image: 'docker.io/cimg/postgres:16.2' }],
  },
  {
    name: 'executors.*.docker[]',
    input: `executors:\n  node:\n    docker:\n      - image: ⟦cimg/node:20.11@${D}⟧\njobs:\n  build:\n    executor: node\n    steps: [checkout]\n`,
    refs: [{ digest: D, tag: '20.11' }],
  },
  {
    name: 'orbs are packages of config, not images',
    input:
      'orbs:\n  node: circleci/node@5.2.0\n  aws-cli: circleci/aws-cli@4.1\njobs:\n  a:\n    docker:\n      - image: ⟦alpine:3.20⟧\n',
    refs: [{ image: hub('alpine:3.20') }],
  },
  {
    name: 'machine and macos images are VMs, not container images',
    input: 'jobs:\n  vm:\n    machine:\n      image: ubuntu-2204:2024.01.1\n  mac:\n    macos:\n      xcode: 15.1.0\n',
    refs: [],
  },
  {
    name: '<< parameters >> are skip variable',
    input:
      'jobs:\n  test:\n    parameters:\n      tag: {type: string, default: "3.12"}\n    docker:\n      - image: ⟦cimg/python:<< parameters.tag >>⟧\n',
    refs: [{ skip: 'variable', detail: 'parameters.tag' }],
  },
  {
    name: 'an anchored docker list used twice is reported once, where written',
    input: 'defaults: &d\n  - image: ⟦node:20⟧\njobs:\n  a:\n    docker: *d\n  b:\n    docker: *d\n',
    refs: [{ image: hub('node:20') }],
  },
  {
    name: 'image keys elsewhere are not references',
    input: 'workflows:\n  main:\n    jobs:\n      - test:\n          image: nope\n',
    refs: [],
  },
  {
    name: 'malformed config keeps what parsed',
    input: 'jobs:\n  a:\n    docker:\n      - image: ⟦node:20⟧\n  b: [\n',
    refs: [{ image: hub('node:20') }],
    problems: ['YAML syntax error'],
  },
];

describe('CircleCI extraction', () => runCases(cases, extractCircleci, '.circleci/config.yml'));
