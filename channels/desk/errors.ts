/** Errors of the case-worker desk, mapped to HTTP answers. */
export class DeskRequestError extends Error {
  constructor(readonly status: 400 | 403 | 404 | 409 | 413 | 415 | 422, readonly code: string, message: string) {
    super(message);
    this.name = 'DeskRequestError';
  }
}
