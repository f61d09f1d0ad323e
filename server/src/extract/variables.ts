// Variable syntaxes that appear in image strings, per file type. Extraction has no environment:
// a variable resolves only through a default written next to it (Compose) or a literal value
// declared in the same file (GitLab CI). Anything else is reported, never guessed.

/** What a written image string means once its variables are considered. */
export type Resolution =
  { kind: 'literal' } | { kind: 'resolved'; value: string } | { kind: 'unresolved'; detail: string };

export type Resolver = (written: string) => Resolution;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Compose interpolation (compose-spec "Interpolation"): `$$` is a literal `$`; `$VAR`, `${VAR}`
 * need the environment; `${VAR:-default}` / `${VAR-default}` resolve to their default (which may
 * itself interpolate); `${VAR:?err}`, `${VAR?err}`, `${VAR:+alt}`, `${VAR+alt}` depend on the
 * environment and do not resolve.
 */
export const composeResolver: Resolver = (written) => {
  if (!written.includes('$')) return { kind: 'literal' };
  const r = interpolate(written, 0, false);
  if ('error' in r) return { kind: 'unresolved', detail: r.error };
  return r.value === written ? { kind: 'literal' } : { kind: 'resolved', value: r.value };
};

type Interpolated = { value: string; end: number } | { error: string };

/** Interpolates from `i` to the end, or (inside a default) to the closing `}`. */
function interpolate(s: string, i: number, inBraces: boolean): Interpolated {
  let out = '';
  while (i < s.length) {
    const c = s[i];
    if (inBraces && c === '}') return { value: out, end: i };
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = s[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      const r = braced(s, i + 2);
      if ('error' in r) return r;
      out += r.value;
      i = r.end + 1;
    } else {
      const name = NAME.exec(s.slice(i + 1))?.[0];
      if (!name) {
        out += '$';
        i++;
        continue;
      }
      return { error: `${name} has no default value (written as $${name})` };
    }
  }
  if (inBraces) return { error: 'unterminated ${ in the image string' };
  return { value: out, end: i };
}

/** `${…}` starting after the brace: NAME, then optional operator and default, then `}`. */
function braced(s: string, i: number): Interpolated {
  const name = NAME.exec(s.slice(i))?.[0];
  if (!name) return { error: 'invalid variable syntax ${ in the image string' };
  let j = i + name.length;
  if (s[j] === '}') return { error: `${name} has no default value (written as \${${name}})` };
  const op = s.startsWith(':-', j)
    ? ':-'
    : s[j] === '-'
      ? '-'
      : s.startsWith(':?', j) || s[j] === '?'
        ? '?'
        : s.startsWith(':+', j) || s[j] === '+'
          ? '+'
          : null;
  if (op === null) return { error: `invalid variable syntax after \${${name}` };
  if (op === '?') return { error: `${name} is required and has no default value` };
  if (op === '+') return { error: `${name} selects a value only when it is set` };
  j += op.length;
  const inner = interpolate(s, j, true);
  if ('error' in inner) return inner;
  return { value: inner.value, end: inner.end };
}

/**
 * `$VAR`, `${VAR}` (and `%VAR%` when `percent`), looked up in `lookup` (values declared in the
 * file), recursively (values may name other variables) up to a small depth. `$$` is a literal `$`.
 * A name `lookup` does not know does not resolve; `unknown` says why, for people.
 */
export function dollarResolver(options: {
  lookup: (name: string) => string | undefined;
  unknown: (name: string) => string;
  percent?: boolean;
}): Resolver {
  const pattern = options.percent ? GITLAB_VAR : DOLLAR_VAR;
  return (written) => {
    if (!written.includes('$') && !(options.percent && /%[A-Za-z_]/.test(written))) return { kind: 'literal' };
    const r = expandDollars(written, pattern, options, 0, []);
    if ('error' in r) return { kind: 'unresolved', detail: r.error };
    return r.value === written ? { kind: 'literal' } : { kind: 'resolved', value: r.value };
  };
}

/**
 * GitLab CI variables: `$VAR`, `${VAR}` and `%VAR%`, looked up in `lookup` (the file's literal
 * `variables:`). Predefined `CI_*` / `GITLAB_*` variables and undeclared ones do not resolve.
 */
export function gitlabResolver(lookup: (name: string) => string | undefined): Resolver {
  return dollarResolver({
    lookup,
    percent: true,
    unknown: (name) =>
      /^(CI|GITLAB)_/.test(name)
        ? `${name} is a predefined GitLab CI variable, known only when the pipeline runs`
        : `${name} is not declared with a literal value in this file's variables`,
  });
}

/** `$VAR`, `${VAR}`, `${VAR:-default}` and the like, set by the CI system or its environment:
 * known only when `when` (e.g. "the pipeline runs"). */
export function runtimeResolver(when: string): Resolver {
  return (written) => {
    const m = /\$(?:\{([^}]*)\}?|([A-Za-z_][A-Za-z0-9_]*))/.exec(written.replace(/\$\$/g, ''));
    if (!m) return { kind: 'literal' };
    const name = m[2] ?? /^[A-Za-z_][A-Za-z0-9_]*/.exec(m[1] ?? '')?.[0] ?? `\${${m[1] ?? ''}}`;
    return { kind: 'unresolved', detail: `${name} is known only when ${when}` };
  };
}

const GITLAB_VAR = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)|%([A-Za-z_][A-Za-z0-9_]*)%/g;
const DOLLAR_VAR = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

function expandDollars(
  s: string,
  pattern: RegExp,
  options: { lookup: (name: string) => string | undefined; unknown: (name: string) => string },
  depth: number,
  chain: string[],
): { value: string } | { error: string } {
  let error: string | null = null;
  const value = s.replace(pattern, (whole, a?: string, b?: string, c?: string) => {
    if (whole === '$$') return '$';
    const name = a ?? b ?? c ?? '';
    if (error) return whole;
    const v = options.lookup(name);
    if (v === undefined) {
      error = options.unknown(name);
      return whole;
    }
    if (chain.includes(name) || depth >= 8) {
      error = `${name} refers to itself through other variables`;
      return whole;
    }
    const inner = expandDollars(v, pattern, options, depth + 1, [...chain, name]);
    if ('error' in inner) {
      error = inner.error;
      return whole;
    }
    return inner.value;
  });
  return error ? { error } : { value };
}

/** Helm / Go templates (`{{ … }}`): never resolvable from the file. */
export function templateResolution(written: string): Resolution | null {
  if (!written.includes('{{')) return null;
  return { kind: 'unresolved', detail: 'the image is a template expression ({{ … }}), known only when rendered' };
}

/** GitHub Actions expressions (`${{ … }}`): known only when the workflow runs. */
export const githubResolver: Resolver = (written) => {
  if (!written.includes('${{')) return { kind: 'literal' };
  const expr = /\$\{\{\s*(.*?)\s*\}\}/.exec(written)?.[1] ?? '';
  return { kind: 'unresolved', detail: `the expression \${{ ${expr} }} is known only when the workflow runs` };
};

/** Kubernetes manifests and Helm values: literal, except template expressions. */
export const templateResolver: Resolver = (written) => templateResolution(written) ?? { kind: 'literal' };
