// Command-line arguments of `image-trust` (SPEC §1), parsed with node:util's parseArgs.
import { parseArgs } from 'node:util';
import { SEVERITIES, type Severity } from '../model/finding.js';

export type CommandName = 'scan' | 'check' | 'fix';
export type Format = 'text' | 'json' | 'sarif';

export interface CliOptions {
  command: CommandName;
  paths: string[];
  format: Format;
  config: string | null;
  offline: boolean;
  failOn: Severity;
  dryRun: boolean;
}

export const USAGE = `Usage:
  image-trust scan  [PATH...]   image references found in files; never touches the network
  image-trust check [PATH...]   references + live facts + findings
  image-trust fix   [PATH...]   apply the pin-to-digest fixes in place (--dry-run: print a diff)

Options:
  --format text|json|sarif   text is the default; sarif is for check
  --config FILE              JSON settings (SPEC §3 keys without the "imageTrust." prefix)
  --offline                  use only cached facts; never contact a registry
  --fail-on SEVERITY         check: exit 1 if a finding is at or above it (default: error)
  --dry-run                  fix: print a unified diff instead of writing files
  -h, --help                 this text`;

export class UsageError extends Error {}

export function parseCli(argv: string[]): CliOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        config: { type: 'string' },
        offline: { type: 'boolean', default: false },
        'fail-on': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const [command, ...paths] = positionals;
  if (command !== 'scan' && command !== 'check' && command !== 'fix') {
    throw new UsageError(command ? `unknown command "${command}"` : 'a command is required: scan, check or fix');
  }
  const format = (values.format ?? 'text') as Format;
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  if (format === 'sarif' && command !== 'check') throw new UsageError('--format sarif is for check');
  const failOn = (values['fail-on'] ?? 'error') as Severity;
  if (!(SEVERITIES as readonly string[]).includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}, not "${failOn}"`);
  }
  if (values['dry-run'] && command !== 'fix') throw new UsageError('--dry-run is for fix');
  return {
    command,
    paths: paths.length ? paths : ['.'],
    format,
    config: values.config ?? null,
    offline: values.offline ?? false,
    failOn,
    dryRun: values['dry-run'] ?? false,
  };
}
