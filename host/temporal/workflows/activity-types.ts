/** The activities the session workflow calls; implemented in worker/activities.ts. */
export interface SessionActivities {
  /**
   * Runs one named action from the action registry. The idempotency key is the session id plus
   * the core's effect id, identical on every retry and every replay, so the action acts once.
   */
  runAction(name: string, input: Record<string, unknown>, idempotencyKey: string, sessionId: string): Promise<unknown>;
}
