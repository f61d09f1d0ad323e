// Test tables of distribution/reference's normalize_test.go, ported as data. Go's tests only check
// that invalid names fail; the error kind here is what Go's code returns (re-derived, and checked).
import type { ReferenceErrorKind } from '../../../server/src/model/imageName.js';

const HEX64 = '1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a';

/** TestValidateReferenceName: ParseNormalizedNamed accepts these ... */
export const validReferenceNames: string[] = [
  'docker/docker',
  'library/debian',
  'debian',
  'docker.io/docker/docker',
  'docker.io/library/debian',
  'docker.io/debian',
  'index.docker.io/docker/docker',
  'index.docker.io/library/debian',
  'index.docker.io/debian',
  '127.0.0.1:5000/docker/docker',
  '127.0.0.1:5000/library/debian',
  '127.0.0.1:5000/debian',
  '192.168.0.1',
  '192.168.0.1:80',
  '192.168.0.1:8/debian',
  '192.168.0.2:25000/debian',
  'thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev',
  '[fc00::1]:5000/docker',
  '[fc00::1]:5000/docker/docker',
  '[fc00:1:2:3:4:5:6:7]:5000/library/debian',
  // valid with a hostname: no ambiguity with an identifier
  `docker.io/${HEX64}`,
  'Docker/docker',
  'DOCKER/docker',
];

/** ... and rejects these. */
export const invalidReferenceNames: { input: string; err: ReferenceErrorKind }[] = [
  { input: 'https://github.com/docker/docker', err: 'invalid-format' },
  { input: 'docker/Docker', err: 'name-uppercase' },
  { input: '-docker', err: 'invalid-format' },
  { input: '-docker/docker', err: 'invalid-format' },
  { input: '-docker.io/docker/docker', err: 'invalid-format' },
  { input: 'docker///docker', err: 'invalid-format' },
  { input: 'docker.io/docker/Docker', err: 'name-uppercase' },
  { input: 'docker.io/docker///docker', err: 'invalid-format' },
  { input: '[fc00::1]', err: 'invalid-format' },
  { input: '[fc00::1]:5000', err: 'invalid-format' },
  { input: 'fc00::1:5000/debian', err: 'invalid-format' },
  { input: '[fe80::1%eth0]:5000/debian', err: 'invalid-format' },
  { input: '[2001:db8:3:4::192.0.2.33]:5000/debian', err: 'invalid-format' },
  { input: HEX64, err: 'identifier' },
];

/** TestValidateRemoteName */
export const validRemoteNames: string[] = [
  'docker/docker',
  // 64-character non-hexadecimal names are allowed (hexadecimal ones are identifiers)
  'thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev',
  'docker-rules/docker',
  'docker---rules/docker',
  'doc/docker',
  'd/docker',
  'jess/t',
  'dock__er/docker',
];

export const invalidRemoteNames: { input: string; err: ReferenceErrorKind }[] = [
  { input: 'docker/Docker', err: 'name-uppercase' },
  { input: 'docker///docker', err: 'invalid-format' },
  { input: HEX64, err: 'identifier' },
  { input: '-docker/docker', err: 'invalid-format' },
  { input: 'docker-/docker', err: 'invalid-format' },
  { input: '-docker-/docker', err: 'invalid-format' },
  { input: '____/____', err: 'invalid-format' },
  { input: '_docker/_docker', err: 'invalid-format' },
  { input: 'dock..er/docker', err: 'invalid-format' },
  { input: 'dock_.er/docker', err: 'invalid-format' },
  { input: 'dock-.er/docker', err: 'invalid-format' },
  { input: 'docker/', err: 'invalid-format' },
  {
    input:
      'this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255/docker',
    err: 'name-too-long',
  },
];

/** TestParseRepositoryInfo: every one of familiar, full and (when given) ambiguous parses to the rest. */
export interface RepositoryInfoCase {
  remoteName: string;
  familiarName: string;
  fullName: string;
  ambiguousName: string;
  domain: string;
}
export const repositoryInfoCases: RepositoryInfoCase[] = [
  {
    remoteName: 'fooo/bar',
    familiarName: 'fooo/bar',
    fullName: 'docker.io/fooo/bar',
    ambiguousName: 'index.docker.io/fooo/bar',
    domain: 'docker.io',
  },
  {
    remoteName: 'library/ubuntu',
    familiarName: 'ubuntu',
    fullName: 'docker.io/library/ubuntu',
    ambiguousName: 'library/ubuntu',
    domain: 'docker.io',
  },
  {
    remoteName: 'nonlibrary/ubuntu',
    familiarName: 'nonlibrary/ubuntu',
    fullName: 'docker.io/nonlibrary/ubuntu',
    ambiguousName: '',
    domain: 'docker.io',
  },
  {
    remoteName: 'other/library',
    familiarName: 'other/library',
    fullName: 'docker.io/other/library',
    ambiguousName: '',
    domain: 'docker.io',
  },
  {
    remoteName: 'private/moonbase',
    familiarName: '127.0.0.1:8000/private/moonbase',
    fullName: '127.0.0.1:8000/private/moonbase',
    ambiguousName: '',
    domain: '127.0.0.1:8000',
  },
  {
    remoteName: 'privatebase',
    familiarName: '127.0.0.1:8000/privatebase',
    fullName: '127.0.0.1:8000/privatebase',
    ambiguousName: '',
    domain: '127.0.0.1:8000',
  },
  {
    remoteName: 'private/moonbase',
    familiarName: 'example.com/private/moonbase',
    fullName: 'example.com/private/moonbase',
    ambiguousName: '',
    domain: 'example.com',
  },
  {
    remoteName: 'privatebase',
    familiarName: 'example.com/privatebase',
    fullName: 'example.com/privatebase',
    ambiguousName: '',
    domain: 'example.com',
  },
  {
    remoteName: 'private/moonbase',
    familiarName: 'example.com:8000/private/moonbase',
    fullName: 'example.com:8000/private/moonbase',
    ambiguousName: '',
    domain: 'example.com:8000',
  },
  {
    remoteName: 'privatebasee',
    familiarName: 'example.com:8000/privatebasee',
    fullName: 'example.com:8000/privatebasee',
    ambiguousName: '',
    domain: 'example.com:8000',
  },
  {
    remoteName: 'library/ubuntu-12.04-base',
    familiarName: 'ubuntu-12.04-base',
    fullName: 'docker.io/library/ubuntu-12.04-base',
    ambiguousName: 'index.docker.io/library/ubuntu-12.04-base',
    domain: 'docker.io',
  },
  {
    remoteName: 'library/foo',
    familiarName: 'foo',
    fullName: 'docker.io/library/foo',
    ambiguousName: 'docker.io/foo',
    domain: 'docker.io',
  },
  {
    remoteName: 'library/foo/bar',
    familiarName: 'library/foo/bar',
    fullName: 'docker.io/library/foo/bar',
    ambiguousName: '',
    domain: 'docker.io',
  },
  {
    remoteName: 'store/foo/bar',
    familiarName: 'store/foo/bar',
    fullName: 'docker.io/store/foo/bar',
    ambiguousName: '',
    domain: 'docker.io',
  },
  { remoteName: 'bar', familiarName: 'Foo/bar', fullName: 'Foo/bar', ambiguousName: '', domain: 'Foo' },
  { remoteName: 'bar', familiarName: 'FOO/bar', fullName: 'FOO/bar', ambiguousName: '', domain: 'FOO' },
];

/** TestParseReferenceWithTagAndDigest */
export const tagAndDigestShortRef =
  'busybox:latest@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa';

const DBCC = 'dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c';
/** TestParseAnyReference: `digest` marks the cases Go parses as a bare digest (no name). */
export const parseAnyReferenceCases: { reference: string; equivalent: string; digest?: true }[] = [
  { reference: 'redis', equivalent: 'docker.io/library/redis' },
  { reference: 'redis:latest', equivalent: 'docker.io/library/redis:latest' },
  { reference: 'docker.io/library/redis:latest', equivalent: 'docker.io/library/redis:latest' },
  { reference: `redis@sha256:${DBCC}`, equivalent: `docker.io/library/redis@sha256:${DBCC}` },
  { reference: `docker.io/library/redis@sha256:${DBCC}`, equivalent: `docker.io/library/redis@sha256:${DBCC}` },
  { reference: 'dmcgowan/myapp', equivalent: 'docker.io/dmcgowan/myapp' },
  { reference: 'dmcgowan/myapp:latest', equivalent: 'docker.io/dmcgowan/myapp:latest' },
  { reference: 'docker.io/mcgowan/myapp:latest', equivalent: 'docker.io/mcgowan/myapp:latest' },
  { reference: `dmcgowan/myapp@sha256:${DBCC}`, equivalent: `docker.io/dmcgowan/myapp@sha256:${DBCC}` },
  { reference: `docker.io/dmcgowan/myapp@sha256:${DBCC}`, equivalent: `docker.io/dmcgowan/myapp@sha256:${DBCC}` },
  { reference: DBCC, equivalent: `sha256:${DBCC}`, digest: true },
  { reference: `sha256:${DBCC}`, equivalent: `sha256:${DBCC}`, digest: true },
  { reference: DBCC.slice(0, 63), equivalent: `docker.io/library/${DBCC.slice(0, 63)}` },
  { reference: 'dbcc1', equivalent: 'docker.io/library/dbcc1' },
];

/** TestNormalizedSplitHostname */
export const normalizedSplitCases: { input: string; domain: string; path: string }[] = [
  { input: 'test.com/foo', domain: 'test.com', path: 'foo' },
  { input: 'test_com/foo', domain: 'docker.io', path: 'test_com/foo' },
  { input: 'docker/migrator', domain: 'docker.io', path: 'docker/migrator' },
  { input: 'test.com:8080/foo', domain: 'test.com:8080', path: 'foo' },
  { input: 'test-com:8080/foo', domain: 'test-com:8080', path: 'foo' },
  { input: 'foo', domain: 'docker.io', path: 'library/foo' },
  { input: 'xn--n3h.com/foo', domain: 'xn--n3h.com', path: 'foo' },
  { input: 'xn--n3h.com:18080/foo', domain: 'xn--n3h.com:18080', path: 'foo' },
  { input: 'docker.io/foo', domain: 'docker.io', path: 'library/foo' },
  { input: 'docker.io/library/foo', domain: 'docker.io', path: 'library/foo' },
  { input: 'docker.io/library/foo/bar', domain: 'docker.io', path: 'library/foo/bar' },
];

const E669 = 'sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582';
/** TestParseDockerRef: ParseNormalizedNamed + `latest` when name only; tag+digest keeps only the digest. */
export const parseDockerRefCases: { name: string; input: string; expected: string }[] = [
  { name: 'nothing', input: 'busybox', expected: 'docker.io/library/busybox:latest' },
  { name: 'tag only', input: 'busybox:latest', expected: 'docker.io/library/busybox:latest' },
  { name: 'digest only', input: `busybox@${E669}`, expected: `docker.io/library/busybox@${E669}` },
  { name: 'path only', input: 'library/busybox', expected: 'docker.io/library/busybox:latest' },
  { name: 'hostname only', input: 'docker.io/busybox', expected: 'docker.io/library/busybox:latest' },
  { name: 'no tag', input: 'docker.io/library/busybox', expected: 'docker.io/library/busybox:latest' },
  { name: 'no path', input: 'docker.io/busybox:latest', expected: 'docker.io/library/busybox:latest' },
  { name: 'no hostname', input: 'library/busybox:latest', expected: 'docker.io/library/busybox:latest' },
  {
    name: 'full reference with tag',
    input: 'docker.io/library/busybox:latest',
    expected: 'docker.io/library/busybox:latest',
  },
  { name: 'gcr reference without tag', input: 'gcr.io/library/busybox', expected: 'gcr.io/library/busybox:latest' },
  {
    name: 'both tag and digest',
    input: `gcr.io/library/busybox:latest@${E669}`,
    expected: `gcr.io/library/busybox@${E669}`,
  },
];
