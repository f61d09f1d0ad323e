// Command-line arguments of `image-trust`, parsed with node:util's parseArgs. One table describes
// every option: the parser, the checks of which command an option belongs to and `--help` read it.
import { parseArgs } from 'node:util';
import { EXTRACTORS } from '../extract/index.js';
import { SEVERITIES, type Severity } from '../model/finding.js';

type CommandName = 'scan' | 'check' | 'fix';
type Format = 'text' | 'json' | 'sarif';

export interface CliOptions {
  command: CommandName;
  paths: string[];
  format: Format;
  config: string | null;
  offline: boolean;
  failOn: Severity;
  allowIncomplete: boolean;
  verify: boolean;
  update: boolean;
  dryRun: boolean;
}

interface OptionDoc {
  name: string;
  /** the value's placeholder; none for a switch */
  value?: string;
  short?: string;
  /** the one command it belongs to; none: every command */
  only?: CommandName;
  text: string;
  /** a second help line */
  more?: string;
  /** false: documented, but refused until the feature lands (never accepted and ignored) */
  available?: false;
}

const OPTIONS: readonly OptionDoc[] = [
  { name: 'format', value: 'text|json|sarif', text: 'output format (default: text); sarif is for check' },
  { name: 'config', value: 'FILE', text: 'JSON settings file (see Settings below)' },
  { name: 'offline', text: 'use only cached facts; never contact a registry' },
  {
    name: 'fail-on',
    value: 'SEVERITY',
    only: 'check',
    text: 'exit 1 if a finding is at or above it (default: error)',
    more: `SEVERITY: ${SEVERITIES.join(', ')}`,
  },
  { name: 'allow-incomplete', only: 'check', text: 'exit 0 instead of 3 when some references could not be checked' },
  {
    name: 'verify',
    only: 'check',
    text: 'verify every signature, also of images no trust policy names',
    more: 'on Docker Hub each signature read is one counted pull',
  },
  { name: 'dry-run', only: 'fix', text: 'print a unified diff instead of writing files' },
  {
    name: 'update',
    only: 'fix',
    text: 'also move each tag to the newest of its track, pinned',
    more: 'only the last number moves: 1.27.3 → 1.27.5, 3.12-slim → 3.13-slim',
  },
  { name: 'version', text: 'print the version and exit' },
  { name: 'help', short: 'h', text: 'this text' },
];

function optionLines(): string[] {
  const head = (o: OptionDoc): string => `${o.short ? `-${o.short}, ` : ''}--${o.name}${o.value ? ` ${o.value}` : ''}`;
  const width = Math.max(...OPTIONS.map((o) => head(o).length)) + 3;
  return OPTIONS.flatMap((o) => {
    const scope = o.only ? `${o.only}: ` : '';
    const indent = `  ${''.padEnd(width)}${' '.repeat(scope.length)}`;
    const more = [o.more, o.available === false ? '(not available yet)' : undefined].filter((m) => m !== undefined);
    return [`  ${head(o).padEnd(width)}${scope}${o.text}`, ...more.map((m) => indent + m)];
  });
}

/** `words` joined with commas, in lines that fit a terminal. */
function wrapped(words: string[], indent: string, width = 96): string[] {
  const lines: string[] = [];
  let line = '';
  for (const [i, w] of words.entries()) {
    const word = i < words.length - 1 ? `${w},` : w;
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, indent + line] : lines;
}

export const USAGE = [
  'Usage:',
  '  image-trust scan  [PATH...]   list the image references in files; never touches the network',
  '  image-trust check [PATH...]   references with live facts (publisher, signatures, age) and findings',
  '  image-trust fix   [PATH...]   pin every reference to its digest, in place (tag kept)',
  '',
  'A PATH is a file or a folder (default: the current folder). Folders are walked, skipping .git,',
  'node_modules and what .gitignore files ignore.',
  '',
  'Options:',
  ...optionLines(),
  '',
  'Files recognised, by name and content:',
  ...wrapped(Object.keys(EXTRACTORS), '  '),
  '  (any YAML document with apiVersion and kind is read as a Kubernetes manifest)',
  '',
  'Exit status:',
  '  0  done: no finding at or above --fail-on, and everything could be checked',
  '  1  check: a finding at or above --fail-on',
  '  2  bad usage, or an input that cannot be read (stderr names the file and the reason)',
  '  3  check: incomplete: no finding reached --fail-on, but some reference could not be checked',
  '     (network, rate limit, authentication) or some file could not be read completely;',
  '     stderr says how many and why. --allow-incomplete turns 3 into 0',
  '',
  'Settings (--config): the VS Code settings without the "imageTrust." prefix, nested or dotted, e.g.',
  '  {"registries": {"mirrors": {"docker.io": "https://mirror.example.com"}},',
  '   "staleAfterDays": 365, "rules": {"unsigned": "off"}}',
  '',
  'Environment:',
  '  DOCKER_CONFIG             folder of config.json, the registry credentials (default: ~/.docker)',
  '  IMAGE_TRUST_CACHE_DIR     where looked-up facts are cached (default: the user cache folder)',
  '  IMAGE_TRUST_DEBUG         any value: also log to stderr why each lookup failed or stopped short',
  '  HTTPS_PROXY, HTTP_PROXY   proxy for registry and Docker Hub requests (never for loopback)',
  '  ALL_PROXY                 proxy for both, where the one above is not set',
  '  NO_PROXY                  hosts reached without the proxy',
].join('\n');

/** What to print after a usage error: short, and pointing at the full text. */
export const USAGE_HINT = 'Run "image-trust --help" for the commands, options and exit codes.';

export class UsageError extends Error {}

export function parseCli(argv: string[]): CliOptions | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: Object.fromEntries(
        OPTIONS.map((o) => [
          o.name,
          { type: o.value ? ('string' as const) : ('boolean' as const), ...(o.short ? { short: o.short } : {}) },
        ]),
      ),
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (values.version) return 'version';
  const [command, ...paths] = positionals;
  if (command !== 'scan' && command !== 'check' && command !== 'fix') {
    throw new UsageError(command ? `unknown command "${command}"` : 'a command is required: scan, check or fix');
  }
  for (const o of OPTIONS) {
    if (values[o.name] === undefined) continue;
    if (o.available === false) throw new UsageError(`--${o.name} is not available yet in this version`);
    if (o.only && o.only !== command) throw new UsageError(`--${o.name} is for ${o.only}`);
  }
  const text = (name: string): string | undefined => values[name] as string | undefined;
  const flag = (name: string): boolean => values[name] === true;
  const format = (text('format') ?? 'text') as Format;
  if (!['text', 'json', 'sarif'].includes(format))
    throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  if (format === 'sarif' && command !== 'check') throw new UsageError('--format sarif is for check');
  const failOn = (text('fail-on') ?? 'error') as Severity;
  if (!(SEVERITIES as readonly string[]).includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}, not "${failOn}"`);
  }
  return {
    command,
    paths: paths.length ? paths : ['.'],
    format,
    config: text('config') ?? null,
    offline: flag('offline'),
    failOn,
    allowIncomplete: flag('allow-incomplete'),
    verify: flag('verify'),
    update: flag('update'),
    dryRun: flag('dry-run'),
  };
}
