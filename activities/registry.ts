/**
 * The action registry. Every run is keyed: the first completed run of a key records its result
 * (the shared store's idempotency records), and any later run with that key returns the record
 * instead of acting again. That is what makes "re-run after a crash" safe for every host.
 */
import type { SharedStore } from '../store/contract';
import { openStore } from '../store/open';
import { ActionError, unknownAction } from './errors';
import { GELSENKIRCHEN_LOCATIONS, book, cancel, freeSlots } from './calendar';
import { enqueueSubmission } from './submit';
import { bookingLimitsFromEnv } from './calendar/limits';
import { enqueueNotification } from './notify';
import { challengeAddress, verifyAddress } from './address';
import type { ActionContext, ActionHandler, ActionRegistry, ActionRegistryDeps } from './types';

/** The store of the deps: given, or (older callers) a SQLite store on the file of `db`. */
function storeOf(deps: ActionRegistryDeps): { store: Promise<SharedStore>; owned: boolean } {
  if (deps.store) return { store: Promise.resolve(deps.store), owned: false };
  if (!deps.db || deps.db.memory) throw new Error('createActionRegistry needs a shared store (openStore) or a file-backed SQLite database.');
  return { store: openStore({ url: `sqlite:${deps.db.name}` }), owned: true };
}

/** Creates the registry with the built-in actions calendar.book, calendar.cancel, calendar.free_slots, notify.send. */
export function createActionRegistry(deps: ActionRegistryDeps): ActionRegistry {
  const { sealer } = deps;
  const { store: ready, owned } = storeOf(deps);
  // A store that fails to open fails each run (retryably), never the process.
  ready.catch(() => undefined);
  const calendar = { locations: deps.locations ?? GELSENKIRCHEN_LOCATIONS, today: deps.today, minutes: deps.concernMinutes, limits: deps.bookingLimits ?? bookingLimitsFromEnv() };

  const handlers = new Map<string, ActionHandler>([
    ['calendar.book', async (input, ctx) => book((await ready).calendar, calendar, input, ctx.idempotencyKey, ctx.now)],
    ['calendar.cancel', async (input, ctx) => cancel((await ready).calendar, calendar, input, ctx.now)],
    ['calendar.free_slots', async (input) => freeSlots((await ready).calendar, calendar, input)],
    ['notify.send', async (input, ctx) => enqueueNotification((await ready).outbox, sealer, {
      id: ctx.idempotencyKey, sessionId: ctx.sessionId, to: input.to as string | undefined, locale: ctx.locale,
      template: input.template as string, data: (input.data ?? {}) as Record<string, unknown>, now: ctx.now,
    })],
    ['submit.http', async (input, ctx) => enqueueSubmission((await ready).outbox, sealer, {
      id: ctx.idempotencyKey, sessionId: ctx.sessionId, input, now: ctx.now, locale: ctx.locale,
    })],
  ]);
  // The built-ins are idempotent by themselves (bookings and outbox rows carry the key, cancel and
  // free_slots can repeat), so they skip the extra record and its write.
  const selfIdempotent = new Set(handlers.keys());
  // A code's challenge and check are recorded per key: a retry mails nothing twice and answers the same.
  handlers.set('address.challenge', async (input, ctx) => challengeAddress(await ready, sealer, input, ctx));
  handlers.set('address.verify', async (input, ctx) => verifyAddress(await ready, sealer, input, ctx));

  async function recorded(key: string): Promise<{ found: boolean; result?: unknown }> {
    const row = await (await ready).idempotency.find(key);
    if (!row) return { found: false };
    const text = row.sealed && sealer ? sealer.open(row.result) : row.result.toString('utf8');
    return { found: true, result: text === 'undefined' ? undefined : JSON.parse(text) };
  }

  return {
    async run(name: string, input: Record<string, unknown>, ctx: ActionContext): Promise<unknown> {
      const handler = handlers.get(name);
      if (!handler) throw unknownAction(name, [...handlers.keys()]);
      if (!ctx.idempotencyKey) throw new ActionError('missing_key', `Action ${name} was called without an idempotency key; the host must pass one.`, false);
      if (selfIdempotent.has(name)) return handler(input ?? {}, ctx);
      const prior = await recorded(ctx.idempotencyKey);
      if (prior.found) return prior.result;
      const result = await handler(input ?? {}, ctx);
      const text = result === undefined ? 'undefined' : JSON.stringify(result);
      const mine = { key: ctx.idempotencyKey, name, result: sealer ? sealer.seal(text) : Buffer.from(text, 'utf8'), sealed: Boolean(sealer), createdAt: ctx.now };
      const kept = await (await ready).idempotency.record(mine);
      // Another host finished the same key first: its result is the one that counts.
      if (kept !== mine) return (await recorded(ctx.idempotencyKey)).result;
      return result;
    },
    has: (name) => handlers.has(name),
    names: () => [...handlers.keys()].sort(),
    register(name, handler, opts) {
      handlers.set(name, handler);
      if (opts?.idempotent) selfIdempotent.add(name);
      else selfIdempotent.delete(name);
    },
    store: () => ready,
    async close() {
      if (owned) await (await ready.catch(() => undefined))?.close();
    },
  };
}
