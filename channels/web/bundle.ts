import { join } from 'node:path';
import { build } from 'esbuild';

const cache = new Map<string, Promise<string>>();

/**
 * Bundles a browser entry file with esbuild on first request and keeps the result in memory.
 * Everything the page runs comes from this server: no CDN, no inline script (CSP script-src 'self').
 */
export function bundleScript(entry: string): Promise<string> {
  let p = cache.get(entry);
  if (!p) {
    p = build({
      entryPoints: [entry], bundle: true, write: false, format: 'iife', platform: 'browser',
      target: ['es2020'], minify: true, sourcemap: false, logLevel: 'silent', charset: 'utf8',
    }).then((r) => r.outputFiles[0].text);
    // A failed build is not cached: the next request tries again after the file is fixed.
    p.catch(() => cache.delete(entry));
    cache.set(entry, p);
  }
  return p;
}

/** Absolute path of a client entry inside `channels/<area>/client/`. */
export function clientEntry(area: 'web' | 'desk', file: string): string {
  return join(__dirname, '..', area, 'client', file);
}
