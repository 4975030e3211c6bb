/**
 * The action registry. Every run is keyed: the first completed run of a key records its result
 * (table `action_runs`), and any later run with that key returns the record instead of acting
 * again. That is what makes "re-run after a crash" safe for the engine.
 */
import { ActionError, unknownAction } from './errors';
import { GELSENKIRCHEN_LOCATIONS, book, cancel, freeSlots, migrateCalendar } from './calendar';
import { enqueueNotification, migrateOutbox } from './notify';
import type { ActionContext, ActionHandler, ActionRegistry, ActionRegistryDeps } from './types';

function migrateRuns(deps: ActionRegistryDeps): void {
  deps.db.exec(`
    CREATE TABLE IF NOT EXISTS action_runs (
      key TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      result BLOB NOT NULL,
      sealed INTEGER NOT NULL,
      created_at TEXT NOT NULL
    );
  `);
}

/** Creates the registry with the built-in actions calendar.book, calendar.cancel, calendar.free_slots, notify.send. */
export function createActionRegistry(deps: ActionRegistryDeps): ActionRegistry {
  const { db, sealer } = deps;
  migrateCalendar(db);
  migrateOutbox(db);
  migrateRuns(deps);
  const calendar = { locations: deps.locations ?? GELSENKIRCHEN_LOCATIONS, today: deps.today, minutes: deps.concernMinutes };

  const handlers = new Map<string, ActionHandler>([
    ['calendar.book', (input, ctx) => book(db, calendar, input, ctx.idempotencyKey, ctx.now)],
    ['calendar.cancel', (input) => cancel(db, calendar, input)],
    ['calendar.free_slots', (input) => freeSlots(db, calendar, input)],
    ['notify.send', (input, ctx) => enqueueNotification(db, sealer, {
      id: ctx.idempotencyKey, sessionId: ctx.sessionId, to: input.to as string | undefined,
      template: input.template as string, data: (input.data ?? {}) as Record<string, unknown>, now: ctx.now,
    })],
  ]);
  // The built-ins are idempotent by themselves (bookings and outbox rows carry the key, cancel and
  // free_slots can repeat), so they skip the extra record and its fsync.
  const selfIdempotent = new Set(handlers.keys());

  const findRun = db.prepare('SELECT result, sealed FROM action_runs WHERE key = ?');
  const saveRun = db.prepare('INSERT OR IGNORE INTO action_runs (key, name, result, sealed, created_at) VALUES (?, ?, ?, ?, ?)');

  function recorded(key: string): { found: boolean; result?: unknown } {
    const row = findRun.get(key) as { result: Buffer; sealed: number } | undefined;
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
      const prior = recorded(ctx.idempotencyKey);
      if (prior.found) return prior.result;
      const result = await handler(input ?? {}, ctx);
      const text = result === undefined ? 'undefined' : JSON.stringify(result);
      saveRun.run(ctx.idempotencyKey, name, sealer ? sealer.seal(text) : Buffer.from(text, 'utf8'), sealer ? 1 : 0, ctx.now);
      return result;
    },
    has: (name) => handlers.has(name),
    names: () => [...handlers.keys()].sort(),
    register(name, handler, opts) {
      handlers.set(name, handler);
      if (opts?.idempotent) selfIdempotent.add(name);
      else selfIdempotent.delete(name);
    },
  };
}
