// Spans (offsets of each written component) and this product's rules on top of the Go grammar.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  familiarName,
  isDockerHub,
  parseNormalized,
  parseReference,
  toImageName,
  type Span,
} from '../../../server/src/model/imageName.js';
import { assertSpansSlice } from './reference-assert.js';

const D = `sha256:${'0123456789abcdef'.repeat(4)}`;
const slice = (input: string, s: Span | null): string | null => (s === null ? null : input.slice(s.start, s.end));

describe('spans of a normalised reference slice the input to the written components', () => {
  const cases: { input: string; domain: string | null; path: string; tag: string | null; digest: string | null }[] = [
    { input: 'nginx', domain: null, path: 'nginx', tag: null, digest: null },
    { input: 'nginx:1.27', domain: null, path: 'nginx', tag: '1.27', digest: null },
    { input: 'bitnami/redis:7', domain: null, path: 'bitnami/redis', tag: '7', digest: null },
    { input: 'ghcr.io/org/app:v1', domain: 'ghcr.io', path: 'org/app', tag: 'v1', digest: null },
    {
      input: 'index.docker.io/library/nginx:1',
      domain: 'index.docker.io',
      path: 'library/nginx',
      tag: '1',
      digest: null,
    },
    { input: 'index.docker.io/nginx', domain: 'index.docker.io', path: 'nginx', tag: null, digest: null },
    { input: 'docker.io/single', domain: 'docker.io', path: 'single', tag: null, digest: null },
    { input: 'registry-1.docker.io/nginx:1', domain: 'registry-1.docker.io', path: 'nginx', tag: '1', digest: null },
    { input: 'localhost:5000/x', domain: 'localhost:5000', path: 'x', tag: null, digest: null },
    { input: 'localhost/x:y', domain: 'localhost', path: 'x', tag: 'y', digest: null },
    { input: '[::1]:5000/x', domain: '[::1]:5000', path: 'x', tag: null, digest: null },
    { input: `nginx:1.27@${D}`, domain: null, path: 'nginx', tag: '1.27', digest: D },
    { input: `ghcr.io/a/b/c:t@${D}`, domain: 'ghcr.io', path: 'a/b/c', tag: 't', digest: D },
    { input: `docker.io/x@${D}`, domain: 'docker.io', path: 'x', tag: null, digest: D },
    { input: 'Foo/bar', domain: 'Foo', path: 'bar', tag: null, digest: null },
  ];
  for (const tc of cases) {
    test(tc.input, () => {
      const n = parseNormalized(tc.input);
      const image = toImageName(tc.input);
      assert.ok(n.ok && image.ok);
      for (const spans of [n.value.spans, image.value.spans]) {
        assert.equal(slice(tc.input, spans.domain), tc.domain, 'domain');
        assert.equal(slice(tc.input, spans.path), tc.path, 'path');
        assert.equal(slice(tc.input, spans.tag), tc.tag, 'tag');
        assert.equal(slice(tc.input, spans.digest), tc.digest, 'digest');
        const name = tc.domain === null ? tc.path : `${tc.domain}/${tc.path}`;
        assert.equal(slice(tc.input, spans.name), name, 'name');
      }
      // parseReference (Go's Parse) may split differently ("bitnami" is a domain there) but its
      // spans also slice to exactly its components
      const p = parseReference(tc.input);
      assert.ok(p.ok);
      assertSpansSlice(tc.input, p.value);
    });
  }
  test('a.b_c/d: Go takes the first component as path, so there is no domain span', () => {
    const n = parseNormalized('a.b_c/d:t');
    assert.ok(n.ok);
    assert.equal(n.value.domain, '');
    assert.equal(n.value.spans.domain, null);
    assert.equal(slice('a.b_c/d:t', n.value.spans.path), 'a.b_c/d');
    assert.equal(slice('a.b_c/d:t', n.value.spans.tag), 't');
  });
});

describe('product rule: registry-1.docker.io is Docker Hub in toImageName only', () => {
  test('parseNormalized stays faithful to Go: registry-1.docker.io is an ordinary domain', () => {
    const n = parseNormalized('registry-1.docker.io/nginx');
    assert.ok(n.ok);
    assert.equal(n.value.domain, 'registry-1.docker.io');
    assert.equal(n.value.path, 'nginx');
  });
  const cases: { input: string; image: string; repository: string }[] = [
    { input: 'registry-1.docker.io/nginx', image: 'docker.io/library/nginx:latest', repository: 'library/nginx' },
    {
      input: 'registry-1.docker.io/library/nginx:1.27',
      image: 'docker.io/library/nginx:1.27',
      repository: 'library/nginx',
    },
    { input: 'registry-1.docker.io/bitnami/redis:7', image: 'docker.io/bitnami/redis:7', repository: 'bitnami/redis' },
    { input: `registry-1.docker.io/nginx@${D}`, image: `docker.io/library/nginx@${D}`, repository: 'library/nginx' },
  ];
  for (const tc of cases) {
    test(`toImageName(${tc.input}) → ${tc.image}`, () => {
      const r = toImageName(tc.input);
      assert.ok(r.ok);
      assert.equal(r.value.registry, 'docker.io');
      assert.equal(r.value.repository, tc.repository);
      assert.equal(r.value.image, tc.image);
    });
  }
  test('isDockerHub: docker.io, index.docker.io, registry-1.docker.io in any case; nothing else', () => {
    // one rule for policy and the hub: a host name compares without case (`Docker.io` reaches Docker Hub)
    const hub = ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'Docker.io', 'INDEX.docker.io'];
    const other = ['ghcr.io', 'docker.io:443', 'hub.docker.com', 'localhost'];
    assert.deepEqual(hub.map(isDockerHub), [true, true, true, true, true]);
    assert.deepEqual(other.map(isDockerHub), [false, false, false, false]);
  });
  test('familiarName treats registry-1.docker.io as Docker Hub (Go would keep the domain)', () => {
    assert.equal(familiarName('registry-1.docker.io', 'library/nginx'), 'nginx');
    assert.equal(familiarName('docker.io', 'library/nginx'), 'nginx');
    assert.equal(familiarName('docker.io', 'library/a/b'), 'library/a/b');
    assert.equal(familiarName('ghcr.io', 'library/nginx'), 'ghcr.io/library/nginx');
  });
});

describe('product rule: tag defaults and tag+digest', () => {
  const cases: { input: string; tag: string | null; tagImplied: boolean; digest: string | null; image: string }[] = [
    { input: 'nginx', tag: 'latest', tagImplied: true, digest: null, image: 'docker.io/library/nginx:latest' },
    { input: 'nginx:latest', tag: 'latest', tagImplied: false, digest: null, image: 'docker.io/library/nginx:latest' },
    { input: `nginx@${D}`, tag: null, tagImplied: false, digest: D, image: `docker.io/library/nginx@${D}` },
    { input: `nginx:1.27@${D}`, tag: '1.27', tagImplied: false, digest: D, image: `docker.io/library/nginx:1.27@${D}` },
    { input: 'ghcr.io/o/a', tag: 'latest', tagImplied: true, digest: null, image: 'ghcr.io/o/a:latest' },
    { input: 'localhost:5000/x', tag: 'latest', tagImplied: true, digest: null, image: 'localhost:5000/x:latest' },
  ];
  for (const tc of cases) {
    test(`${tc.input} → ${tc.image} (tagImplied=${tc.tagImplied})`, () => {
      const r = toImageName(tc.input);
      assert.ok(r.ok);
      assert.equal(r.value.tag, tc.tag);
      assert.equal(r.value.tagImplied, tc.tagImplied);
      assert.equal(r.value.digest, tc.digest);
      assert.equal(r.value.image, tc.image);
      const again = toImageName(r.value.image);
      assert.ok(again.ok);
      assert.equal(again.value.image, r.value.image, 'fixed point');
    });
  }
});

describe('errors toImageName passes on or adds', () => {
  const cases: { input: string; kind: string; why: string }[] = [
    { input: 'a.b_c/d', kind: 'invalid-format', why: 'product rule: Go leaves it without a domain, so no registry' },
    { input: '', kind: 'invalid-format', why: 'as ParseNormalizedNamed ("docker.io/library/" does not parse)' },
    { input: 'Nginx', kind: 'name-uppercase', why: 'as ParseNormalizedNamed' },
    { input: 'a'.repeat(64).replace(/a/g, 'f'), kind: 'identifier', why: 'a 64-hex identifier is not a name' },
    { input: `nginx@sha256:${'f'.repeat(63)}`, kind: 'digest-invalid-length', why: 'go-digest' },
    { input: `x/${'a'.repeat(254)}`, kind: 'name-too-long', why: 'docker.io/x/… path over 255' },
  ];
  for (const tc of cases) {
    test(`${JSON.stringify(tc.input.length > 40 ? `${tc.input.slice(0, 20)}…` : tc.input)} → ${tc.kind} (${tc.why})`, () => {
      const r = toImageName(tc.input);
      assert.equal(r.ok, false);
      if (!r.ok) assert.equal(r.error.kind, tc.kind);
    });
  }
  test('"[0]/a": Parse takes "[0]" as a domain, ParseNormalizedNamed does not (no ".", ":" or upper case)', () => {
    const raw = parseReference('[0]/a');
    assert.ok(raw.ok);
    assert.equal(raw.value.domain, '[0]');
    const r = toImageName('[0]/a');
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.error.kind, 'invalid-format');
  });
  test('parseReference("") is name-empty (Go Parse), unlike the normalised parsers', () => {
    const r = parseReference('');
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.error.kind, 'name-empty');
  });
});
