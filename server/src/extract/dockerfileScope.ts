// Which ARG / ENV values a Dockerfile line sees, by Docker's rules:
// - global ARGs (before the first FROM) are seen by FROM lines only;
// - inside a stage, ARG X=v and ENV X=v set X; `ARG X` with no value takes the global default of
//   X when there is one (that is how a global ARG is brought into a stage);
// - a stage built FROM an earlier stage inherits that stage's ENV (not its ARGs).
import type { Arg, Env, Property } from 'dockerfile-ast';
import type { LineIndex } from '../model/range.js';
import { expandWord, type Binding, type Lookup, type ValueOrigin } from './dockerfileWords.js';

export type Variables = Map<string, Binding>;

export function lookupIn(vars: Variables): Lookup {
  return (name) => vars.get(name);
}

/** Applies the declarations of one ARG instruction to `vars`; `globals` is null for global ARGs. */
export function declareArgs(
  arg: Arg,
  vars: Variables,
  globals: Variables | null,
  index: LineIndex,
  escapeChar: string,
): void {
  for (const property of argDeclarations(arg, index)) {
    const name = property.getName();
    if (property.getValueRange() === null) {
      const inherited = globals?.get(name);
      vars.set(name, inherited ?? { value: null, origin: null });
    } else {
      vars.set(name, bindValue('ARG', property, vars, index, escapeChar));
    }
  }
}

type Declaration = Pick<Property, 'getName' | 'getValue' | 'getValueRange'>;

/**
 * The `name[=default]` words of an ARG. dockerfile-ast reads `ARG A B` the way ENV's old
 * `key value` form is read (A with default B); BuildKit reads every word as its own declaration,
 * so `A B` is two names without defaults. When some property was read that way, the words are
 * taken one by one instead.
 */
function argDeclarations(arg: Arg, index: LineIndex): Declaration[] {
  const properties = arg.getProperties();
  const spaced = properties.some((p) => {
    const value = p.getValueRange();
    return value !== null && index.text[index.offsetAt(p.getNameRange().end)] !== '=';
  });
  if (!spaced) return properties;
  return arg.getArguments().map((word) => {
    const written = word.getValue();
    const eq = written.indexOf('=');
    const start = index.offsetAt(word.getRange().start);
    const valueRange = eq < 0 ? null : index.rangeOf(start + eq + 1, index.offsetAt(word.getRange().end));
    return {
      getName: () => (eq < 0 ? written : written.slice(0, eq)),
      getValue: () => (eq < 0 ? null : written.slice(eq + 1)),
      getValueRange: () => valueRange,
    };
  });
}

/** Applies the `ENV key=value` pairs of one ENV instruction to a stage's variables and its ENV. */
export function declareEnv(env: Env, vars: Variables, stageEnv: Variables, index: LineIndex, escapeChar: string): void {
  for (const property of env.getProperties()) {
    if (property.getValueRange() === null) continue;
    const binding = bindValue('ENV', property, vars, index, escapeChar);
    vars.set(property.getName(), binding);
    stageEnv.set(property.getName(), binding);
  }
}

function bindValue(
  keyword: 'ARG' | 'ENV',
  property: Declaration,
  vars: Variables,
  index: LineIndex,
  escapeChar: string,
): Binding {
  const valueRange = property.getValueRange();
  const name = property.getName();
  if (valueRange === null) return { value: null, origin: null };
  let start = index.offsetAt(valueRange.start);
  let end = index.offsetAt(valueRange.end);
  const raw = index.text.slice(start, end);
  if (/[\r\n]/.test(raw)) {
    // continued over lines: take the parser's unescaped value as is
    return { value: property.getValue(), origin: { keyword, name, range: null, text: raw, pinnable: false } };
  }
  const expansion = expandWord(raw, escapeChar, (n) => vars.get(n));
  if (!expansion.ok) return { value: null, origin: null };
  const quote = raw[0];
  if (raw.length >= 2 && (quote === '"' || quote === "'") && raw.endsWith(quote)) {
    start++;
    end--;
  }
  const inner = index.text.slice(start, end);
  const pinnable = inner === expansion.value && inner !== '' && !/[\s"'$]/.test(inner) && !inner.includes(escapeChar);
  return { value: expansion.value, origin: { keyword, name, range: index.rangeOf(start, end), text: inner, pinnable } };
}

export type { ValueOrigin };
