// proxy-from-env ships no types.
declare module 'proxy-from-env' {
  /** The proxy URL for `url` from HTTP(S)_PROXY / NO_PROXY, or '' for a direct connection. */
  export function getProxyForUrl(url: string | URL): string;
}
