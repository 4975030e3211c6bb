/** Errors of the web chat channel. */

/** The chat page script could not be built (a broken client file or a missing esbuild). */
export class ClientBuildError extends Error {
  readonly code = 'client_build';
  constructor(entry: string, cause: unknown) {
    super(`Could not bundle ${entry}: ${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}. Run "npx esbuild ${entry} --bundle" to see the full error and fix the file.`);
    this.name = 'ClientBuildError';
  }
}

/** One problem of a branding file: a code, the field and what to do. */
export interface BrandingProblem { code: 'yaml' | 'schema' | 'contrast' | 'crest' | 'missing'; path: string; message: string }

/** The branding file is unusable; `problems` names every field and its fix. */
export class BrandingError extends Error {
  readonly code = 'branding';
  constructor(readonly file: string, readonly problems: BrandingProblem[]) {
    super(`${file}: ${problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join(' ')}`);
    this.name = 'BrandingError';
  }
}
