import { describe } from 'node:test';
import { extractKustomize } from '../../../server/src/extract/kustomize.js';
import { D, hub, runCases, type Case } from './cases.js';

const cases: Case[] = [
  {
    name: 'name + newTag: reference at name, digest inserted after the last line',
    input: 'images:\n- name: ⟦nginx⟧\n  newTag: "1.27"\n',
    refs: [{ image: hub('nginx:1.27'), pinKind: 'insert-digest-field', pin: '\n  digest: ', pinAt: [2, 16] }],
  },
  {
    name: 'a tag written in name (no newTag): the pin writes it out as newTag before the digest',
    input: 'images:\n  - name: ⟦nginx:1.2⟧\n',
    refs: [
      {
        image: hub('nginx:1.2'),
        pinKind: 'insert-digest-field',
        pin: '\n    newTag: "1.2"\n    digest: ',
        pinAt: [1, 19],
      },
    ],
  },
  {
    name: 'flow entry with a tag in name: newTag and digest inserted inline',
    input: 'images: [{name: ⟦nginx:1.2⟧}]\n',
    refs: [
      { image: hub('nginx:1.2'), pinKind: 'insert-digest-field', pin: ', newTag: "1.2", digest: ', pinAt: [0, 25] },
    ],
  },
  {
    name: 'newName: reference at newName',
    input: 'images:\n  - name: postgres\n    newName: ⟦my.registry.io/db/postgres⟧\n    newTag: "16.3"\n',
    refs: [
      { image: 'my.registry.io/db/postgres:16.3', registry: 'my.registry.io', pinAt: [3, 18], pin: '\n    digest: ' },
    ],
  },
  {
    name: 'existing digest: digest-value pin site',
    input: `images:\n- name: ⟦redis⟧\n  digest: ${D}\n`,
    refs: [{ image: `${hub('redis')}@${D}`, digest: D, tag: null, pinKind: 'digest-value', pin: D, pinAt: [2, 10] }],
  },
  {
    name: 'newTag and digest together',
    input: `images:\n- name: app\n  newName: ⟦ghcr.io/acme/app⟧\n  newTag: v2\n  digest: "${D}"\n`,
    refs: [{ image: `ghcr.io/acme/app:v2@${D}`, tag: 'v2', digest: D }],
  },
  {
    name: 'newName only: tag unknown, skip variable',
    input: 'images:\n- name: nginx\n  newName: ⟦my.registry/nginx⟧\n',
    refs: [{ skip: 'variable', detail: 'no newTag or digest' }],
  },
  {
    name: 'name with a tag and no newTag: the written tag',
    input: 'images:\n- name: ⟦nginx:1.25⟧\n',
    refs: [{ image: hub('nginx:1.25') }],
  },
  {
    name: 'numeric newTag keeps its written form',
    input: 'images:\n- name: ⟦postgres⟧\n  newTag: 16.10\n',
    refs: [{ image: hub('postgres:16.10'), tag: '16.10' }],
  },
  {
    name: 'several entries, flow entry',
    input: 'images:\n- {name: ⟦a⟧, newTag: "1"}\n- name: ⟦b⟧\n  newTag: "2"\n',
    refs: [{ image: hub('a:1'), pin: ', digest: ', pinAt: [1, 23] }, { image: hub('b:2') }],
  },
  {
    name: 'digest: with no value: insert the digest after the colon',
    input: 'images:\n- name: ⟦nginx⟧\n  newTag: "1"\n  digest:\n',
    refs: [{ image: hub('nginx:1'), pinKind: 'insert-digest-field', pin: ' ', pinAt: [3, 9] }],
  },
  {
    name: 'invalid newName',
    input: 'images:\n- name: x\n  newName: ⟦Bad/Name⟧\n  newTag: "1"\n',
    refs: [{ skip: 'invalid', image: null }],
  },
  { name: 'no images', input: 'resources:\n- deployment.yaml\n', refs: [] },
  {
    name: 'other keys are not references',
    input: 'resources: [a.yaml]\nreplacements:\n- source: {name: nginx}\nimages:\n- name: ⟦nginx⟧\n  newTag: "1"\n',
    refs: [{}],
  },
  {
    name: 'malformed kustomization',
    input: 'images:\n- name: ⟦nginx⟧\n  newTag: "1"\nresources: [\n',
    refs: [{}],
    problems: ['YAML syntax error'],
  },
];

describe('kustomize extraction', () => runCases(cases, extractKustomize, 'kustomization.yaml'));
