// The lookalike verdicts as a table: what a name imitates and how, or nothing. Names are written
// as a reference writes them and normalised as the product does.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Badge } from '../../../server/src/model/facts.js';
import { toImageName } from '../../../server/src/model/imageName.js';
import { judge } from '../../../server/src/policy/lookalike/judge.js';

/** [written name, badge, expected: "kind:name:how" or null] */
type Case = [string, Badge | null, string | null];

function verdict(written: string, badge: Badge | null): string | null {
  const parsed = toImageName(written);
  assert.ok(parsed.ok, written);
  const v = judge({ registry: parsed.value.registry, repository: parsed.value.repository, badge });
  if (!v) return null;
  const i = v.imitates;
  const name =
    i.kind === 'official'
      ? i.name
      : i.kind === 'namespace'
        ? `${i.namespace}${i.repository ? `/${i.repository}` : ''}`
        : i.host;
  return `${i.kind}:${name}:${v.how}`;
}

const truePositives: Case[] = [
  // an official name under a namespace without a badge (the badge is known: none)
  ['docker123321/tomcat', 'none', 'official:tomcat:same name'],
  ['docker123321/mysql', 'none', 'official:mysql:same name'],
  ['docker123321/tomcat11', 'none', 'official:tomcat:same name'],
  ['trezrez1187sourtour/ubuntu14.01', 'none', 'official:ubuntu:same name'],
  // small edits of official names, by the name alone
  ['ngnix', null, 'official:nginx:typo'],
  ['library/alpline', null, 'official:alpine:typo'],
  ['alpline:3.20', null, 'official:alpine:typo'],
  ['pyhton:3.12', null, 'official:python:typo'],
  ['ubunu', null, 'official:ubuntu:typo'],
  ['alpyne', null, 'official:alpine:typo'],
  ['ndoe:20', null, 'official:node:typo'],
  ['someone/ngnix', null, 'official:nginx:typo'],
  ['someone/ngnix', 'none', 'official:nginx:typo'],
  ['ghcr.io/someone/pyhton', null, 'official:python:typo'],
  ['localhost:5000/ngnix', null, 'official:nginx:typo'],
  // a dropped last letter reads as a slip even where the result is a word of its own
  ['someone/http', null, 'official:httpd:typo'],
  // look-alike characters and separators
  ['ng1nx', null, 'official:nginx:look-alike characters'],
  ['alp1ne', null, 'official:alpine:look-alike characters'],
  ['rn0ngo', null, 'official:mongo:look-alike characters'],
  ['hello_world', null, 'official:hello-world:look-alike characters'],
  ['rocketchat', null, 'official:rocket.chat:look-alike characters'],
  // a namespace imitating a well-known one
  ['bitnarni/redis', null, 'namespace:bitnami/redis:look-alike characters'],
  ['bitnarni/redis', 'none', 'namespace:bitnami/redis:look-alike characters'],
  ['bitnamii/postgresql', null, 'namespace:bitnami/postgresql:typo'],
  ['grafnaa/unknown', null, 'namespace:grafana:typo'],
  ['llnuxserver/plex', null, 'namespace:linuxserver/plex:look-alike characters'],
  // a registry host imitating a well-known one
  ['ghrc.io/acme/app', null, 'registry:ghcr.io:typo'],
  ['docker.i0/library/nginx', null, 'registry:docker.io:look-alike characters'],
  ['qauy.io/acme/app', null, 'registry:quay.io:typo'],
  ['gcr.lo/acme/app', null, 'registry:gcr.io:look-alike characters'],
  ['ghcr.com/acme/app', null, 'registry:ghcr.io:other top-level domain'],
  ['ghcr.io.example.net/acme/app', null, 'registry:ghcr.io:host prefix'],
  ['registryk8s.io/pause', null, 'registry:registry.k8s.io:typo'],
  ['mcr.rnicrosoft.com/dotnet/runtime', null, 'registry:mcr.microsoft.com:look-alike characters'],
  // a lookalike registry is reported whatever the badge of a Hub namespace of the same name says
  ['ghrc.io/bitnami/redis', null, 'registry:ghcr.io:typo'],
];

const trueNegatives: Case[] = [
  // the thing itself
  ['nginx', null, null],
  ['library/nginx:1.27', null, null],
  ['docker.io/library/alpine', null, null],
  ['bitnami/nginx', null, null],
  ['bitnami/nginx', 'none', null],
  ['ghcr.io/someone/tool', null, null],
  ['registry.k8s.io/pause', null, null],
  ['us-docker.pkg.dev/project/repo/image', null, null],
  ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/app', null, null],
  ['myregistry.azurecr.io/app', null, null],
  ['k8s.gcr.io/pause', null, null],
  ['registry-1.docker.io/library/nginx', null, null],
  ['192.168.1.10:5000/app', null, null],
  // a name that is another official image, or a well-known repository, is not a typo of one
  ['mongo', null, null],
  ['mono', null, null],
  ['docker/compose', null, null],
  ['someone/compose', null, null],
  // unrelated names
  ['someone/tool', null, null],
  ['someone/tool', 'none', null],
  ['nodes/api', null, null],
  ['someone/nodes', null, null],
  // a name that continues another is related, not a slip (`kubernetes`, `kubernetesui`)
  ['kubernetes/pause', null, null],
  ['someone/nginx-proxy', 'none', null],
  ['someone/alpine-linux', 'none', null],
  // a project under its own name is upstream
  ['postgrest/postgrest', null, null],
  ['espocrm/espocrm', 'none', null],
  ['rocketchat/rocket.chat', 'none', null],
  // a trailing version is not an edit
  ['someone/python3', null, null],
  ['someone/mysql8', null, null],
  // the other registry's host is itself well known
  ['gcr.io/distroless/static', null, null],
  ['icr.io/acme/app', null, null],
];

const badges: Case[] = [
  // a badge clears everything the name alone would say
  ['docker123321/tomcat', 'verified_publisher', null],
  ['someone/ngnix', 'open_source', null],
  ['bitnarni/redis', 'verified_publisher', null],
  ['ngnix', 'official', null],
  ['ghrc.io/acme/app', 'official', null],
  // an official name under another namespace needs the badge: unknown says nothing
  ['docker123321/tomcat', null, null],
  ['vibersastra/ubuntu', null, null],
  ['vibersastra/ubuntu', 'none', 'official:ubuntu:same name'],
  ['vibersastra/golang', 'none', 'official:golang:same name'],
  ['ohldm/nginx', 'none', 'official:nginx:same name'],
  // outside Docker Hub there is no badge: an official name there is not judged
  ['ghcr.io/someone/nginx', 'none', null],
  ['quay.io/someone/tomcat', null, null],
];

for (const [title, cases] of [
  ['true positives', truePositives],
  ['true negatives', trueNegatives],
  ['badges', badges],
] as const) {
  describe(`lookalike verdicts: ${title}`, () => {
    for (const [name, badge, want] of cases) {
      test(`${name} (badge ${badge ?? 'unknown'}) → ${want ?? 'nothing'}`, () =>
        assert.equal(verdict(name, badge), want));
    }
  });
}
