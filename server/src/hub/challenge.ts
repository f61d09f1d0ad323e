// WWW-Authenticate parsing (RFC 7235 §4.1 / RFC 6750 §3): one header may carry several challenges,
// e.g. `Bearer realm="…",service="…",scope="a,b", Basic realm="…"`. Parameter names are folded to
// lower case; quoted values keep their commas; a token68 (`Negotiate abc==`) becomes `token68`.

export interface Challenge {
  /** lower case: "bearer", "basic", … */
  scheme: string;
  params: Record<string, string>;
}

export function parseChallenges(header: string | null | undefined): Challenge[] {
  if (!header) return [];
  const out: Challenge[] = [];
  let i = 0;
  const s = header;
  const skipWs = (): void => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  };
  const readToken = (): string => {
    const start = i;
    while (i < s.length && /[!#$%&'*+\-.^_`|~0-9A-Za-z]/.test(s[i] as string)) i++;
    return s.slice(start, i);
  };
  // lenient: real servers send unquoted URLs (`realm=https://…`), which are not RFC tokens
  const readBare = (): string => {
    const start = i;
    while (i < s.length && !/[\s,]/.test(s[i] as string)) i++;
    return s.slice(start, i);
  };
  const readQuoted = (): string => {
    i++; // opening quote
    let v = '';
    while (i < s.length && s[i] !== '"') {
      if (s[i] === '\\' && i + 1 < s.length) i++;
      v += s[i];
      i++;
    }
    i++; // closing quote
    return v;
  };
  let current: Challenge | null = null;
  while (i < s.length) {
    skipWs();
    if (s[i] === ',') {
      i++;
      continue;
    }
    const start = i;
    const token = readToken();
    if (token === '') {
      i++; // stray character: skip it rather than loop forever
      continue;
    }
    skipWs();
    if (s[i] === '=' && current && s[i + 1] !== '=') {
      i++;
      skipWs();
      const value = s[i] === '"' ? readQuoted() : readBare();
      current.params[token.toLowerCase()] = value;
      continue;
    }
    if (s[i] === '=' && current) {
      // token68 after a scheme (ends with '='s)
      while (i < s.length && s[i] === '=') i++;
      current.params.token68 = s.slice(start, i);
      continue;
    }
    current = { scheme: token.toLowerCase(), params: {} };
    out.push(current);
    skipWs();
    // a token68 directly after the scheme: letters/digits/-._~+/ then '='*
    const t68 = /^[A-Za-z0-9\-._~+/]+=*(?=\s*(,|$))/.exec(s.slice(i));
    if (t68 && !/=/.test(t68[0].replace(/=+$/, '')) && !/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+\s*=[^=]/.test(s.slice(i))) {
      current.params.token68 = t68[0];
      i += t68[0].length;
    }
  }
  return out;
}

export function findChallenge(challenges: Challenge[], scheme: 'bearer' | 'basic'): Challenge | undefined {
  return challenges.find((c) => c.scheme === scheme);
}
