/**
 * `submit.http`: hands a finished case to a back-office system (Fachverfahren) through the
 * durable outbox. The core adds the case (slots with evidence, values, definition hash, outcome);
 * this queues it sealed under the effect's idempotency key for the endpoint named in `endpoint`.
 * Delivery — signed JSON over HTTPS with retries — is channels/fachverfahren's job.
 */
import type { OutboxStore } from '../store/contract';
import { enqueueSealed } from '../store/sealed-outbox';
import { badInput } from './errors';
import type { Sealer } from './types';

/** Outbox template name of back-office submissions. */
export const SUBMISSION_TEMPLATE = 'submit.http';

export async function enqueueSubmission(
  outbox: OutboxStore, sealer: Sealer | undefined,
  entry: { id: string; sessionId: string; input: Record<string, unknown>; now: string; locale?: string },
): Promise<{ queued: string; endpoint: string }> {
  const endpoint = entry.input.endpoint;
  if (typeof endpoint !== 'string' || !/^[a-z][a-z0-9_-]*$/.test(endpoint)) throw badInput('submit.http', 'endpoint', 'the name of a configured Fachverfahren endpoint, e.g. "hundesteuer"');
  const payload = entry.input.case;
  if (typeof payload !== 'object' || payload === null) throw badInput('submit.http', 'case', 'the case the session core adds (run it from a definition)');
  await enqueueSealed(outbox, sealer, {
    id: entry.id, sessionId: entry.sessionId, template: SUBMISSION_TEMPLATE, channel: 'http', to: endpoint,
    data: { ...(payload as Record<string, unknown>), id: entry.id }, now: entry.now, locale: entry.locale,
  });
  return { queued: entry.id, endpoint };
}
