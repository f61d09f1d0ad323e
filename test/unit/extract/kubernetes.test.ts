import { describe } from 'node:test';
import { extractKubernetes } from '../../../server/src/extract/kubernetes.js';
import { D, hub, runCases, type Case } from './cases.js';

const pod = (containers: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${containers}`;

const cases: Case[] = [
  {
    name: 'Pod containers and initContainers',
    input: pod(
      '  initContainers:\n  - name: init\n    image: ⟦busybox:1.36⟧\n  containers:\n  - name: app\n    image: ⟦nginx:1.27⟧\n',
    ),
    refs: [{ image: hub('busybox:1.36'), pin: 'busybox:1.36' }, { image: hub('nginx:1.27') }],
  },
  {
    name: 'ephemeralContainers',
    input: pod('  ephemeralContainers:\n  - name: debug\n    image: "⟦busybox⟧"\n'),
    refs: [{ image: hub('busybox:latest') }],
  },
  {
    name: 'Deployment pod template',
    input:
      'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: ⟦ghcr.io/acme/api:2.1⟧\n          ports: [{containerPort: 80}]\n',
    refs: [{ image: 'ghcr.io/acme/api:2.1', registry: 'ghcr.io' }],
  },
  {
    name: 'CronJob jobTemplate',
    input: `apiVersion: batch/v1\nkind: CronJob\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - image: ⟦alpine@${D}⟧\n`,
    refs: [{ image: `${hub('alpine')}@${D}`, digest: D, tag: null }],
  },
  {
    name: 'kind: List items',
    input:
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  spec:\n    containers: [{name: a, image: ⟦redis:7⟧}]\n- apiVersion: v1\n  kind: Pod\n  spec:\n    containers:\n    - image: ⟦memcached:1.6⟧\n',
    refs: [{ image: hub('redis:7') }, { image: hub('memcached:1.6') }],
  },
  {
    name: 'custom resource with containers at any depth',
    input:
      'apiVersion: example.com/v1\nkind: Workflow\nspec:\n  steps:\n    - template:\n        containers:\n          - image: ⟦python:3.12-slim⟧\n',
    refs: [{ image: hub('python:3.12-slim') }],
  },
  {
    name: 'image volumes',
    input: pod(
      '  containers:\n  - image: ⟦nginx⟧\n  volumes:\n  - name: data\n    image:\n      reference: ⟦quay.io/crio/artifact:v2⟧\n      pullPolicy: IfNotPresent\n  - name: tmp\n    emptyDir: {}\n',
    ),
    refs: [{ image: hub('nginx:latest') }, { image: 'quay.io/crio/artifact:v2' }],
  },
  {
    name: 'multiple documents, one without apiVersion/kind ignored',
    input:
      pod('  containers:\n  - image: ⟦a:1⟧\n') +
      '---\nspec:\n  containers:\n  - image: not-k8s\n---\n' +
      pod('  containers:\n  - image: ⟦b:2⟧\n'),
    refs: [{ image: hub('a:1') }, { image: hub('b:2') }],
  },
  {
    name: 'image keys outside container lists are not references',
    input: pod('  containers:\n  - image: ⟦nginx⟧\n  metadata:\n    image: something\n'),
    refs: [{}],
  },
  {
    name: 'quoted Helm template value is skip variable',
    input: pod('  containers:\n  - image: "⟦{{ .Values.image.repository }}:{{ .Values.image.tag }}⟧"\n'),
    refs: [{ skip: 'variable', image: null, detail: 'template' }],
  },
  {
    name: 'unquoted {{ }} parses as a flow map: still one variable reference',
    input: pod('  containers:\n  - image: ⟦{{ .Values.image }}⟧\n'),
    refs: [{ skip: 'variable', detail: 'template' }],
  },
  {
    name: 'Helm template that breaks YAML: conservative line scan',
    input:
      '{{- if .Values.enabled }}\napiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: ⟦nginx:1.27⟧ # ok\n  - image: "⟦{{ .Values.sidecar }}⟧"\n  - image: ⟦{{ .Values.x | default "a" }}:1⟧\n  - image: [weird\n{{- end }}\n',
    refs: [{ image: hub('nginx:1.27') }, { skip: 'variable' }, { skip: 'variable' }],
    problems: ['YAML syntax error'],
  },
  {
    name: 'anchored container reused by alias: one reference',
    input: pod('  initContainers:\n  - &c\n    name: a\n    image: ⟦alpine:3⟧\n  containers:\n  - *c\n'),
    refs: [{ image: hub('alpine:3') }],
  },
  {
    name: 'alias bomb is never expanded',
    input:
      'apiVersion: v1\nkind: Pod\nx: &a [z, z, z, z, z, z, z, z, z]\ny: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nw: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nv: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\nu: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nspec:\n  containers: [{image: ⟦nginx⟧}]\n',
    refs: [{ image: hub('nginx:latest') }],
  },
  {
    name: 'invalid image is skip invalid',
    input: pod('  containers:\n  - image: ⟦nginx:1.2:3⟧\n'),
    refs: [{ skip: 'invalid', image: null, pin: null }],
  },
  {
    name: 'a flow-style document',
    input:
      '{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: a, image: ⟦nginx:1.27⟧}, {name: b, image: "⟦redis:7⟧"}]}}\n',
    refs: [{ image: hub('nginx:1.27'), pin: 'nginx:1.27' }, { image: hub('redis:7') }],
  },
  {
    name: 'Tekton Task: steps, sidecars and stepTemplate',
    input:
      'apiVersion: tekton.dev/v1\nkind: Task\nspec:\n  stepTemplate:\n    image: ⟦alpine:3.20⟧\n  steps:\n    - name: build\n      image: ⟦golang:1.22⟧\n      script: go build\n    - name: inherit\n      script: echo\n  sidecars:\n    - name: docker\n      image: ⟦docker:27-dind⟧\n',
    refs: [{ image: hub('alpine:3.20') }, { image: hub('golang:1.22') }, { image: hub('docker:27-dind') }],
  },
  {
    name: 'Tekton Pipeline with an embedded taskSpec',
    input:
      'apiVersion: tekton.dev/v1\nkind: Pipeline\nspec:\n  tasks:\n    - name: t\n      taskSpec:\n        steps:\n          - image: ⟦python:3.12⟧\n            script: pytest\n',
    refs: [{ image: hub('python:3.12') }],
  },
  {
    name: 'Argo Workflow: container, script and containerSet templates; steps name no image',
    input:
      'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec:\n  entrypoint: main\n  templates:\n    - name: main\n      steps:\n        - - name: a\n            template: say\n    - name: say\n      container:\n        image: ⟦alpine:3.20⟧\n        command: [echo]\n    - name: calc\n      script:\n        image: ⟦python:3.12⟧\n        source: print(1)\n    - name: set\n      containerSet:\n        containers:\n          - name: x\n            image: ⟦busybox:1.36⟧\n',
    refs: [{ image: hub('alpine:3.20') }, { image: hub('python:3.12') }, { image: hub('busybox:1.36') }],
  },
  {
    name: 'Argo WorkflowTemplate templates under workflowSpec (CronWorkflow)',
    input:
      'apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nspec:\n  workflowSpec:\n    templates:\n      - name: t\n        container:\n          image: ⟦redis:7⟧\n',
    refs: [{ image: hub('redis:7') }],
  },
];

describe('kubernetes extraction', () => runCases(cases, extractKubernetes, 'deploy.yaml'));
