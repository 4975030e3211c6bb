/**
 * The embedded engine: the pure session core hosted over one SQLite file (see README.md).
 * This file wires the parts and implements the Engine contract; the turn logic is host-loop.ts.
 * On start, effects a crash left pending run again with their old keys and overdue timers fire.
 */
import { join } from 'node:path';
import type { CompiledService } from '../../core/session/types';
import { compileService } from '../../core/compiler';
import { loadDefinition } from '../../core/definition';
import type { Locale } from '../../core/definition/schema';
import { createActionRegistry } from '../../activities/registry';
import { derivedKey, hashToken, loadMasterKey, newSessionId, newToken, open, seal, tokenMatches } from '../../platform/crypto';
import { openDatabase } from './db';
import { checkLocale, EngineClosedError, SessionNotFoundError, UnknownServiceError, rejectionError } from '../errors';
import { verifyChain } from './hash-chain';
import { logger } from '../../platform/logger';
import type { EmbeddedEngine, EmbeddedEngineOptions, SessionExport } from './options';
import { berlinDate } from '../reference-date';
import { createScheduler } from './scheduler';
import { MAX_MESSAGE_BYTES, SessionQueue, checkSize, checkTurnKey, staffTurn, type TurnKind } from '../loop';
import { createHostLoop } from './host-loop';
import { createTurnKeys } from './turn-keys';
import { SessionStore } from './store';
import type { CaseSummary, InsightFact, OutboundMessage, ServiceInfo } from '../types';
import { provesAddresses } from '../types';
import { sessionFacts, type RecordedEvent } from '../../audit/insight';
import { createSharedPublisher } from './shared-publisher';
import { openStore } from '../../store/open';
import { sealedOutbox } from '../../store/sealed-outbox';
import { caseFields, toCaseDetail, toCaseSummary, toSessionView } from '../views';
import { createServiceCatalogue } from '../service-catalogue';

/** Largest accepted citizen message, in UTF-8 bytes (the one limit of `host/loop`). */
export { MAX_MESSAGE_BYTES };

const log = logger.child('engine');

function localized(text: unknown, locale: string): string {
  if (typeof text === 'string') return text;
  const t = text as Record<string, string | undefined>;
  return t[locale] ?? t.de ?? '';
}

/** Creates the embedded engine; resumes unfinished effects and overdue timers of earlier runs. */
export async function createEmbeddedEngine(opts: EmbeddedEngineOptions): Promise<EmbeddedEngine> {
  const clock = opts.now ?? (() => new Date());
  const fixedToday = opts.today ?? process.env.AMTSWEG_TODAY;
  if (fixedToday !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(fixedToday)) {
    throw new Error(`The reference date "${fixedToday}" (option today or AMTSWEG_TODAY) is not written YYYY-MM-DD. Fix or unset it.`);
  }
  const nowIso = () => clock().toISOString();
  const master = loadMasterKey(opts.keyFile ?? join(opts.dataDir, 'master.key'));
  const db = openDatabase(opts.dataDir, opts.synchronous ?? 'FULL');
  const outboxKey = derivedKey(master, 'outbox');
  const sealer = { seal: (t: string) => seal(outboxKey, t, 'outbox'), open: (b: Buffer) => open(outboxKey, b, 'outbox').toString('utf8') };
  let shared;
  try {
    shared = opts.store ?? await openStore({ url: opts.databaseUrl, dataDir: opts.dataDir, synchronous: opts.synchronous });
  } catch (err) {
    db.close();
    throw err;
  }
  const ownsShared = !opts.store;
  const actions = createActionRegistry({ store: shared, today: fixedToday, sealer, locations: opts.locations, concernMinutes: opts.concernMinutes });
  for (const [name, handler] of Object.entries(opts.actions ?? {})) actions.register(name, handler);
  const store = new SessionStore(db, master);
  const publisher = createSharedPublisher({ shared, sessions: store, sealer, nowIso });
  store.onCommitted = (w) => publisher.publish(w);
  /** A turn returns once what it shared (outbox rows, case entry) is in the shared store. */
  const published = async <T>(p: Promise<T>): Promise<T> => {
    const out = await p;
    await publisher.flush();
    return out;
  };
  const queue = new SessionQueue(opts.maxWaiting ?? 1);
  const listeners = new Set<(m: OutboundMessage) => void>();
  let closed = false;

  const catalogue = createServiceCatalogue(opts.services);
  for (const s of opts.services) store.saveDefinition(s, nowIso());
  log.info('engine.started', { services: opts.services.length, key_source: master.source, key_id: master.id });

  /** The exact definition a session started with; recompiled from the stored source if it is no longer loaded. */
  async function compiledFor(hash: string, service: string): Promise<CompiledService> {
    const hit = catalogue.byHash(hash);
    if (hit) return hit;
    const source = store.definitionSource(hash);
    if (source === undefined) throw new UnknownServiceError(service, catalogue.ids());
    const loaded = loadDefinition(source, `${service}@${hash.slice(0, 12)}`);
    if (!loaded.definition) throw new UnknownServiceError(service, catalogue.ids());
    const compiled = compileService(loaded.definition, { source, hash });
    catalogue.remember(compiled);
    return compiled;
  }

  const loop = createHostLoop({
    store, actions, queue, nowIso, listeners, compiledFor,
    attempts: Math.max(1, opts.retry?.attempts ?? 3),
    baseDelayMs: opts.retry?.baseDelayMs ?? 200,
    isClosed: () => closed,
    afterTurn: () => scheduler.reschedule(),
  });
  const { start, turn, fireDueTimers, resumePending } = loop;
  const scheduler = createScheduler({
    enabled: opts.scheduler ?? true,
    now: clock,
    nextAt: () => store.nextTimerAt(),
    fireDue: () => fireDueTimers(),
  });

  function guard(): void {
    if (closed) throw new EngineClosedError();
  }

  const outbox = sealedOutbox(shared.outbox, {
    sealer, nowIso, guard,
    localeOf: (sessionId) => (store.exists(sessionId) ? store.snapshot(sessionId).snapshot.locale : undefined),
  });

  /** A turn of an existing session: size first, then in the session's queue (second waits, third is refused). */
  async function submit(id: string, req: TurnKind) {
    guard();
    const tooBig = checkSize(req);
    if (tooBig) throw rejectionError(id, tooBig, MAX_MESSAGE_BYTES);
    if (!store.exists(id)) throw new SessionNotFoundError(id);
    const key = req.kind === 'message' ? req.key : undefined;
    if (key === undefined) return published(queue.run(id, () => turn(id, req)));
    // In the session's queue, so a retry sent while its first is still running waits for that answer.
    return published(queue.run(id, async () => {
      const answered = turnKeys.answered(id, key);
      if (answered) return answered;
      const result = await turn(id, req);
      turnKeys.remember(id, key, result, nowIso());
      return result;
    }));
  }
  const turnKeys = createTurnKeys(db, store);

  const engine: EmbeddedEngine = {
    kind: 'embedded',
    db,
    shared,
    actions,
    outbox,

    services(locale: Locale = 'de'): ServiceInfo[] {
      return catalogue.current().map((s) => ({ id: s.id, version: s.version, title: localized(s.definition.title, locale), hash: s.hash }));
    },

    async reload(services) {
      guard();
      // Stored first: a session started on a new version replays from the store after a restart.
      for (const s of services) store.saveDefinition(s, nowIso());
      const result = catalogue.reload(services);
      log.info('definitions.reloaded', { current: result.current.map((v) => `${v.id}@${v.version}`).join(','), added: result.added.length, versions: result.versions });
      return result;
    },

    async createSession(input) {
      guard();
      const compiled = catalogue.get(input.service);
      if (!compiled) throw new UnknownServiceError(input.service, catalogue.ids());
      checkLocale(compiled.id, input.locale, compiled.definition.locales);
      const id = newSessionId();
      const token = newToken();
      const channel = input.channel ?? 'api';
      const referenceDate = fixedToday ?? berlinDate(clock());
      // LLM assistance is on when the host can run llm.propose (an endpoint is configured).
      const facts = {
        sessionId: id, locale: input.locale, channel, referenceDate, ...(actions.has('llm.propose') ? { llm: true } : {}),
        ...(provesAddresses(opts.addressProof, channel) ? { proveAddresses: true } : {}), ...(input.provenAddresses?.length ? { provenAddresses: input.provenAddresses } : {}),
      };
      const result = await published(queue.run(id, () => start(compiled, facts, hashToken(token))));
      log.info('session.created', { session: id, service: compiled.id, channel });
      return { ...result, token };
    },

    sendMessage: async (id, text, o) => submit(id, { kind: 'message', text, ...(o?.key !== undefined ? { key: checkTurnKey(o.key) } : {}) }),
    requestHandoff: (id, reason) => submit(id, reason === undefined ? { kind: 'handoff' } : { kind: 'handoff', reason }),
    cancel: (id) => submit(id, { kind: 'cancel' }),

    async view(id) {
      guard();
      const { snapshot } = store.snapshot(id);
      const compiled = await compiledFor(snapshot.definitionHash, snapshot.service).catch(() => undefined);
      return toSessionView(snapshot, store.transcript(id), compiled);
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
      await publisher.flush();
      // The shared index orders and filters; this engine can open only its own sessions (their details live in its file).
      const entries = await shared.cases.list({ status: filter?.status ?? 'all' });
      const out: CaseSummary[] = [];
      for (const e of entries) {
        if (e.engine !== 'embedded' || !store.exists(e.sessionId)) continue;
        const row = store.row(e.sessionId);
        if (!row.wrapped_key || !row.desk) continue; // purged: its data is gone, it left the desk
        const compiled = await compiledFor(row.definition_hash, row.service).catch(() => undefined);
        out.push(toCaseSummary(row, store.snapshot(row.id).snapshot, compiled));
      }
      return out;
    },

    caseFieldsIn(service, locale) {
      const compiled = catalogue.get(service);
      return compiled ? caseFields(compiled, locale) : undefined;
    },

    async caseDetail(id, reader) {
      guard();
      // The read goes into the session's own hash-chained trail before anything is shown.
      if (reader) await queue.run(id, () => turn(id, { kind: 'staff', action: 'read', staff: reader.staff }));
      const { row, snapshot } = store.snapshot(id);
      const compiled = await compiledFor(row.definition_hash, row.service).catch(() => undefined);
      return toCaseDetail(row, snapshot, compiled, store.transcript(id));
    },

    staffAction: (id, action) => submit(id, staffTurn(action)),

    async insightFacts(filter) {
      guard();
      const out: InsightFact[] = [];
      for (const row of store.startedBetween(filter?.from ?? '0000', filter?.to ?? '9999')) {
        const compiled = await compiledFor(row.definition_hash, row.service).catch(() => undefined);
        if (!compiled) continue;
        let events: RecordedEvent[];
        try {
          events = store.events(row.id).map((e) => ({ event: e.body!.event, at: e.at }));
        } catch {
          continue; // purged meanwhile or a key that is not ours: nothing to count
        }
        const fact = sessionFacts(compiled, events);
        if (fact) out.push(fact);
      }
      return out;
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

    async readiness() {
      if (closed) return { ready: false, checks: { database: { ok: false, detail: 'the engine was closed' } } };
      const checks: Record<string, { ok: boolean; detail?: string }> = {};
      try {
        db.prepare('SELECT 1').get();
        checks.database = { ok: true, detail: 'SQLite (sessions)' };
        checks.definitions = { ok: true, detail: catalogue.describe() };
      } catch (e) {
        checks.database = { ok: false, detail: `SQLite does not answer: ${(e as Error).message.split('\n')[0]}` };
      }
      try {
        await shared.ping();
        checks.store = { ok: true, detail: `${shared.dialect} ${shared.location}` };
      } catch (e) {
        checks.store = { ok: false, detail: `the shared store (${shared.location}) does not answer: ${(e as Error).message.split('\n')[0]}` };
      }
      return { ready: Object.values(checks).every((c) => c.ok), checks };
    },

    runDueTimers: () => published(fireDueTimers()),
    idle: async () => { await queue.idle(); await publisher.flush(); },

    async close() {
      if (closed) return;
      closed = true;
      scheduler.stop();
      await queue.idle();
      await publisher.flush();
      publisher.stop();
      db.close();
      if (ownsShared) await shared.close();
      log.info('engine.closed');
    },
  };

  await publisher.recover();
  await resumePending();
  await fireDueTimers();
  await publisher.flush();
  scheduler.reschedule();
  return engine;
}
