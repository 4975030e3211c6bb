/**
 * Maps errors thrown by an Engine to HTTP answers without importing the engine's classes (the
 * Temporal engine has its own): the class name or `code` tells what happened.
 */
export function httpStatusOfEngineError(err: unknown): { status: 404 | 409 | 400 | 410 | 500; code: string; message: string } {
  const e = err as { name?: string; code?: string; message?: string };
  // A case worker's action the core refused (StaffActionRefusedError): the code says why.
  if (e?.code === 'not_taken' || e?.code === 'taken_by_other') return { status: 409, code: e.code, message: safeMessage(e.message) };
  if (e?.code === 'unknown_slot' || e?.code === 'invalid_value' || e?.code === 'reason_required') return { status: 400, code: e.code, message: safeMessage(e.message) };
  const tag = `${e?.name ?? ''} ${e?.code ?? ''}`.toLowerCase();
  if (/purged/.test(tag)) return { status: 410, code: 'purged', message: 'The personal data of this case was deleted after its retention period.' };
  if (/notfound|not_found|unknown/.test(tag)) return { status: 404, code: 'not_found', message: 'No case with this id. Reload the case list.' };
  if (/busy|closed|finished|state|conflict|taken/.test(tag)) {
    return { status: 409, code: 'conflict', message: `The case cannot do this now: ${safeMessage(e?.message)}` };
  }
  if (/invalid|validation|badrequest|bad_request/.test(tag)) return { status: 400, code: 'bad_request', message: safeMessage(e?.message) };
  return { status: 500, code: 'internal', message: 'Internal error. The incident is logged; try again or contact the operator.' };
}

// Engine messages name states and ids, never personal data; cut them short all the same.
function safeMessage(m: string | undefined): string {
  return (m ?? 'unknown reason').slice(0, 300);
}
