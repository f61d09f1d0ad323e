import { describe } from 'node:test';
import { extractHelmValues } from '../../../server/src/extract/helmValues.js';
import { D, hub, runCases, type Case } from './cases.js';

const cases: Case[] = [
  {
    name: 'image: string value',
    input: 'image: ⟦nginx:1.27⟧\n',
    refs: [{ image: hub('nginx:1.27'), pin: 'nginx:1.27', pinKind: 'reference' }],
  },
  {
    name: 'map with registry, repository, tag: range is the repository; insert digest after tag line',
    input:
      'image:\n  registry: quay.io\n  repository: ⟦prometheus/node-exporter⟧\n  tag: v1.8.2\n  pullPolicy: IfNotPresent\n',
    refs: [
      {
        image: 'quay.io/prometheus/node-exporter:v1.8.2',
        registry: 'quay.io',
        repository: 'prometheus/node-exporter',
        tag: 'v1.8.2',
        pinKind: 'insert-digest-field',
        pin: '\n  digest: ',
        pinAt: [3, 13],
      },
    ],
  },
  {
    name: 'map without registry defaults to docker.io',
    input: 'image:\n  repository: ⟦bitnami/redis⟧\n  tag: "7.2.5"\n',
    refs: [{ image: 'docker.io/bitnami/redis:7.2.5', pinAt: [2, 14] }],
  },
  {
    name: 'existing digest: pin site is its value; image has tag and digest',
    input: `image:\n  repository: ⟦nginx⟧\n  tag: "1.27"\n  digest: "${D}"\n`,
    refs: [{ image: `${hub('nginx:1.27')}@${D}`, digest: D, pinKind: 'digest-value', pin: D, pinAt: [3, 11] }],
  },
  {
    name: 'empty digest "": pin site is the empty range inside the quotes',
    input: 'image:\n  repository: ⟦nginx⟧\n  tag: "1.27"\n  digest: ""\n',
    refs: [{ image: hub('nginx:1.27'), digest: null, pinKind: 'digest-value', pin: '', pinAt: [3, 11] }],
  },
  {
    name: 'digest: with no value: insert a space and the digest after the colon',
    input: 'image:\n  repository: ⟦nginx⟧\n  tag: "1.27"\n  digest:\n',
    refs: [{ image: hub('nginx:1.27'), pinKind: 'insert-digest-field', pin: ' ', pinAt: [3, 9] }],
  },
  {
    name: 'numeric tag keeps its written form (1.10, not 1.1)',
    input: 'image:\n  repository: ⟦postgres⟧\n  tag: 1.10\n',
    refs: [{ image: hub('postgres:1.10'), tag: '1.10' }],
  },
  {
    name: 'keys ending in Image, at any depth',
    input:
      'controller:\n  initImage:\n    repository: ⟦busybox⟧\n    tag: "1.36"\n  sidecarImage: ⟦envoyproxy/envoy:v1.30.1⟧\n  imagePullPolicy: Always\n',
    refs: [{ image: hub('busybox:1.36') }, { image: 'docker.io/envoyproxy/envoy:v1.30.1' }],
  },
  {
    name: 'empty tag: skip variable (chart appVersion), no image',
    input: 'image:\n  repository: ⟦ghcr.io/acme/app⟧\n  tag: ""\n',
    refs: [{ skip: 'variable', image: null, tag: null, detail: 'tag is empty' }],
  },
  {
    name: 'missing tag: skip variable',
    input: 'image:\n  repository: ⟦ghcr.io/acme/app⟧\n  pullPolicy: Always\n',
    refs: [{ skip: 'variable', detail: 'no tag' }],
  },
  {
    name: 'empty tag with a digest: tag null, image by digest',
    input: `image:\n  repository: ⟦nginx⟧\n  tag: ""\n  digest: ${D}\n`,
    refs: [{ image: `${hub('nginx')}@${D}`, tag: null, digest: D, pinKind: 'digest-value' }],
  },
  {
    name: 'template tag: skip variable naming the tag',
    input: 'image:\n  repository: ⟦nginx⟧\n  tag: "{{ .Chart.AppVersion }}"\n',
    refs: [{ skip: 'variable', detail: 'the tag is a template' }],
  },
  {
    name: 'empty repository: skip invalid at the empty value',
    input: 'image:\n  repository: "⟦⟧"\n  tag: "1"\n',
    refs: [{ skip: 'invalid', image: null, detail: 'repository is empty', pin: null }],
  },
  {
    name: 'missing repository: skip invalid at the key',
    input: '⟦image⟧:\n  tag: "1"\n',
    refs: [{ skip: 'invalid', detail: 'no repository' }],
  },
  {
    name: 'image maps without image fields are not references',
    input: 'image:\n  pullPolicy: IfNotPresent\nimage2: nope\n',
    refs: [],
  },
  {
    name: 'flow map: insert ", digest: " after the tag value',
    input: 'sidecarImage: {repository: ⟦busybox⟧, tag: "1.36"}\n',
    refs: [{ image: hub('busybox:1.36'), pinKind: 'insert-digest-field', pin: ', digest: ', pinAt: [0, 47] }],
  },
  {
    name: 'anchored image map reused by alias: one reference',
    input: 'a:\n  image: &img\n    repository: ⟦redis⟧\n    tag: "7"\nb:\n  image: *img\n',
    refs: [{ image: hub('redis:7') }],
  },
  {
    name: 'merge key into an image map does not duplicate',
    input: 'x: &base\n  image: ⟦nginx:1⟧\ny:\n  <<: *base\n',
    refs: [{ image: hub('nginx:1') }],
  },
  {
    name: 'string image with template is skip variable',
    input: 'image: "⟦{{ .Values.global.registry }}/app:1⟧"\n',
    refs: [{ skip: 'variable' }],
  },
  {
    name: 'booleans and nulls under image keys are ignored',
    input: 'image: ~\nuseImage: true\nsomeImage: ""\n',
    refs: [],
  },
  {
    name: 'malformed YAML: a problem with its line',
    input: 'image: ⟦nginx⟧\nother: [\n',
    refs: [{ image: hub('nginx:latest') }],
    problems: ['(line'],
  },
  {
    name: 'keys ending in _image, image and Image',
    input:
      'backup_image: ⟦postgres:16⟧\nmetricsimage:\n  repository: ⟦prom/statsd-exporter⟧\n  tag: v0.26.0\ninitImage: ⟦busybox:1.36⟧\nimages: [nginx]\nimagePullPolicy: Always\n',
    refs: [
      { image: hub('postgres:16') },
      { image: 'docker.io/prom/statsd-exporter:v0.26.0' },
      { image: hub('busybox:1.36') },
    ],
  },
];

describe('helm values extraction', () => runCases(cases, extractHelmValues, 'values.yaml'));
