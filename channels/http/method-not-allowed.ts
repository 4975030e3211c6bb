/**
 * A known path asked with a method it does not serve gets 405 with `Allow` (RFC 9110), not 404:
 * the app's own route table says which methods a path has.
 */

function pattern(path: string): RegExp {
  const body = path.split('/').map((part) => {
    if (part.startsWith(':')) return '[^/]+';
    if (part === '*') return '.*';
    return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }).join('/');
  return new RegExp(`^${body}$`);
}

/** The methods the app serves at `path` (HEAD with every GET), empty when the path is unknown. */
export function allowedMethods(app: { routes: readonly { method: string; path: string }[] }, path: string): string[] {
  const methods = new Set<string>();
  for (const route of app.routes) {
    if (route.method === 'ALL') continue;
    if (pattern(route.path).test(path)) methods.add(route.method);
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}
