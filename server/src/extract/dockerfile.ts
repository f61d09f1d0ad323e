// Dockerfile / Containerfile extraction. dockerfile-ast gives the structure (instructions, flags,
// arguments with ranges, directives, heredocs, escape character); this module walks it with
// Docker's variable scoping and records every image named by FROM, COPY --from,
// RUN --mount=from= and the `# syntax=` directive. Shell text and heredoc bodies are never read.
import {
  Arg,
  Copy,
  DockerfileParser,
  Env,
  From,
  Run,
  type Dockerfile,
  type Flag,
  type Instruction,
} from 'dockerfile-ast';
import { LineIndex, type Range } from '../model/range.js';
import type { ImageReference } from '../model/reference.js';
import { buildReference, literalLocator } from './reference-builder.js';
import { cheapenShellInstructions } from './dockerfileCheapen.js';
import { declareArgs, declareEnv, lookupIn, type Variables } from './dockerfileScope.js';
import { expandWord, type Expansion, type Lookup, type ValueOrigin } from './dockerfileWords.js';
import type { ExtractProblem, ExtractResult } from './types.js';

/** One place that names an image or a stage, resolved in its scope; pin sites are decided once
 * every place is known (an ARG default is only pinned when one reference uses it). */
interface Site {
  start: number;
  end: number;
  expansion: Expansion;
  /** lower-cased stage names → their order of definition; with `stagesBefore`, the stages
   * defined before this place (shared, not copied: a copy per site would be quadratic) */
  stages: ReadonlyMap<string, number>;
  stagesBefore: number;
  /** COPY --from and RUN --mount from= accept a stage index */
  acceptsIndex: boolean;
  platform: string | null;
}

interface Stage {
  name: string | null;
  vars: Variables;
  env: Variables;
  /** the stage's ARG and ENV lines not applied yet, in order: reading their words costs a re-read of
   * the line in dockerfile-ast, and most stages never expand a variable in an image */
  pending: Array<() => void>;
}

/** The stage with every declaration so far applied (the ones after a use are not pending yet). */
function settled(stage: Stage): Stage {
  for (const apply of stage.pending) apply();
  stage.pending.length = 0;
  return stage;
}

/** A lookup in the stage's variables as they are at this line, applied only when a `$` asks. */
function lookupInStage(stage: Stage): Lookup {
  return (name) => lookupIn(settled(stage).vars)(name);
}

/** Texts longer than this (UTF-16 units) are parsed with cheapenShellInstructions applied; no
 * real Dockerfile is this long, so those are parsed exactly as written. */
const CHEAPEN_ABOVE = 256 * 1024;

/** The escape character comes from a directive, which only the leading comment lines can hold. */
function cheapen(text: string): string {
  const head = /^(?:\uFEFF)?(?:[ \t]*#[^\r\n]*(?:\r\n|\r|\n))*/.exec(text)?.[0] ?? '';
  return cheapenShellInstructions(text, DockerfileParser.parse(head).getEscapeCharacter());
}

/** `cheapenFirst` is for tests, which check that both ways read the same. */
export function extractDockerfile(
  file: string,
  text: string,
  cheapenFirst = text.length > CHEAPEN_ABOVE,
): ExtractResult {
  // No size limit of its own (a limit here would hide every image of a long file; the readers cap
  // what they read): long files have their shell instructions made cheap to parse first.
  const problems: ExtractProblem[] = [];
  const index = new LineIndex(text);
  let sites: Site[];
  try {
    sites = collectSites(DockerfileParser.parse(cheapenFirst ? cheapen(text) : text), index, problems);
  } catch (e) {
    problems.push({ message: `the Dockerfile could not be parsed: ${e instanceof Error ? e.message : String(e)}` });
    return { references: [], problems };
  }
  const uses = new Map<ValueOrigin, number>();
  for (const site of sites) {
    if (!site.expansion.ok) continue;
    for (const origin of new Set(site.expansion.origins)) uses.set(origin, (uses.get(origin) ?? 0) + 1);
  }
  return { references: sites.map((site) => toReference(file, index, site, uses)), problems };
}

function collectSites(dockerfile: Dockerfile, index: LineIndex, problems: ExtractProblem[]): Site[] {
  const escapeChar = dockerfile.getEscapeCharacter();
  const sites: Site[] = [];
  const stageNames = new Map<string, number>();
  const stagesByName = new Map<string, Stage>();
  const globals: Variables = new Map();
  let stage: Stage | null = null;
  const expand = (word: string, lookup: Lookup): Expansion => expandWord(word, escapeChar, lookup);
  const site = (range: Range, expansion: Expansion, acceptsIndex: boolean, platform: string | null): Site => {
    const s: Site = {
      start: index.offsetAt(range.start),
      end: index.offsetAt(range.end),
      expansion,
      stages: stageNames,
      stagesBefore: stageNames.size,
      acceptsIndex,
      platform,
    };
    sites.push(s);
    return s;
  };

  for (const directive of dockerfile.getDirectives()) {
    if (directive.getName().toLowerCase() !== 'syntax' || !directive.getValue()) continue;
    // directives are never expanded: the value is taken literally
    const literal: Expansion = { ok: true, value: directive.getValue(), origins: [], single: null, substituted: false };
    site(directive.getValueRange(), literal, false, null);
  }

  for (const instruction of dockerfile.getInstructions()) {
    if (instruction instanceof From) {
      const args = instruction.getArguments();
      const image = args[0];
      const globalLookup = lookupIn(globals);
      if (!image) {
        problems.push({ message: 'FROM names no image', range: instruction.getRange() });
        continue;
      }
      const platformFlag = instruction.getFlags().find((f) => f.getName().toLowerCase() === 'platform') ?? null;
      const platform = platformOf(platformFlag, escapeChar, globalLookup);
      const s = site(image.getRange(), expand(image.getValue(), globalLookup), false, platform);
      const base = s.expansion.ok ? stagesByName.get(s.expansion.value.toLowerCase()) : undefined;
      // `FROM image AS name`, read from the arguments already at hand (getBuildStage re-parses)
      const name =
        args.length > 2 && args[1]?.getValue().toUpperCase() === 'AS'
          ? (args[2]?.getValue().toLowerCase() ?? null)
          : null;
      const inherited = base ? settled(base).env : [];
      stage = { name, vars: new Map(inherited), env: new Map(inherited), pending: [] };
      if (name) {
        if (!stageNames.has(name)) stageNames.set(name, stageNames.size);
        stagesByName.set(name, stage);
      }
    } else if (instruction instanceof Arg) {
      const vars = stage?.vars;
      if (vars) stage?.pending.push(() => declareArgs(instruction, vars, globals, index, escapeChar));
      else declareArgs(instruction, globals, null, index, escapeChar);
    } else if (instruction instanceof Env) {
      const s = stage;
      if (s) s.pending.push(() => declareEnv(instruction, s.vars, s.env, index, escapeChar));
    } else if (stage && instruction instanceof Copy && mentions(index, instruction, /--from/i)) {
      const from = instruction.getFlags().find((f) => f.getName().toLowerCase() === 'from');
      const range = from?.getValueRange();
      if (from && range && from.getValue()) {
        site(range, expand(from.getValue() ?? '', lookupInStage(stage)), true, null);
      }
    } else if (stage && instruction instanceof Run && mentions(index, instruction, /--mount/i)) {
      for (const mount of instruction.getFlags()) {
        if (mount.getName().toLowerCase() !== 'mount') continue;
        for (const option of mount.getOptions()) {
          const range = option.getValueRange();
          const value = option.getValue();
          if (option.getName().toLowerCase() === 'from' && range && value) {
            site(range, expand(value, lookupInStage(stage)), true, null);
          }
        }
      }
    }
  }
  return sites;
}

/** A cheap look at the raw text before asking the parser for flags, which re-reads the whole
 * (possibly long) shell command. */
function mentions(index: LineIndex, instruction: Instruction, flag: RegExp): boolean {
  const r = instruction.getRange();
  return flag.test(index.text.slice(index.offsetAt(r.start), index.offsetAt(r.end)));
}

/** The platform of a FROM line when it is constant (after ARG defaults); null otherwise. */
function platformOf(flag: Flag | null, escapeChar: string, lookup: Lookup): string | null {
  const value = flag?.getValue();
  if (!value) return null;
  const expansion = expandWord(value, escapeChar, lookup);
  return expansion.ok && expansion.value ? expansion.value : null;
}

function toReference(file: string, index: LineIndex, site: Site, uses: Map<ValueOrigin, number>): ImageReference {
  const text = index.text.slice(site.start, site.end);
  const range = index.rangeOf(site.start, site.end);
  const common = { file, source: 'dockerfile' as const, text, range, platform: site.platform };
  const { expansion } = site;
  if (!expansion.ok) {
    return buildReference({
      ...common,
      skip: expansion.malformed ? 'invalid' : 'variable',
      skipDetail: expansion.detail,
    });
  }
  const value = expansion.value;
  const lower = value.toLowerCase();
  if ((site.stages.get(lower) ?? Infinity) < site.stagesBefore) {
    return buildReference({ ...common, skip: 'stage', skipDetail: `${value} is a build stage of this Dockerfile` });
  }
  if (site.acceptsIndex && /^[0-9]+$/.test(value)) {
    return buildReference({ ...common, skip: 'stage', skipDetail: `${value} is the index of a build stage` });
  }
  if (lower === 'scratch')
    return buildReference({ ...common, skip: 'scratch', skipDetail: 'scratch is the empty image' });
  if (!expansion.substituted) {
    // literal (possibly quoted, escaped or continued): replacing the whole text is the fix
    const locate = value === text ? literalLocator(index, site.start) : undefined;
    return buildReference({ ...common, resolvedText: value, locate, pinSite: { kind: 'reference', range, text } });
  }
  return buildReference({ ...common, resolvedText: value, ...pinThroughVariable(expansion.single, uses) });
}

function pinThroughVariable(
  origin: ValueOrigin | null,
  uses: Map<ValueOrigin, number>,
): { pinSite: { kind: 'reference'; range: Range; text: string } } | { pinSite: null; noFixReason: string } {
  if (!origin)
    return { pinSite: null, noFixReason: 'the reference is assembled from variables and text; pin it by hand' };
  const count = uses.get(origin) ?? 0;
  const what = `the ${origin.keyword} ${origin.name}`;
  if (count > 1) return { pinSite: null, noFixReason: `${what} is used by ${count} references; pin it by hand` };
  if (!origin.pinnable || !origin.range) {
    return { pinSite: null, noFixReason: `${what} is not written as a plain value; pin it by hand` };
  }
  return { pinSite: { kind: 'reference', range: origin.range, text: origin.text } };
}
