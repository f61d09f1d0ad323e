// The network edge (hub/edge.ts): every hostile value of the corpus is dropped, every valid one kept
// as is; and the Hub parsers built on it keep nothing hostile from a tag object or a tag list.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  digestOrNull,
  mediaTypeOrNull,
  platformFieldOrNull,
  repositoryOrNull,
  tagOrNull,
  timestampOrNull,
} from '../../../server/src/hub/edge.js';
import { parseHubTag } from '../../../server/src/hub/dockerHubApi.js';
import { readIndex } from '../../../server/src/hub/attestations.js';
import {
  HOSTILE_DIGESTS,
  HOSTILE_MEDIA_TYPES,
  HOSTILE_PLATFORM_FIELDS,
  HOSTILE_TAGS,
  HOSTILE_TIMESTAMPS,
  VALID_TAGS,
} from './hostileCorpus.js';
import { D1, D2 } from './support.js';

const show = (v: string) => JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);

const tables: Array<{
  name: string;
  check: (v: unknown) => string | null;
  hostile: readonly unknown[];
  valid: readonly string[];
}> = [
  { name: 'tag', check: tagOrNull, hostile: [...HOSTILE_TAGS, 7, null, ['1.0']], valid: VALID_TAGS },
  {
    name: 'digest',
    check: digestOrNull,
    hostile: [...HOSTILE_DIGESTS, 1, null],
    valid: [D1, `sha512:${'b'.repeat(128)}`],
  },
  {
    name: 'media type',
    check: mediaTypeOrNull,
    hostile: [...HOSTILE_MEDIA_TYPES, 3, null],
    valid: ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json'],
  },
  {
    name: 'platform field',
    check: platformFieldOrNull,
    hostile: [...HOSTILE_PLATFORM_FIELDS, 5, null],
    valid: ['linux', 'amd64', 'v8', 'windows', '10.0.17763.1234', 's390x'],
  },
  {
    name: 'timestamp',
    check: timestampOrNull,
    hostile: [...HOSTILE_TIMESTAMPS, 0, null],
    valid: ['2025-10-02T08:15:00Z', '2025-10-02T08:15:00.123456Z', '2024-01-01T00:00:00+02:00'],
  },
  {
    name: 'repository path',
    check: repositoryOrNull,
    hostile: [
      'library/nginx\n  x: y',
      'Library/nginx',
      'library/ngin\u0445',
      'a//b',
      '/a',
      'a/',
      `a/${'b'.repeat(260)}`,
      'a b',
      '..',
      'a/../b',
    ],
    valid: ['library/nginx', 'bitnamilegacy/redis', 'a/b/c', 'my-org/my_app.v2'],
  },
];

for (const t of tables) {
  describe(`edge: ${t.name}`, () => {
    for (const v of t.hostile)
      test(`refuses ${typeof v === 'string' ? show(v) : String(v)}`, () => assert.equal(t.check(v), null));
    for (const v of t.valid) test(`keeps ${show(v)}`, () => assert.equal(t.check(v), v));
  });
}

test('edge: a media type keeps its bare type, parameters dropped', () => {
  assert.equal(
    mediaTypeOrNull('application/vnd.oci.image.index.v1+json; charset=utf-8'),
    'application/vnd.oci.image.index.v1+json',
  );
});

describe('Hub tag object: nothing hostile survives parseHubTag', () => {
  for (const mediaType of HOSTILE_MEDIA_TYPES) {
    test(`media_type ${show(mediaType)} → null`, () =>
      assert.equal(parseHubTag({ digest: D1, media_type: mediaType }).mediaType, null));
  }
  for (const digest of HOSTILE_DIGESTS) {
    test(`digest ${show(digest)} → null`, () => assert.equal(parseHubTag({ digest }).digest, null));
  }
  for (const when of HOSTILE_TIMESTAMPS) {
    test(`tag_last_pushed ${show(when)} → null`, () =>
      assert.equal(parseHubTag({ digest: D1, tag_last_pushed: when, last_updated: when }).lastPushed, null));
  }
  for (const field of HOSTILE_PLATFORM_FIELDS) {
    test(`images[] os / architecture / variant ${show(field)} → the image dropped or the variant left out`, () => {
      const images = [
        { os: field, architecture: 'amd64', digest: D2 },
        { os: 'linux', architecture: field, digest: D2 },
        { os: 'linux', architecture: 'arm64', variant: field, digest: D2 },
      ];
      assert.deepEqual(parseHubTag({ digest: D1, images }).platforms, [
        { os: 'linux', architecture: 'arm64', digest: D2 },
      ]);
    });
  }
});

describe('image index entries: nothing hostile survives readIndex', () => {
  for (const field of HOSTILE_PLATFORM_FIELDS) {
    test(`platform field ${show(field)}`, () => {
      const manifests = [
        { digest: D2, platform: { os: field, architecture: 'amd64' } },
        { digest: D2, platform: { os: 'linux', architecture: 'arm64', variant: field } },
      ];
      assert.deepEqual(readIndex({ manifests }).platforms, [{ os: 'linux', architecture: 'arm64', digest: D2 }]);
    });
  }
  for (const digest of HOSTILE_DIGESTS) {
    test(`entry digest ${show(digest)}: the entry is dropped`, () => {
      assert.deepEqual(
        readIndex({ manifests: [{ digest, platform: { os: 'linux', architecture: 'amd64' } }] }).platforms,
        [],
      );
    });
  }
});
