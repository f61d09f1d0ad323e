import { describe } from 'node:test';
import { extractQuadlet } from '../../../server/src/extract/quadlet.js';
import { D, hub, runCases, type Case } from './cases.js';

const container: Case[] = [
  {
    name: '[Container] Image=, with labels and other keys around',
    input:
      '[Unit]\nDescription=web\n\n[Container]\nLabel=image=nginx:0\nImage=⟦docker.io/library/nginx:1.27⟧\nPublishPort=8080:80\n\n[Install]\nWantedBy=default.target\n',
    refs: [{ image: hub('nginx:1.27'), pin: 'docker.io/library/nginx:1.27' }],
  },
  {
    name: 'blanks around = and at the end',
    input: '[Container]\nImage =  ⟦quay.io/podman/hello:latest⟧  \n',
    refs: [{ image: 'quay.io/podman/hello:latest' }],
  },
  {
    name: 'a docker:// transport is not part of the name',
    input: `[Container]\nImage=docker://⟦ghcr.io/acme/app@${D}⟧\n`,
    refs: [{ image: `ghcr.io/acme/app@${D}`, pin: `ghcr.io/acme/app@${D}` }],
  },
  {
    name: 'the last Image= of the section counts',
    input: '[Container]\nImage=alpine:3.19\nImage=⟦alpine:3.20⟧\n',
    refs: [{ image: hub('alpine:3.20') }],
  },
  { name: 'Image= naming another quadlet unit', input: '[Container]\nImage=app.image\n', refs: [] },
  { name: 'Image= naming a .build unit', input: '[Container]\nImage=app.build\n', refs: [] },
  { name: 'local transports name no registry image', input: '[Container]\nImage=oci-archive:/srv/app.tar\n', refs: [] },
  {
    name: 'Image= in another section is not read',
    input: '[Service]\nImage=nginx:1.27\n[Container]\nExec=true\n',
    refs: [],
  },
  {
    name: 'comments with ; and #',
    input: '[Container]\n# Image=evil:1\n; Image=evil:2\nImage=⟦redis:7⟧\n',
    refs: [{ image: hub('redis:7') }],
  },
  { name: 'a quoted value', input: '[Container]\nImage="⟦redis:7⟧"\n', refs: [{ image: hub('redis:7') }] },
  {
    name: 'a %specifier is skip variable',
    input: '[Container]\nImage=⟦registry.example.com/%u/app:1⟧\n',
    refs: [{ skip: 'variable', detail: '%u' }],
  },
  {
    name: 'a value continued over lines is reported whole, invalid',
    input: '[Container]\nImage=⟦docker.io/library/\\\nnginx:1.27⟧\n',
    refs: [{ skip: 'invalid', pin: null }],
  },
  {
    name: 'CRLF line ends',
    input: '[Container]\r\nImage=⟦nginx:1.27⟧\r\nExec=x\r\n',
    refs: [{ image: hub('nginx:1.27') }],
  },
];

describe('quadlet .container extraction', () => runCases(container, extractQuadlet, 'web.container'));
describe('quadlet .image extraction', () =>
  runCases(
    [
      {
        name: '[Image] Image=',
        input: '[Image]\nImage=⟦quay.io/fedora/fedora:40⟧\nArch=aarch64\n',
        refs: [{ image: 'quay.io/fedora/fedora:40' }],
      },
    ],
    extractQuadlet,
    'base.image',
  ));
describe('quadlet .volume extraction', () =>
  runCases(
    [
      {
        name: '[Volume] Driver=image',
        input: '[Volume]\nDriver=image\nImage=⟦quay.io/acme/data:1⟧\n',
        refs: [{ image: 'quay.io/acme/data:1' }],
      },
      { name: '[Volume] naming an .image unit', input: '[Volume]\nDriver=image\nImage=data.image\n', refs: [] },
    ],
    extractQuadlet,
    'data.volume',
  ));
