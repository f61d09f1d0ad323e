// Test tables of distribution/reference's reference_test.go, ported as data (newest stored version,
// where the length limit applies to the path; see `superseded` for the one case that changed).
// Go errors map to ReferenceError kinds: ErrNameEmpty → name-empty, ErrNameContainsUppercase →
// name-uppercase, ErrReferenceInvalidFormat → invalid-format, ErrNameTooLong → name-too-long,
// digest.ErrDigestUnsupported → digest-unsupported, digest.ErrDigestInvalidLength → digest-invalid-length.
import type { ReferenceErrorKind } from '../../../server/src/model/imageName.js';

const F64 = 'f'.repeat(64);
const F128 = 'f'.repeat(128);

/** A `Parse` case: either an error kind, or the name (`repository`), domain, tag and digest. */
export interface ParseCase {
  input: string;
  err?: ReferenceErrorKind;
  repository?: string;
  domain?: string;
  tag?: string;
  digest?: string;
}

/** TestReferenceParse */
export const referenceParseCases: ParseCase[] = [
  { input: 'test_com', repository: 'test_com' },
  { input: 'test.com:tag', repository: 'test.com', tag: 'tag' },
  { input: 'test.com:5000', repository: 'test.com', tag: '5000' },
  { input: 'test.com/repo:tag', domain: 'test.com', repository: 'test.com/repo', tag: 'tag' },
  { input: 'test:5000/repo', domain: 'test:5000', repository: 'test:5000/repo' },
  { input: 'test:5000/repo:tag', domain: 'test:5000', repository: 'test:5000/repo', tag: 'tag' },
  { input: `test:5000/repo@sha256:${F64}`, domain: 'test:5000', repository: 'test:5000/repo', digest: `sha256:${F64}` },
  {
    input: `test:5000/repo:tag@sha256:${F64}`,
    domain: 'test:5000',
    repository: 'test:5000/repo',
    tag: 'tag',
    digest: `sha256:${F64}`,
  },
  { input: '', err: 'name-empty' },
  { input: ':justtag', err: 'invalid-format' },
  { input: `@sha256:${F64}`, err: 'invalid-format' },
  { input: `repo@sha256:${'f'.repeat(34)}`, err: 'digest-invalid-length' },
  { input: `validname@invaliddigest:${F64}`, err: 'digest-unsupported' },
  { input: 'Uppercase:tag', err: 'name-uppercase' },
  // Go leaves "Uppercase/lowercase:tag" out (FIXME: "Uppercase" is taken as a domain name).
  { input: 'test:5000/Uppercase/lowercase:tag', err: 'name-uppercase' },
  { input: 'lowercase:Uppercase', repository: 'lowercase', tag: 'Uppercase' },
  { input: `domain/${'a'.repeat(256)}:tag`, err: 'name-too-long' },
  {
    input: `${'a/'.repeat(127)}a:tag-puts-this-over-max`,
    domain: 'a',
    repository: `${'a/'.repeat(127)}a`,
    tag: 'tag-puts-this-over-max',
  },
  { input: 'aa/asdf$$^/aa', err: 'invalid-format' },
  { input: 'sub-dom1.foo.com/bar/baz/quux', domain: 'sub-dom1.foo.com', repository: 'sub-dom1.foo.com/bar/baz/quux' },
  {
    input: 'sub-dom1.foo.com/bar/baz/quux:some-long-tag',
    domain: 'sub-dom1.foo.com',
    repository: 'sub-dom1.foo.com/bar/baz/quux',
    tag: 'some-long-tag',
  },
  {
    input: 'b.gcr.io/test.example.com/my-app:test.example.com',
    domain: 'b.gcr.io',
    repository: 'b.gcr.io/test.example.com/my-app',
    tag: 'test.example.com',
  },
  {
    input: 'xn--n3h.com/myimage:xn--n3h.com',
    domain: 'xn--n3h.com',
    repository: 'xn--n3h.com/myimage',
    tag: 'xn--n3h.com',
  },
  {
    input: `xn--7o8h.com/myimage:xn--7o8h.com@sha512:${F128}`,
    domain: 'xn--7o8h.com',
    repository: 'xn--7o8h.com/myimage',
    tag: 'xn--7o8h.com',
    digest: `sha512:${F128}`,
  },
  { input: 'foo_bar.com:8080', repository: 'foo_bar.com', tag: '8080' },
  { input: 'foo/foo_bar.com:8080', domain: 'foo', repository: 'foo/foo_bar.com', tag: '8080' },
  { input: '192.168.1.1', repository: '192.168.1.1' },
  { input: '192.168.1.1:tag', repository: '192.168.1.1', tag: 'tag' },
  { input: '192.168.1.1:5000', repository: '192.168.1.1', tag: '5000' },
  { input: '192.168.1.1/repo', domain: '192.168.1.1', repository: '192.168.1.1/repo' },
  { input: '192.168.1.1:5000/repo', domain: '192.168.1.1:5000', repository: '192.168.1.1:5000/repo' },
  { input: '192.168.1.1:5000/repo:5050', domain: '192.168.1.1:5000', repository: '192.168.1.1:5000/repo', tag: '5050' },
  { input: '[2001:db8::1]', err: 'invalid-format' },
  { input: '[2001:db8::1]:5000', err: 'invalid-format' },
  { input: '[2001:db8::1]:tag', err: 'invalid-format' },
  { input: '[2001:db8::1]/repo', domain: '[2001:db8::1]', repository: '[2001:db8::1]/repo' },
  {
    input: '[2001:db8:1:2:3:4:5:6]/repo:tag',
    domain: '[2001:db8:1:2:3:4:5:6]',
    repository: '[2001:db8:1:2:3:4:5:6]/repo',
    tag: 'tag',
  },
  { input: '[2001:db8::1]:5000/repo', domain: '[2001:db8::1]:5000', repository: '[2001:db8::1]:5000/repo' },
  {
    input: '[2001:db8::1]:5000/repo:tag',
    domain: '[2001:db8::1]:5000',
    repository: '[2001:db8::1]:5000/repo',
    tag: 'tag',
  },
  {
    input: `[2001:db8::1]:5000/repo@sha256:${F64}`,
    domain: '[2001:db8::1]:5000',
    repository: '[2001:db8::1]:5000/repo',
    digest: `sha256:${F64}`,
  },
  {
    input: `[2001:db8::1]:5000/repo:tag@sha256:${F64}`,
    domain: '[2001:db8::1]:5000',
    repository: '[2001:db8::1]:5000/repo',
    tag: 'tag',
    digest: `sha256:${F64}`,
  },
  { input: '[2001:db8::]:5000/repo', domain: '[2001:db8::]:5000', repository: '[2001:db8::]:5000/repo' },
  { input: '[::1]:5000/repo', domain: '[::1]:5000', repository: '[::1]:5000/repo' },
  { input: '[fe80::1%eth0]:5000/repo', err: 'invalid-format' },
  { input: '[fe80::1%@invalidzone]:5000/repo', err: 'invalid-format' },
  {
    input: `example.com/${'a'.repeat(255)}:tag`,
    domain: 'example.com',
    repository: `example.com/${'a'.repeat(255)}`,
    tag: 'tag',
  },
];

/**
 * A case of an older version of the table whose expectation the library has since changed: the
 * limit was on the whole name; it is now on the path (domain "a" + a 255-character path).
 */
export const superseded: ParseCase[] = [
  { input: `${'a/'.repeat(128)}a:tag`, domain: 'a', repository: `${'a/'.repeat(128)}a`, tag: 'tag' },
];

/** TestWithNameFailure: inputs that are not a bare name (WithName fails). */
export const withNameFailureCases: string[] = [
  '',
  ':justtag',
  `@sha256:${F64}`,
  `validname@invaliddigest:${F64}`,
  'example.com/repo:tag',
  `example.com/${'a'.repeat(256)}`,
  'aa/asdf$$^/aa',
  `${'a/'.repeat(128)}a:tag`, // from the older table
];

/** TestDomainAndPath (TestSplitHostname in older versions): bare names and their split. */
export const domainAndPathCases: { input: string; domain: string; path: string }[] = [
  { input: 'test.com/foo', domain: 'test.com', path: 'foo' },
  { input: 'test_com/foo', domain: '', path: 'test_com/foo' },
  { input: 'test:8080/foo', domain: 'test:8080', path: 'foo' },
  { input: 'test.com:8080/foo', domain: 'test.com:8080', path: 'foo' },
  { input: 'test-com:8080/foo', domain: 'test-com:8080', path: 'foo' },
  { input: 'xn--n3h.com:18080/foo', domain: 'xn--n3h.com:18080', path: 'foo' },
];

/** TestSerialization: the text goes through `Parse` (Field.UnmarshalText). */
export const serializationCases: ParseCase[] = [
  { input: '', err: 'name-empty' },
  { input: 'example.com:8000/named', repository: 'example.com:8000/named', domain: 'example.com:8000' },
  {
    input: 'example.com:8000/named:tagged',
    repository: 'example.com:8000/named',
    domain: 'example.com:8000',
    tag: 'tagged',
  },
  {
    input: 'other.com/named@sha256:1234567890098765432112345667890098765432112345667890098765432112',
    repository: 'other.com/named',
    domain: 'other.com',
    digest: 'sha256:1234567890098765432112345667890098765432112345667890098765432112',
  },
];

/** TestWithTag / TestWithDigest: a name, a tag and/or digest, and the combined string. */
export interface BuilderCase {
  name: string;
  tag?: string;
  digest?: string;
  combined: string;
}
const SHORT = 'sha256:1234567890098765432112345667890098765';
export const withTagCases: BuilderCase[] = [
  { name: 'test.com/foo', tag: 'tag', combined: 'test.com/foo:tag' },
  { name: 'foo', tag: 'tag2', combined: 'foo:tag2' },
  { name: 'test.com:8000/foo', tag: 'tag4', combined: 'test.com:8000/foo:tag4' },
  { name: 'test.com:8000/foo', tag: 'TAG5', combined: 'test.com:8000/foo:TAG5' },
  { name: 'test.com:8000/foo', digest: SHORT, tag: 'TAG5', combined: `test.com:8000/foo:TAG5@${SHORT}` },
];
export const withDigestCases: BuilderCase[] = [
  { name: 'test.com/foo', digest: SHORT, combined: `test.com/foo@${SHORT}` },
  { name: 'foo', digest: SHORT, combined: `foo@${SHORT}` },
  { name: 'test.com:8000/foo', digest: SHORT, combined: `test.com:8000/foo@${SHORT}` },
  { name: 'test.com:8000/foo', digest: SHORT, tag: 'latest', combined: `test.com:8000/foo:latest@${SHORT}` },
];

/** TestParseNamed: ParseNormalizedNamed, then the input must already be canonical. */
export const parseNamedCases: { input: string; domain?: string; path?: string; notCanonical?: true }[] = [
  { input: 'test.com/foo', domain: 'test.com', path: 'foo' },
  { input: 'test:8080/foo', domain: 'test:8080', path: 'foo' },
  { input: 'test_com/foo', notCanonical: true },
  { input: 'test.com', notCanonical: true },
  { input: 'foo', notCanonical: true },
  { input: 'library/foo', notCanonical: true },
  { input: 'docker.io/library/foo', domain: 'docker.io', path: 'library/foo' },
  // ambiguous: the parser adds "library/" to foo
  { input: 'docker.io/foo', notCanonical: true },
];
