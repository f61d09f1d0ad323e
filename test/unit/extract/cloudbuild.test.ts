import { describe } from 'node:test';
import { extractCloudbuild } from '../../../server/src/extract/cloudbuild.js';
import { hub, runCases, type Case } from './cases.js';

const yaml: Case[] = [
  {
    name: 'steps[].name; args and images are not references',
    input:
      "steps:\n  - name: '⟦gcr.io/cloud-builders/docker⟧'\n    args: ['build', '-t', 'gcr.io/$PROJECT_ID/app:$SHORT_SHA', '.']\n  - name: ⟦node:20⟧\n    entrypoint: npm\n    args: [test]\nimages: ['gcr.io/$PROJECT_ID/app:$SHORT_SHA']\n",
    refs: [
      { image: 'gcr.io/cloud-builders/docker:latest', pin: 'gcr.io/cloud-builders/docker' },
      { image: hub('node:20') },
    ],
  },
  {
    name: 'user substitutions resolve from substitutions:',
    input:
      'substitutions:\n  _NODE_VERSION: "20"\n  _REGISTRY: europe-docker.pkg.dev/acme/ci\nsteps:\n  - name: ⟦node:${_NODE_VERSION}⟧\n  - name: ⟦$_REGISTRY/builder:1⟧\n',
    refs: [{ image: hub('node:20'), pin: null }, { image: 'europe-docker.pkg.dev/acme/ci/builder:1' }],
  },
  {
    name: 'built-in substitutions and undeclared ones are skip variable',
    input: 'steps:\n  - name: ⟦gcr.io/$PROJECT_ID/builder⟧\n  - name: ⟦node:${_MISSING}⟧\n',
    refs: [
      { skip: 'variable', detail: 'built-in' },
      { skip: 'variable', detail: '_MISSING' },
    ],
  },
];

const json: Case[] = [
  {
    name: 'cloudbuild.json steps[].name, with substitutions',
    input:
      '{\n  "substitutions": {"_GO": "1.22"},\n  "steps": [\n    {"name": "⟦golang:${_GO}⟧", "args": ["go", "test"]},\n    {"name": "⟦gcr.io/cloud-builders/gcloud⟧"}\n  ],\n  "images": ["gcr.io/p/app"]\n}\n',
    refs: [{ image: hub('golang:1.22') }, { image: 'gcr.io/cloud-builders/gcloud:latest' }],
  },
  {
    name: 'cloudbuild.json with a syntax error keeps what parsed',
    input: '{"steps": [{"name": "⟦alpine:3.20⟧"}, {"name": }]}',
    refs: [{ image: hub('alpine:3.20') }],
    problems: ['JSON syntax error'],
  },
];

describe('Cloud Build extraction (YAML)', () => runCases(yaml, extractCloudbuild, 'cloudbuild.yaml'));
describe('Cloud Build extraction (JSON)', () => runCases(json, extractCloudbuild, 'cloudbuild.json'));
