import { describe } from 'node:test';
import { extractDevcontainer } from '../../../server/src/extract/devcontainer.js';
import { D, runCases, type Case } from './cases.js';

const MCR = 'mcr.microsoft.com/devcontainers';

const cases: Case[] = [
  {
    name: 'top-level image',
    input: `{\n  "name": "x",\n  "image": "⟦${MCR}/typescript-node:1-20-bookworm⟧"\n}\n`,
    refs: [
      {
        image: `${MCR}/typescript-node:1-20-bookworm`,
        registry: 'mcr.microsoft.com',
        pin: `${MCR}/typescript-node:1-20-bookworm`,
      },
    ],
  },
  {
    name: 'comments and trailing commas',
    input: `// dev container\n{\n  /* base */ "image": "⟦${MCR}/base:ubuntu⟧", // ok\n  "features": {},\n}\n`,
    refs: [{ image: `${MCR}/base:ubuntu` }],
  },
  { name: 'digest-pinned', input: `{"image": "⟦${MCR}/base@${D}⟧"}`, refs: [{ digest: D, tag: null }] },
  { name: 'Docker Hub short name', input: '{"image":"⟦node:20⟧"}', refs: [{ image: 'docker.io/library/node:20' }] },
  { name: 'build-based devcontainer has no reference', input: '{"build": {"dockerfile": "Dockerfile"}}', refs: [] },
  {
    name: 'compose-based devcontainer has no reference',
    input: '{"dockerComposeFile": "compose.yml", "service": "app"}',
    refs: [],
  },
  {
    name: 'nested image keys are not references',
    input: '{"customizations": {"image": "nginx"}, "image": "⟦alpine⟧"}',
    refs: [{}],
  },
  {
    name: '${localEnv:…} is skip variable',
    input: '{"image": "⟦${localEnv:BASE_IMAGE}⟧"}',
    refs: [{ skip: 'variable', detail: 'localEnv:BASE_IMAGE' }],
  },
  {
    name: 'escaped string cannot be mapped: whole token, invalid',
    input: '{"image": ⟦"node\\u003a20"⟧}',
    refs: [{ skip: 'invalid', pin: null }],
  },
  { name: 'invalid name', input: '{"image": "⟦Node:20⟧"}', refs: [{ skip: 'invalid' }] },
  { name: 'empty image', input: '{"image": ""}', refs: [] },
  { name: 'non-string image', input: '{"image": 42}', refs: [] },
  { name: 'empty file', input: '', refs: [] },
  {
    name: 'malformed JSON keeps what parsed and reports the line',
    input: '{\n  "image": "⟦alpine⟧",\n  "x": [\n',
    refs: [{ image: 'docker.io/library/alpine:latest' }],
    problems: ['JSON syntax error', '(line'],
  },
];

describe('devcontainer extraction', () => runCases(cases, extractDevcontainer, '.devcontainer/devcontainer.json'));
