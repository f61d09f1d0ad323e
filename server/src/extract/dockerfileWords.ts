// Docker's word processing for instruction arguments (BuildKit frontend/dockerfile/shell/lex.go):
// quotes are removed, the escape character escapes the next character, and `$VAR`, `${VAR}`,
// `${VAR:-word}`, `${VAR-word}`, `${VAR:+word}`, `${VAR+word}`, `${VAR:?msg}`, `${VAR?msg}` are
// substituted from ARG/ENV values. Unlike a build, a variable with no known value is not silently
// empty: the expansion fails and says which variable, so the reference can be skipped as `variable`.
import type { Range } from '../model/range.js';

/** Where a variable's value was written: an ARG default (or ENV value), for pin fixes. */
export interface ValueOrigin {
  /** the instruction that declared it */
  keyword: 'ARG' | 'ENV';
  /** the variable name as declared */
  name: string;
  /** the value as written, inside quotes; only meaningful when `pinnable` */
  range: Range | null;
  text: string;
  /** true when the value is written literally on one line (no quotes inside, escapes or `$`) */
  pinnable: boolean;
}

/** A declared variable: `value` null means declared without a value (`ARG X`). */
export interface Binding {
  value: string | null;
  origin: ValueOrigin | null;
}

export type Lookup = (name: string) => Binding | undefined;

export type Expansion =
  | {
      ok: true;
      value: string;
      /** the declarations whose values went into `value` */
      origins: ValueOrigin[];
      /** set when the whole word is one variable whose value came from one declaration */
      single: ValueOrigin | null;
      /** true when at least one `$` substitution happened */
      substituted: boolean;
    }
  | {
      ok: false;
      detail: string;
      /** true for a malformed word (unterminated quote, bad substitution), false for a variable
       * with no known value */
      malformed: boolean;
    };

class Unresolvable extends Error {}
class Malformed extends Error {}

const NAME_CHAR = /[A-Za-z0-9_]/;

/** ARGs BuildKit defines itself (platform of the build and of the target): never known here. */
const BUILDER_ARGS = new Set([
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'TARGETSTAGE',
]);

/** Expands one argument word. Never throws. */
export function expandWord(word: string, escapeChar: string, lookup: Lookup): Expansion {
  const lexer = new WordLexer(word, escapeChar, lookup);
  try {
    const value = lexer.processUntil(null);
    return {
      ok: true,
      value,
      origins: lexer.origins,
      single: lexer.segments.length === 1 ? (lexer.segments[0] ?? null) : null,
      substituted: lexer.substituted,
    };
  } catch (e) {
    if (e instanceof Unresolvable) return { ok: false, detail: e.message, malformed: false };
    if (e instanceof Malformed) return { ok: false, detail: e.message, malformed: true };
    return { ok: false, detail: `cannot expand ${word}`, malformed: true };
  }
}

class WordLexer {
  private pos = 0;
  readonly origins: ValueOrigin[] = [];
  /** what the top-level word is made of: a value straight from a declaration, or null for
   * anything else (literal text, a default word, a value with no declaration) */
  readonly segments: Array<ValueOrigin | null> = [];
  substituted = false;
  private depth = 0;

  constructor(
    private readonly s: string,
    private readonly esc: string,
    private readonly lookup: Lookup,
  ) {}

  /** Processes up to `stop` (not consumed) or the end. */
  processUntil(stop: string | null): string {
    let out = '';
    while (this.pos < this.s.length) {
      const ch = this.s[this.pos] as string;
      if (stop !== null && ch === stop) break;
      if (ch === "'") out += this.literal(this.singleQuoted());
      else if (ch === '"') out += this.doubleQuoted();
      else if (ch === '$') out += this.dollar();
      else if (ch === this.esc) {
        this.pos++;
        const next = this.s[this.pos];
        if (next !== undefined) this.pos++;
        out += this.literal(next ?? '');
      } else {
        this.pos++;
        out += this.literal(ch);
      }
    }
    return out;
  }

  private literal(text: string): string {
    if (this.depth === 0 && text) this.segments.push(null);
    return text;
  }

  private singleQuoted(): string {
    const end = this.s.indexOf("'", this.pos + 1);
    if (end < 0) throw new Malformed('unterminated single quote');
    const text = this.s.slice(this.pos + 1, end);
    this.pos = end + 1;
    return text;
  }

  private doubleQuoted(): string {
    this.pos++;
    let out = '';
    while (this.pos < this.s.length) {
      const ch = this.s[this.pos] as string;
      if (ch === '"') {
        this.pos++;
        return out;
      }
      if (ch === '$') out += this.dollar();
      else if (ch === this.esc && ['"', '$', this.esc].includes(this.s[this.pos + 1] ?? '')) {
        out += this.literal(this.s[this.pos + 1] as string);
        this.pos += 2;
      } else {
        out += this.literal(ch);
        this.pos++;
      }
    }
    throw new Malformed('unterminated double quote');
  }

  private dollar(): string {
    this.pos++; // the $
    const next = this.s[this.pos];
    if (next === '{') {
      this.pos++;
      return this.braced();
    }
    const name = this.name();
    if (!name) return this.literal('$');
    return this.substitute(name, this.required(name));
  }

  private name(): string {
    const start = this.pos;
    while (this.pos < this.s.length && NAME_CHAR.test(this.s[this.pos] as string)) this.pos++;
    return this.s.slice(start, this.pos);
  }

  private braced(): string {
    const name = this.name();
    if (!name) throw new Malformed('bad substitution: missing variable name');
    if (this.s[this.pos] === '}') {
      this.pos++;
      return this.substitute(name, this.required(name));
    }
    const colon = this.s[this.pos] === ':';
    if (colon) this.pos++;
    const modifier = this.s[this.pos];
    if (modifier !== '-' && modifier !== '+' && modifier !== '?') {
      throw new Malformed(`unsupported substitution in \${${name}…}`);
    }
    this.pos++;
    this.depth++;
    const word = this.processUntil('}');
    this.depth--;
    if (this.s[this.pos] !== '}') throw new Malformed(`missing } after \${${name}`);
    this.pos++;
    const binding = this.lookup(name);
    const isSet = binding !== undefined && binding.value !== null && (!colon || binding.value !== '');
    if (modifier === '-') {
      if (isSet) return this.substitute(name, binding);
      this.substituted = true;
      if (this.depth === 0 && word) this.segments.push(null); // a default is not a declaration
      return word;
    }
    if (modifier === '+') {
      this.substituted = true;
      if (this.depth === 0 && isSet && word) this.segments.push(null);
      return isSet ? word : '';
    }
    if (!isSet) throw new Unresolvable(word || `${name} has no default value`);
    return this.substitute(name, binding);
  }

  private required(name: string): Binding {
    const binding = this.lookup(name);
    if ((binding === undefined || binding.value === null) && BUILDER_ARGS.has(name)) {
      throw new Unresolvable(`${name} is set by the builder for each build`);
    }
    if (binding === undefined) throw new Unresolvable(`${name} is not declared with ARG before this line`);
    if (binding.value === null) throw new Unresolvable(`${name} has no default value`);
    return binding;
  }

  private substitute(name: string, binding: Binding): string {
    const value = binding.value;
    if (value === null) throw new Unresolvable(`${name} has no default value`);
    this.substituted = true;
    if (binding.origin) this.origins.push(binding.origin);
    if (this.depth === 0) this.segments.push(binding.origin);
    return value;
  }
}
