import { describe } from 'node:test';
import { extractAzurePipelines } from '../../../server/src/extract/azurePipelines.js';
import { hub, runCases, type Case } from './cases.js';

const cases: Case[] = [
  {
    name: 'resources.containers[].image; jobs naming the alias add nothing',
    input:
      'resources:\n  containers:\n    - container: linux\n      image: ⟦ubuntu:24.04⟧\n    - container: db\n      image: ⟦postgres:16⟧\njobs:\n  - job: build\n    container: linux\n    services:\n      postgres: db\n',
    refs: [{ image: hub('ubuntu:24.04'), pin: 'ubuntu:24.04' }, { image: hub('postgres:16') }],
  },
  {
    name: 'a container string that is no alias is an image',
    input:
      'pool:\n  vmImage: ubuntu-latest\ncontainer: ⟦mcr.microsoft.com/dotnet/sdk:8.0⟧\nsteps:\n  - script: dotnet build\n',
    refs: [{ image: 'mcr.microsoft.com/dotnet/sdk:8.0' }],
  },
  {
    name: 'container as {image, options}; services as images',
    input:
      'jobs:\n  - job: a\n    container:\n      image: ⟦node:20⟧\n      options: --cpus 2\n    services:\n      cache: ⟦redis:7⟧\n      db:\n        image: ⟦postgres:16⟧\n',
    refs: [{ image: hub('node:20') }, { image: hub('redis:7') }, { image: hub('postgres:16') }],
  },
  {
    name: 'jobs and deployment jobs inside stages',
    input:
      'stages:\n  - stage: test\n    jobs:\n      - job: unit\n        container: ⟦python:3.12⟧\n  - stage: deploy\n    jobs:\n      - deployment: prod\n        container: ⟦alpine:3.20⟧\n        environment: prod\n',
    refs: [{ image: hub('python:3.12') }, { image: hub('alpine:3.20') }],
  },
  {
    name: 'task inputs and step targets are never images',
    input:
      'resources:\n  containers:\n    - container: c\n      image: ⟦alpine:3.20⟧\nsteps:\n  - task: Docker@2\n    inputs:\n      repository: acme/app\n      containerRegistry: hub\n      command: buildAndPush\n  - script: make\n    target: c\n  - script: make\n    target:\n      container: host\n',
    refs: [{ image: hub('alpine:3.20') }],
  },
  {
    name: 'template expressions, macros and runtime expressions are skip variable',
    input:
      'resources:\n  containers:\n    - container: a\n      image: ⟦${{ parameters.image }}⟧\n    - container: b\n      image: ⟦node:$(nodeVersion)⟧\ncontainer: ⟦$[ variables.img ]⟧\n',
    refs: [
      { skip: 'variable', detail: 'parameters.image' },
      { skip: 'variable', detail: '$(nodeVersion)' },
      { skip: 'variable', detail: 'variables.img' },
    ],
  },
];

describe('Azure Pipelines extraction', () => runCases(cases, extractAzurePipelines, 'azure-pipelines.yml'));
