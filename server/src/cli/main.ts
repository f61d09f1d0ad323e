// The CLI view: parse arguments, load settings, run a command, return the exit status.
import { parseCli, USAGE, USAGE_HINT, UsageError } from './args.js';
import { runCheck, runFix, runScan, type Io } from './commands.js';
import { ConfigError, loadSettings } from './session.js';

export async function runCli(argv: string[], io: Io): Promise<number> {
  let options;
  try {
    options = parseCli(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`image-trust: ${e.message}\n${USAGE_HINT}`);
    return 2;
  }
  if (options === 'help' || options === 'version') {
    io.out(options === 'help' ? USAGE : io.version);
    return 0;
  }
  try {
    if (options.command === 'scan') return await runScan(options, io);
    const settings = await loadSettings(options.config, io.cwd, (m) => io.err(`image-trust: ${m}`));
    return options.command === 'check' ? await runCheck(options, settings, io) : await runFix(options, settings, io);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(`image-trust: ${e.message}`);
      return 2;
    }
    throw e;
  }
}
