// The CLI view: parse arguments, load settings, run a command, return the exit status. Everything
// printed goes through Output (output.ts): data, never control.
import { parseCli, USAGE, USAGE_HINT, UsageError } from './args.js';
import { runCheck } from './check.js';
import { runScan } from './commands.js';
import { runFix } from './fix.js';
import { Output, type Io } from './output.js';
import { ConfigError, loadSettings, openFactsService } from './session.js';

export type { Io } from './output.js';

export async function runCli(argv: string[], io: Io): Promise<number> {
  const out = new Output(io);
  let options;
  try {
    options = parseCli(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    out.error(e.message);
    io.err(USAGE_HINT);
    return 2;
  }
  if (options === 'help' || options === 'version') {
    io.out(options === 'help' ? USAGE : io.version);
    return 0;
  }
  try {
    if (options.command === 'scan') return await runScan(options, out, io.cwd);
    const settings = await loadSettings(options.config, io.cwd, (m) => out.error(m));
    const openFacts = io.openFacts ?? openFactsService;
    return options.command === 'check'
      ? await runCheck(options, settings, io, out, openFacts)
      : await runFix(options, settings, io, out, openFacts);
  } catch (e) {
    if (e instanceof ConfigError) {
      out.error(e.message);
      return 2;
    }
    throw e;
  }
}
