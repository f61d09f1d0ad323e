import { describe } from 'node:test';
import { extractCompose } from '../../../server/src/extract/compose.js';
import { D, hub, runCases, type Case } from './cases.js';

const cases: Case[] = [
  {
    name: 'services.*.image, plain and quoted',
    input:
      'services:\n  web:\n    image: ⟦nginx:1.27⟧\n  db:\n    image: "⟦postgres:16⟧"\n  cache:\n    image: \'⟦redis⟧\'\n',
    refs: [
      { image: hub('nginx:1.27'), skip: null, pin: 'nginx:1.27', pinKind: 'reference' },
      { image: hub('postgres:16'), pin: 'postgres:16' },
      { image: hub('redis:latest'), tag: 'latest' },
    ],
  },
  {
    name: 'registry, port and digest',
    input: `services:\n  a:\n    image: ⟦localhost:5000/team/app:dev@${D}⟧\n`,
    refs: [
      {
        image: `localhost:5000/team/app:dev@${D}`,
        registry: 'localhost:5000',
        repository: 'team/app',
        tag: 'dev',
        digest: D,
      },
    ],
  },
  {
    name: 'a service that builds its image is skip built',
    input: 'services:\n  app:\n    build: .\n    image: ⟦acme/app:dev⟧\n  db:\n    image: ⟦postgres:16⟧\n',
    refs: [{ skip: 'built', image: 'docker.io/acme/app:dev', detail: 'build', pin: null }, { skip: null }],
  },
  {
    name: 'a service with build and no image has no reference',
    input: 'services:\n  app:\n    build:\n      context: .\n  web:\n    image: ⟦nginx⟧\n',
    refs: [{ image: hub('nginx:latest') }],
  },
  {
    name: '${VAR:-default} resolves, text as written, no pin site',
    input: 'services:\n  a:\n    image: ⟦${REGISTRY:-ghcr.io}/acme/app:${TAG:-1.2}⟧\n',
    refs: [{ image: 'ghcr.io/acme/app:1.2', skip: null, pin: null }],
  },
  {
    name: '${VAR-default} resolves',
    input: 'services:\n  a:\n    image: "⟦redis:${REDIS_TAG-7.2}⟧"\n',
    refs: [{ image: hub('redis:7.2') }],
  },
  {
    name: 'nested default',
    input: 'services:\n  a:\n    image: ⟦${A:-${B:-alpine}}:3⟧\n',
    refs: [{ image: hub('alpine:3') }],
  },
  {
    name: '${VAR} without default is skip variable naming it',
    input: 'services:\n  a:\n    image: ⟦${APP_IMAGE}⟧\n  b:\n    image: ⟦nginx:$NGINX_TAG⟧\n',
    refs: [
      { skip: 'variable', image: null, detail: 'APP_IMAGE', pin: null },
      { skip: 'variable', detail: 'NGINX_TAG' },
    ],
  },
  {
    name: '${VAR:?error} is required, skip variable',
    input: 'services:\n  a:\n    image: ⟦${IMG:?set IMG}⟧\n',
    refs: [{ skip: 'variable', detail: 'IMG' }],
  },
  {
    name: '$$ is a literal dollar (then invalid as a name)',
    input: 'services:\n  a:\n    image: ⟦nginx$$x⟧\n',
    refs: [{ skip: 'invalid', image: null }],
  },
  {
    name: 'x-* extension fields at any depth',
    input:
      'x-images:\n  base:\n    image: ⟦alpine:3.20⟧\n  tools:\n    - image: ⟦busybox:1.36⟧\nservices:\n  a:\n    image: ⟦nginx⟧\n',
    refs: [{ image: hub('alpine:3.20') }, { image: hub('busybox:1.36') }, { image: hub('nginx:latest') }],
  },
  {
    name: 'image keys outside services and x-* are not references',
    input: 'volumes:\n  data:\n    image: not-a-ref\nservices:\n  a:\n    image: ⟦nginx⟧\n',
    refs: [{ image: hub('nginx:latest') }],
  },
  {
    name: 'merge key <<: *base: one reference, where written',
    input:
      'x-base: &base\n  image: ⟦python:3.12⟧\n  restart: always\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n    command: x\n',
    refs: [{ image: hub('python:3.12') }],
  },
  {
    name: 'merge key list and service overriding the image',
    input:
      'x-a: &a\n  image: ⟦alpine⟧\nx-b: &b\n  restart: always\nservices:\n  one:\n    <<: [*b, *a]\n  two:\n    <<: *a\n    image: ⟦debian:12⟧\n',
    refs: [{ image: hub('alpine:latest') }, { image: hub('debian:12') }],
  },
  {
    name: 'alias as image value: reported at the anchor only',
    input: 'x-img: &img ⟦redis:7⟧\nservices:\n  a:\n    image: *img\n  b:\n    image: *img\n',
    refs: [{ image: hub('redis:7') }],
  },
  {
    name: 'anchor defined on a service image',
    input: 'services:\n  a:\n    image: &shared ⟦node:20⟧\n  b:\n    image: *shared\n',
    refs: [{ image: hub('node:20') }],
  },
  {
    name: 'constant platform is carried',
    input:
      'services:\n  a:\n    platform: linux/arm64\n    image: ⟦alpine⟧\n  b:\n    platform: ${P}\n    image: ⟦alpine:3⟧\n',
    refs: [{ platform: 'linux/arm64' }, { platform: null }],
  },
  {
    name: 'uppercase name is invalid with the grammar message',
    input: 'services:\n  a:\n    image: ⟦Nginx⟧\n',
    refs: [{ skip: 'invalid', image: null, detail: 'lowercase', pin: null }],
  },
  {
    name: 'escaped double-quoted string cannot be mapped: whole value, invalid',
    input: 'services:\n  a:\n    image: ⟦"nginx\\x3a1"⟧\n',
    refs: [{ skip: 'invalid', detail: 'cannot be mapped' }],
  },
  {
    name: 'single-line block scalar maps to its content',
    input: 'services:\n  a:\n    image: >-\n      ⟦nginx:1.27⟧\n',
    refs: [{ image: hub('nginx:1.27') }],
  },
  {
    name: 'empty and null images are not references',
    input: 'services:\n  a:\n    image: ""\n  b:\n    image:\n  c:\n    image: ⟦nginx⟧\n',
    refs: [{ image: hub('nginx:latest') }],
  },
  {
    name: 'trailing comment and CRLF line endings',
    input: 'services:\r\n  a:\r\n    image: ⟦nginx:1.27⟧ # pinned later\r\n',
    refs: [{ image: hub('nginx:1.27') }],
  },
  {
    name: 'malformed YAML: references before the error, one problem with its line',
    input: 'services:\n  a:\n    image: ⟦nginx⟧\n  b:\n    image: [oops\n',
    refs: [{ image: hub('nginx:latest') }],
    problems: ['YAML syntax error'],
  },
  {
    name: 'pre_start hooks that name their own image; post_start and pre_stop name none',
    input:
      'services:\n  app:\n    image: ⟦acme/app:2⟧\n    pre_start:\n      - image: ⟦busybox:1.36⟧\n        command: chown -R 1000 /data\n      - command: ./migrate\n      - image: "⟦alpine:3.20⟧"\n    post_start:\n      - command: ./warm\n        image: not-read\n    pre_stop:\n      - command: ./flush\n',
    refs: [
      { image: 'docker.io/acme/app:2' },
      { image: hub('busybox:1.36'), pin: 'busybox:1.36' },
      { image: hub('alpine:3.20') },
    ],
  },
  {
    name: 'pre_start through a merge key: reported once, where written',
    input:
      'x-hooks: &hooks\n  pre_start:\n    - image: ⟦busybox:1.36⟧\nservices:\n  a:\n    <<: *hooks\n    image: ⟦nginx:1.27⟧\n  b:\n    <<: *hooks\n    image: ⟦redis:7⟧\n',
    refs: [{ image: hub('busybox:1.36') }, { image: hub('nginx:1.27') }, { image: hub('redis:7') }],
  },
];

describe('compose extraction', () => runCases(cases, extractCompose, 'docker-compose.yml'));
