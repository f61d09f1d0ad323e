// An entry of a known-malicious list (the product's or a user's): what it matches and the public
// report it comes from. The format and its checks are policy's (policy/malicious/list.ts).

export type MaliciousMatch = 'namespace' | 'repository' | 'digest';

export interface MaliciousEntry {
  match: MaliciousMatch;
  /** normalised: `registry/namespace`, `registry/repository` or the digest */
  value: string;
  /** the public report (http(s) URL) */
  source: string;
  /** when it was reported, YYYY-MM-DD */
  reported: string;
  note: string | null;
  /** the list it came from: `built-in` or the file as the user named it */
  list: string;
}
