/**
 * The workflow's clock. Inside Temporal's workflow sandbox `Date` is replaced by a deterministic
 * one: it returns the time of the current workflow task as recorded in the history, so a replay
 * sees exactly the instants the original run saw. This is the one place in workflows/ that reads
 * it; the session core still receives `now` as a parameter.
 */

/** The current workflow-task time as an ISO instant (deterministic under replay). */
export function workflowNow(): string {
  // eslint-disable-next-line no-restricted-syntax -- sandboxed Date is replay-safe (see file comment)
  return new Date(Date.now()).toISOString();
}

/** Milliseconds from the workflow's now until `iso` (0 if past). */
export function msUntil(iso: string): number {
  // eslint-disable-next-line no-restricted-syntax -- sandboxed Date is replay-safe (see file comment)
  return Math.max(0, Date.parse(iso) - Date.now());
}
