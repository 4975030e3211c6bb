/**
 * The embedded engine: the host loop of the pure session core over one SQLite file.
 *
 * A turn: step() → one committed transaction (event on the hash chain, snapshot, transcript,
 * effects, timers) → run the action effects it asked for (idempotency key = session/effect id,
 * retries with backoff) → feed each result back through step() as its own committed event.
 * A crash between any two commits leaves a consistent session; on start, pending effects run
 * again with their old keys and overdue timers fire.
 */
import { join } from 'node:path';
import { step } from '../core/session';
import type { CompiledService, Effect, OutgoingMessage, SessionEvent, SessionSnapshot } from '../core/session/types';
import type { Locale } from '../core/definition/schema';
import { createActionRegistry } from '../activities/registry';
import { ActionError } from '../activities/errors';
import { derivedKey, hashToken, loadMasterKey, newSessionId, newToken, open, seal, tokenMatches } from './crypto';
import { openDatabase } from './db';
import { EngineClosedError, MessageTooLargeError, SessionClosedError, UnknownServiceError } from './errors';
import { verifyChain } from './hash-chain';
import { logger } from './logger';
import type { EmbeddedEngine, EmbeddedEngineOptions, SessionExport } from './options';
import { berlinDate } from './reference-date';
import { createScheduler } from './scheduler';
import { SessionQueue } from './session-queue';
import { SessionStore } from './store';
import type { CaseSummary, OutboundMessage, ServiceInfo, TurnResult } from './types';
import { toCaseDetail, toCaseSummary, toSessionView } from './views';

/** Largest accepted citizen message, in UTF-8 bytes. */
export const MAX_MESSAGE_BYTES = 4096;

type ActionEffect = Extract<Effect, { kind: 'action' }>;
const log = logger.child('engine');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function localized(text: unknown, locale: string): string {
  if (typeof text === 'string') return text;
  const t = text as Record<string, string | undefined>;
  return t[locale] ?? t.de ?? '';
}

/** Creates the embedded engine; resumes unfinished effects and overdue timers of earlier runs. */
export async function createEmbeddedEngine(opts: EmbeddedEngineOptions): Promise<EmbeddedEngine> {
  const clock = opts.now ?? (() => new Date());
  const nowIso = () => clock().toISOString();
  const master = loadMasterKey(opts.keyFile ?? join(opts.dataDir, 'master.key'));
  const db = openDatabase(opts.dataDir, opts.synchronous ?? 'FULL');
  const outboxKey = derivedKey(master, 'outbox');
  const sealer = { seal: (t: string) => seal(outboxKey, t, 'outbox'), open: (b: Buffer) => open(outboxKey, b, 'outbox').toString('utf8') };
  const actions = createActionRegistry({ db, today: opts.today, sealer });
  for (const [name, handler] of Object.entries(opts.actions ?? {})) actions.register(name, handler);
  const store = new SessionStore(db, master, sealer);
  const queue = new SessionQueue(opts.maxWaiting ?? 1);
  const attempts = Math.max(1, opts.retry?.attempts ?? 3);
  const baseDelay = opts.retry?.baseDelayMs ?? 200;
  const listeners = new Set<(m: OutboundMessage) => void>();
  let closed = false;

  const byHash = new Map<string, CompiledService>();
  const byId = new Map<string, CompiledService>();
  for (const s of opts.services) {
    byHash.set(s.hash, s);
    byId.set(s.id, s);
    store.saveDefinition(s, nowIso());
  }
  log.info('engine.started', { services: opts.services.length, key_source: master.source, key_id: master.id });

  /** The exact definition a session started with; recompiled from the stored source if it is no longer loaded. */
  async function compiledFor(hash: string, service: string): Promise<CompiledService> {
    const hit = byHash.get(hash);
    if (hit) return hit;
    const source = store.definitionSource(hash);
    if (source === undefined) throw new UnknownServiceError(service, [...byId.keys()]);
    const { loadDefinition } = await import('../core/definition');
    const { compileService } = await import('../core/compiler');
    const loaded = loadDefinition(source, `${service}@${hash.slice(0, 12)}`);
    if (!loaded.definition) throw new UnknownServiceError(service, [...byId.keys()]);
    const compiled = compileService(loaded.definition, { source, hash });
    byHash.set(hash, compiled);
    return compiled;
  }

  function emit(sessionId: string, snapshot: SessionSnapshot, messages: OutgoingMessage[]): void {
    for (const m of messages) {
      for (const l of listeners) {
        try {
          l({ sessionId, channel: snapshot.channel, role: m.role, text: m.text, status: snapshot.status });
        } catch {
          log.warn('outbound.listener_failed', { session: sessionId });
        }
      }
    }
  }

  /** step() + commit; returns the new snapshot, its messages and its action effects. */
  function apply(compiled: CompiledService, sessionId: string, snapshot: SessionSnapshot | null, event: SessionEvent, create?: { tokenHash: string; channel: string }) {
    const now = nowIso();
    const started = performance.now();
    const result = step(compiled, snapshot, event, now);
    store.commit({ sessionId, event, now, result, create: create && { service: compiled, ...create } });
    log.debug('turn.committed', { session: sessionId, event: event.type, effects: result.effects.length, ms: Math.round(performance.now() - started) });
    emit(sessionId, result.snapshot, result.messages);
    return { snapshot: result.snapshot, messages: result.messages, actions: result.effects.filter((e): e is ActionEffect => e.kind === 'action') };
  }

  async function runAction(sessionId: string, effect: { id: string; name: string; input: Record<string, unknown> }): Promise<SessionEvent> {
    for (let attempt = 1; ; attempt++) {
      store.markAttempt(sessionId, effect.id, nowIso());
      try {
        const result = await actions.run(effect.name, effect.input, { idempotencyKey: `${sessionId}/${effect.id}`, sessionId, now: nowIso() });
        return { type: 'effect.result', effectId: effect.id, ok: true, result: result ?? null };
      } catch (err) {
        const retryable = err instanceof ActionError ? err.retryable : true;
        const code = err instanceof ActionError ? err.code : 'action_failed';
        if (retryable && attempt < attempts && !closed) {
          log.warn('action.retry', { session: sessionId, effect: effect.id, action: effect.name, attempt, code });
          await sleep(baseDelay * 4 ** (attempt - 1));
          continue;
        }
        log.warn('action.failed', { session: sessionId, effect: effect.id, action: effect.name, attempt, code });
        const message = err instanceof ActionError ? err.message : `The action ${effect.name} failed unexpectedly.`;
        return { type: 'effect.result', effectId: effect.id, ok: false, error: { code, message } };
      }
    }
  }

  /** Runs action effects one by one, each result its own committed turn, until none are left. */
  async function settle(compiled: CompiledService, sessionId: string, snapshot: SessionSnapshot, pending: ActionEffect[] | { id: string; name: string; input: Record<string, unknown> }[], messages: OutgoingMessage[]) {
    const work = [...pending];
    let snap = snapshot;
    while (work.length > 0) {
      const effect = work.shift()!;
      const event = await runAction(sessionId, effect);
      const r = apply(compiled, sessionId, snap, event);
      snap = r.snapshot;
      messages.push(...r.messages);
      work.push(...r.actions);
    }
    return snap;
  }

  async function turn(sessionId: string, event: SessionEvent, opts2: { closedCheck: boolean }): Promise<TurnResult> {
    const { row, snapshot } = store.snapshot(sessionId);
    if (opts2.closedCheck && (snapshot.status === 'completed' || snapshot.status === 'cancelled')) throw new SessionClosedError(sessionId, snapshot.status);
    const compiled = await compiledFor(row.definition_hash, row.service);
    const first = apply(compiled, sessionId, snapshot, event);
    const messages = [...first.messages];
    const final = await settle(compiled, sessionId, first.snapshot, first.actions, messages);
    scheduler.reschedule();
    return { id: sessionId, status: final.status, messages, outcome: final.outcome };
  }

  function guard(): void {
    if (closed) throw new EngineClosedError();
  }

  const scheduler = createScheduler({
    enabled: opts.scheduler ?? true,
    now: clock,
    nextAt: () => store.nextTimerAt(),
    fireDue: () => fireDueTimers(),
  });

  async function fireDueTimers(): Promise<number> {
    const due = store.dueTimers(nowIso());
    await Promise.all(due.map((t) => queue.run(t.sessionId, async () => {
      // A turn queued before this one may have cancelled or moved the timer.
      const still = store.timers(t.sessionId).find((x) => x.name === t.name && x.at <= nowIso());
      if (!still) return;
      log.info('timer.fired', { session: t.sessionId, timer: t.name });
      await turn(t.sessionId, { type: 'timer', name: t.name }, { closedCheck: true }).catch((err) => {
        log.error('timer.failed', { session: t.sessionId, timer: t.name, error: (err as Error).name });
      });
    }, false)));
    return due.length;
  }

  async function resumePending(): Promise<void> {
    const pending = store.pendingActions();
    if (pending.length > 0) log.info('effects.resumed', { count: pending.length });
    const bySession = new Map<string, typeof pending>();
    for (const p of pending) bySession.set(p.sessionId, [...(bySession.get(p.sessionId) ?? []), p]);
    await Promise.all([...bySession.entries()].map(([sid, list]) => queue.run(sid, async () => {
      try {
        const { row, snapshot } = store.snapshot(sid);
        const compiled = await compiledFor(row.definition_hash, row.service);
        await settle(compiled, sid, snapshot, list.map((p) => ({ id: p.effectId, name: p.name, input: p.input })), []);
      } catch (err) {
        log.error('effects.resume_failed', { session: sid, error: (err as Error).name });
      }
    }, false)));
  }

  const engine: EmbeddedEngine = {
    kind: 'embedded',
    db,
    actions,

    services(locale: Locale = 'de'): ServiceInfo[] {
      return [...byId.values()].map((s) => ({ id: s.id, version: s.version, title: localized(s.definition.title, locale), hash: s.hash }));
    },

    async createSession(input) {
      guard();
      const compiled = byId.get(input.service);
      if (!compiled) throw new UnknownServiceError(input.service, [...byId.keys()]);
      const id = newSessionId();
      const token = newToken();
      const channel = input.channel ?? 'api';
      const referenceDate = opts.today ?? berlinDate(clock());
      const result = await queue.run(id, async () => {
        const event: SessionEvent = { type: 'start', sessionId: id, locale: input.locale, channel, referenceDate };
        const first = apply(compiled, id, null, event, { tokenHash: hashToken(token), channel });
        const messages = [...first.messages];
        const final = await settle(compiled, id, first.snapshot, first.actions, messages);
        scheduler.reschedule();
        return { id, status: final.status, messages, outcome: final.outcome };
      });
      log.info('session.created', { session: id, service: compiled.id, channel });
      return { ...result, token };
    },

    async sendMessage(id, text) {
      guard();
      const bytes = Buffer.byteLength(text, 'utf8');
      if (bytes > MAX_MESSAGE_BYTES) throw new MessageTooLargeError(bytes, MAX_MESSAGE_BYTES);
      store.row(id);
      return queue.run(id, () => turn(id, { type: 'message', text }, { closedCheck: true }));
    },

    async requestHandoff(id, reason) {
      guard();
      store.row(id);
      return queue.run(id, () => turn(id, { type: 'handoff', reason }, { closedCheck: true }));
    },

    async cancel(id) {
      guard();
      store.row(id);
      return queue.run(id, () => turn(id, { type: 'cancel' }, { closedCheck: true }));
    },

    async view(id) {
      guard();
      const { snapshot } = store.snapshot(id);
      return toSessionView(snapshot, store.transcript(id));
    },

    async verifyToken(id, token) {
      guard();
      if (typeof token !== 'string' || !store.exists(id)) {
        tokenMatches(String(token), '0'.repeat(64)); // same work either way
        return false;
      }
      return tokenMatches(token, store.row(id).token_hash);
    },

    async listCases(filter) {
      guard();
      const rows = store.cases(filter?.status ?? 'all');
      const out: CaseSummary[] = [];
      for (const row of rows) out.push(toCaseSummary(row, store.snapshot(row.id).snapshot));
      return out;
    },

    async caseDetail(id) {
      guard();
      const { row, snapshot } = store.snapshot(id);
      const compiled = await compiledFor(row.definition_hash, row.service).catch(() => undefined);
      return toCaseDetail(row, snapshot, compiled, store.transcript(id));
    },

    async staffAction(id, action) {
      guard();
      store.row(id);
      const event: SessionEvent =
        action.type === 'take' ? { type: 'staff.take', staff: action.staff }
        : action.type === 'answer' ? { type: 'staff.answer', staff: action.staff, text: action.text ?? '' }
        : { type: 'staff.close', staff: action.staff, note: action.text };
      return queue.run(id, () => turn(id, event, { closedCheck: action.type !== 'close' }));
    },

    onOutbound(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async exportSession(id): Promise<SessionExport> {
      guard();
      const { row, snapshot } = store.snapshot(id);
      const events = store.events(id);
      const source = store.definitionSource(row.definition_hash);
      return {
        session: {
          id: row.id, service: row.service, definitionHash: row.definition_hash, status: row.status, channel: row.channel,
          keyId: row.key_id, desk: row.desk, takenBy: row.taken_by, createdAt: row.created_at, updatedAt: row.updated_at,
        },
        definition: source === undefined ? undefined : { hash: row.definition_hash, source },
        events,
        chain: verifyChain(events),
        snapshot,
        transcript: store.transcript(id),
        effects: store.effects(id),
        timers: store.timers(id),
      };
    },

    async verifySession(id) {
      guard();
      let links;
      try {
        links = store.events(id, true);
      } catch {
        links = store.events(id, false); // data key gone or not ours: the digests still prove the order
      }
      return verifyChain(links);
    },

    runDueTimers: () => fireDueTimers(),
    idle: () => queue.idle(),

    async close() {
      if (closed) return;
      closed = true;
      scheduler.stop();
      await queue.idle();
      db.close();
      log.info('engine.closed');
    },
  };

  await resumePending();
  await fireDueTimers();
  scheduler.reschedule();
  return engine;
}
