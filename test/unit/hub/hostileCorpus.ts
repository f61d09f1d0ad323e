// Registry text an attacker controls (a Hub tag list, a tag object, registry headers, index entries),
// shaped to escape into a file or a screen: YAML and JSON breakouts, newlines and lone CRs, control
// characters and terminal escapes, over-long values, Unicode lookalikes of the grammar's own
// characters, and pieces of other grammars (digest, path, template, shell). Shared by the unit table
// (edge.test.ts) and the integration replay through the sandbox (test/integration/registryText.test.ts).

export const HOSTILE_TAGS: readonly string[] = [
  '1.0\n    privileged: true',
  '1.27.3\n    privileged: true\n    cap_add: [ALL]',
  '1.0\r\nprivileged: true',
  '1.0\rprivileged: true',
  '1.0"\n  x: "y',
  "1.0'\n  x: 'y",
  '1.0 # comment',
  '1.0\tx',
  '1.0\u0000',
  '1.0\u001b[31mred',
  '1.0\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007',
  '1.0\u0085next-line',
  '1.0\u2028line-separator',
  'a'.repeat(129),
  '1\u2024 27', // one dot leader
  '1.2\uff17', // fullwidth digit
  'latest\u200b', // zero-width space
  '1.27\u20103', // Unicode hyphen
  '1.27.\u0033\u0301', // combining mark
  '\u0251lpine', // Latin alpha
  '-1.0',
  '.hidden',
  '1.0@sha256:' + 'e'.repeat(64),
  '1.0:evil',
  '1.0/../x',
  '$(id)',
  '{{ .Values.tag }}',
  ' 1.0',
  '1.0 ',
  '',
  '::error file=x::pwned',
];

/** Tags the grammar accepts, for the control rows. */
export const VALID_TAGS: readonly string[] = [
  '1.27.3',
  'latest',
  '3.12-slim',
  'v1.2.3_rc.1',
  '_x',
  'A'.repeat(128),
  '8',
];

export const HOSTILE_MEDIA_TYPES: readonly string[] = [
  'application/vnd.oci.image.index.v1+json\n  privileged: true',
  'application/vnd.oci.image.index.v1+json\u001b[2J',
  'text/html<script>alert(1)</script>',
  'application/vnd.oci.image.index.v1+json\u200b',
  'application/\u0000json',
  'application',
  '/json',
  `application/${'x'.repeat(200)}`,
  '[text](command:workbench.action.terminal.new)',
];

export const HOSTILE_DIGESTS: readonly string[] = [
  'sha256:1111", privileged: true, "x": "',
  `sha256:${'a'.repeat(64)}\n  privileged: true`,
  `sha256:${'a'.repeat(63)}`,
  `sha256:${'A'.repeat(64)}`,
  `sha256:${'a'.repeat(64)}\u200b`,
  `md5:${'a'.repeat(32)}`,
  'sha256:facefeed',
];

export const HOSTILE_PLATFORM_FIELDS: readonly string[] = [
  'linux\n| x | y |',
  'linux|amd64',
  'amd64`',
  '<img src=https://evil.example/x>',
  '[a](command:x)',
  'linux\u001b[31m',
  'l'.repeat(65),
  '',
];

export const HOSTILE_TIMESTAMPS: readonly string[] = [
  '2025-10-02T08:15:00Z\n  privileged: true',
  'yesterday',
  '2025-13-40T99:99:99Z',
  '<b>2025</b>',
];
