// The product version: package.json's "version", written in by the bundler (esbuild.mjs `define`).
// Unbundled code (tests run through tsx) has none and says so.
declare const IMAGE_TRUST_VERSION: string | undefined;

export const VERSION: string = typeof IMAGE_TRUST_VERSION === 'string' ? IMAGE_TRUST_VERSION : '0.0.0-dev';
