/** Errors of the web chat channel. */

/** The chat page script could not be built (a broken client file or a missing esbuild). */
export class ClientBuildError extends Error {
  readonly code = 'client_build';
  constructor(entry: string, cause: unknown) {
    super(`Could not bundle ${entry}: ${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}. Run "npx esbuild ${entry} --bundle" to see the full error and fix the file.`);
    this.name = 'ClientBuildError';
  }
}
