/**
 * The Temporal engine adapter: implements `Engine` by starting one session workflow per
 * conversation and sending each turn as a Workflow Update. Session id ↔ workflow id
 * `amtsweg-<id>`; ids, memo and search attributes carry no personal data, and the token is
 * kept only as a sha256 in the (encrypted) workflow input.
 */
import { randomUUID } from 'node:crypto';
import { hashToken, newToken, tokenMatches } from '../../platform/crypto';
import {
  ApplicationFailure, WithStartWorkflowOperation, WorkflowNotFoundError,
  WorkflowUpdateRPCTimeoutOrCancelledError, WorkflowUpdateStage, isGrpcDeadlineError, type Client, type Connection,
} from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Locale } from '../../core/definition/schema';
import type { CompiledService } from '../../core/session/types';
import type {
  CaseDetail, CaseSummary, CreatedSession, CreateSessionInput, Engine, OutboundMessage, Readiness, ServiceInfo, SessionView, TurnResult,
} from '../types';
import { provesAddresses } from '../types';
import { checkLocale, EngineUnavailableError, rejectionError, SessionBusyError, SessionClosedError, SessionNotFoundError, UnknownServiceError } from '../errors';
import { MAX_MESSAGE_BYTES, REJECT, SessionQueue, checkSize, checkTurnKey, staffTurn } from '../loop';
import { berlinDate } from '../reference-date';
import { observeTurn } from '../../platform/metrics';
import { logger } from '../../platform/logger';
import type { SharedStore } from '../../store';
import { caseEntryOf, caseFields, deskFacts } from '../views';
import { createServiceCatalogue } from '../service-catalogue';
import { sealedOutbox } from '../../store/sealed-outbox';
import { keyRingSealer } from './worker/sealer';
import { SESSION_WORKFLOW, STATE_QUERY, TURN_UPDATE, type SessionState, type SessionWorkflowInput, type TurnReply, type TurnRequest } from './workflows/types';
import { loadKeyRing, type KeyRing } from './codec';
import { connectWithRetry, createClient, temporalSettings, type ConnectRetry, type TemporalSettings } from './connection';
import { NotSupportedOnTemporalError, TemporalUnreachableError, temporalErrorKind } from './errors';
import { ClearText } from './clear-text';
import { storeSessionKeys, type SessionKeys } from './session-keys';
import { missingSearchAttributes, searchAttributeRecipe, startSearchAttributes } from './search-attributes';
import { toCaseDetail, toSessionView, localized } from './views';
import { temporalInsightFacts } from './insight';

export interface TemporalEngineOptions extends Partial<TemporalSettings> {
  services: CompiledService[];
  /** Fixed reference date (tests); default: today in Europe/Berlin. */
  today?: string;
  now?: () => Date;
  keyRing?: KeyRing;
  keyFile?: string;
  retry?: ConnectRetry;
  /** Lowered in tests to exercise continue-as-new. */
  continueAsNewAfterTurns?: number;
  /** Per-attempt action timeout handed to each new session's workflow (default 30 s). */
  actionTimeoutSeconds?: number;
  /** How long a worker may take to accept a turn or answer a query before the engine says engine_unavailable (default 5000 ms). */
  acceptTimeoutMs?: number;
  /** The shared store (case index for the desk, outbox); serve opens it from --database / AMTSWEG_DATABASE_URL. */
  shared?: SharedStore;
  /** LLM assistance for new sessions (the workers run `llm.propose`); recorded in each start event. */
  llm?: boolean;
  /** A code proves an address before a session books for or mails to it (issue 12; `serve` turns it on). */
  addressProof?: boolean;
  /**
   * Per-session payload keys (crypto-shredding on purge). Default: in the shared store when there
   * is one; `false` keeps every payload under the key ring.
   */
  sessionKeys?: SessionKeys | false;
  /** Set search attributes (default: when the namespace has them registered; checked at start). */
  searchAttributes?: boolean;
}

export interface TemporalEngine extends Engine {
  readonly client: Client;
  readonly connection: Connection;
  workflowId(sessionId: string): string;
  /** The raw state the workflow holds (snapshot, transcript, trail) for audit and parity checks. */
  exportSession(id: string): Promise<SessionState>;
  /** The workflow history as JSON, for `Worker.runReplayHistory` and audit replay. */
  exportHistory(id: string): Promise<unknown>;
  /** The per-session payload keys this engine writes with (undefined: ring keys only). */
  readonly sessionKeys?: SessionKeys;
  /** Whether sessions publish search attributes (the namespace has them). */
  readonly searchAttributes: boolean;
}

const PREFIX = 'amtsweg-';
const TOKEN_CACHE_SIZE = 10_000;
const log = logger.child('temporal');

/** Connects (with retries and a clear error) and returns an Engine backed by Temporal. */
export async function createTemporalEngine(opts: TemporalEngineOptions): Promise<TemporalEngine> {
  const settings = temporalSettings(opts);
  const ring = opts.keyRing ?? loadKeyRing({ keyFile: opts.keyFile });
  const connection = await connectWithRetry(settings, opts.retry);
  const sessionKeys = opts.sessionKeys === false ? undefined : opts.sessionKeys ?? (opts.shared ? storeSessionKeys(opts.shared.payloadKeys, ring) : undefined);
  const client = createClient(connection, settings.namespace, ring, sessionKeys);
  const searchAttributes = opts.searchAttributes ?? await detectSearchAttributes(connection, settings.namespace);
  // Current versions for new sessions, every version by hash for the views of running ones.
  const catalogue = createServiceCatalogue(opts.services);
  const listeners = new Set<(e: OutboundMessage) => void>();
  const now = opts.now ?? (() => new Date());
  const workflowId = (id: string): string => `${PREFIX}${id}`;
  /** Token hashes of sessions this process created or checked (bounded; the oldest go first). */
  const tokenHashes = new Map<string, string>();
  const rememberToken = (id: string, hash: string): void => {
    if (tokenHashes.size >= TOKEN_CACHE_SIZE) tokenHashes.delete(tokenHashes.keys().next().value as string);
    tokenHashes.set(id, hash);
  };

  const emit = (id: string, state: { channel: OutboundMessage['channel'] }, reply: TurnReply): void => {
    for (const m of reply.messages) {
      for (const l of listeners) {
        try { l({ sessionId: id, channel: state.channel, role: m.role, text: m.text, status: reply.status }); } catch { /* a listener's failure is its own */ }
      }
    }
  };

  const acceptMs = opts.acceptTimeoutMs ?? 5000;
  /** When a worker last failed to answer in time (readiness reports it for a while). */
  let unavailableAt = 0;
  const noWorker = (what: string, turnPending = false): EngineUnavailableError => {
    unavailableAt = Date.now();
    return new EngineUnavailableError(
      `no Temporal worker ${what} within ${acceptMs / 1000} s. Start \`amtsweg worker\` for task queue "${settings.taskQueue}" in namespace "${settings.namespace}" (or check that the workers reach ${settings.address}).`,
      5, turnPending,
    );
  };
  /**
   * A call with a deadline; a deadline that passes means no worker answered. For a query nothing
   * changed; an update (`turnPending`) stays with Temporal and may still be applied later.
   */
  async function bounded<T>(what: string, fn: () => Promise<T>, turnPending = false): Promise<T> {
    const t0 = Date.now();
    try {
      const r = await connection.withDeadline(t0 + acceptMs, fn);
      unavailableAt = 0;
      return r;
    } catch (e) {
      if (isGrpcDeadlineError(e) || e instanceof WorkflowUpdateRPCTimeoutOrCancelledError || (Date.now() - t0 >= acceptMs && !(e instanceof WorkflowNotFoundError))) throw noWorker(what, turnPending);
      throw e;
    }
  }

  async function query(id: string): Promise<SessionState> {
    try {
      return await bounded('answered the state query', () => client.workflow.getHandle(workflowId(id)).query<SessionState>(STATE_QUERY));
    } catch (e) {
      if (e instanceof EngineUnavailableError) throw e;
      throw mapError(e, id);
    }
  }

  /** An update to a finished workflow reads as "not found"; the session exists and is closed. */
  async function closedOrMapped(e: unknown, id: string): Promise<Error> {
    if (temporalErrorKind(e) !== 'not_found') return mapError(e, id);
    try {
      const desc = await client.workflow.getHandle(workflowId(id)).describe();
      if (desc.status.name !== 'RUNNING') {
        const status = (await query(id).catch(() => undefined))?.snapshot?.status ?? desc.status.name.toLowerCase();
        return new SessionClosedError(id, status);
      }
    } catch (d) {
      if (temporalErrorKind(d) !== 'not_found') return mapError(d, id);
    }
    return mapError(e, id);
  }

  /** The client stamps each turn with its time; the workflow reads no clock of its own. */
  type Unstamped = TurnRequest extends infer R ? (R extends unknown ? Omit<R, 'at'> : never) : never;
  const shared = opts.shared;
  const compiledOf = (hash: string): CompiledService | undefined => catalogue.byHash(hash);

  /**
   * Keeps the shared case index (what the desk lists) in step after a turn that can change the
   * desk: handoffs and case-worker actions. Codes, ids and times only. Turns nobody sends (timers)
   * are published by the workflow itself, through the worker's `indexCase` activity.
   */
  async function syncCase(id: string, kind: string, reply: TurnReply): Promise<void> {
    if (!shared || (reply.status !== 'handoff' && kind !== 'staff' && kind !== 'handoff')) return;
    try {
      const st = await query(id);
      const entry = st.snapshot ? caseEntryOf(id, st.snapshot, compiledOf(st.definitionHash), 'temporal') : undefined;
      if (entry) await shared.cases.upsert(entry);
    } catch (e) {
      log.warn('case_index.sync_failed', { session: id, workflow: workflowId(id), error: (e as Error).name, code: (e as { code?: string }).code });
    }
  }

  /**
   * In this process, turns of a session are queued like on the embedded engine (arrival order, one
   * waits, a third is refused); the workflow's own queue orders turns from several processes.
   */
  const local = new SessionQueue(1);
  function turn(id: string, unstamped: Unstamped): Promise<TurnResult> {
    return local.run(id, () => sendTurn(id, unstamped));
  }

  async function sendTurn(id: string, unstamped: Unstamped): Promise<TurnResult> {
    const t0 = performance.now();
    // Stamped when it is its turn here, so the instants of one session's turns follow their order.
    const req = { ...unstamped, at: now().toISOString() } as TurnRequest;
    let reply: TurnReply;
    try {
      // Accepted within a few seconds or 503: the turn itself (LLM, booking) may then take its time.
      // A keyed turn is the update of that id: its retry attaches to it (Temporal keeps one update per id).
      const updateId = 'key' in req && req.key !== undefined ? `turn-${req.key}` : undefined;
      const update = await bounded('accepted the turn', () => client.workflow.getHandle(workflowId(id))
        .startUpdate<TurnReply, [TurnRequest]>(TURN_UPDATE, { args: [req], waitForStage: WorkflowUpdateStage.ACCEPTED, ...(updateId ? { updateId } : {}) }), true);
      reply = await update.result();
    } catch (e) {
      if (e instanceof EngineUnavailableError) throw e;
      throw await closedOrMapped(e, id);
    }
    await syncCase(id, unstamped.kind, reply);
    observeTurn({ engine: 'temporal', kind: unstamped.kind, service: reply.service ?? 'unknown', seconds: (performance.now() - t0) / 1000, facts: reply.facts });
    emit(id, { channel: reply.channel }, reply);
    return toTurnResult(reply);
  }

  return {
    kind: 'temporal',
    client,
    connection,
    workflowId,
    sessionKeys,
    searchAttributes,

    services(locale?: Locale): ServiceInfo[] {
      return catalogue.current().map((s) => ({ id: s.id, version: s.version, title: localized(s.definition.title, locale), hash: s.hash }));
    },

    async reload(services) {
      // The definition travels in each workflow's input: running sessions keep theirs anyway.
      const result = catalogue.reload(services);
      log.info('definitions.reloaded', { current: result.current.map((v) => `${v.id}@${v.version}`).join(','), added: result.added.length, versions: result.versions });
      return result;
    },

    async createSession(input: CreateSessionInput): Promise<CreatedSession> {
      const compiled = catalogue.get(input.service);
      if (!compiled) throw new UnknownServiceError(input.service, catalogue.ids());
      checkLocale(compiled.id, input.locale, compiled.definition.locales);
      const id = randomUUID();
      const token = newToken();
      const wfInput: SessionWorkflowInput = {
        compiled, sessionId: id, locale: input.locale, channel: input.channel ?? 'api',
        referenceDate: opts.today ?? berlinDate(now()),
        tokenHash: hashToken(token),
        ...(opts.llm ? { llm: true } : {}),
        ...(provesAddresses(opts.addressProof, input.channel ?? 'api') ? { proveAddresses: true } : {}),
        ...(input.provenAddresses?.length ? { provenAddresses: input.provenAddresses } : {}),
        ...(opts.continueAsNewAfterTurns !== undefined ? { continueAsNewAfterTurns: opts.continueAsNewAfterTurns } : {}),
        ...(opts.actionTimeoutSeconds !== undefined ? { actionTimeoutSeconds: opts.actionTimeoutSeconds } : {}),
        ...(searchAttributes ? { searchAttributes: true } : {}),
      };
      // The session's own data key exists before its first payload is written.
      if (sessionKeys) await sessionKeys.create(id, now().toISOString());
      const start = new WithStartWorkflowOperation(SESSION_WORKFLOW, {
        workflowId: workflowId(id), taskQueue: settings.taskQueue, args: [wfInput],
        workflowIdConflictPolicy: 'FAIL',
        // In clear (ClearText): service id, definition version and hash, nothing personal.
        memo: { service: new ClearText(compiled.id), version: new ClearText(compiled.version), definitionHash: new ClearText(compiled.hash) },
        ...(searchAttributes ? { typedSearchAttributes: startSearchAttributes(compiled.id, compiled.version) } : {}),
      });
      let reply: TurnReply;
      const t0 = performance.now();
      try {
        const update = await bounded('accepted the new session', () => client.workflow.startUpdateWithStart<SessionWorkflowFn, TurnReply, [TurnRequest]>(
          TURN_UPDATE, { args: [{ kind: 'start', at: now().toISOString() }], waitForStage: WorkflowUpdateStage.ACCEPTED, startWorkflowOperation: start },
        ));
        reply = await update.result();
      } catch (e) {
        // Bounded in time, and nothing left behind: a workflow no worker took is deleted again.
        await connection.withDeadline(Date.now() + 3000, () => connection.workflowService.deleteWorkflowExecution({
          namespace: settings.namespace, workflowExecution: { workflowId: workflowId(id) },
        })).catch(() => undefined);
        await sessionKeys?.shred(id).catch(() => undefined);
        if (e instanceof EngineUnavailableError) throw e;
        throw mapError(e, id);
      }
      observeTurn({ engine: 'temporal', kind: 'start', service: compiled.id, seconds: (performance.now() - t0) / 1000, facts: reply.facts });
      emit(id, { channel: input.channel ?? 'api' }, reply);
      rememberToken(id, wfInput.tokenHash);
      return { ...toTurnResult(reply), token };
    },

    async sendMessage(id, text, opts) {
      const tooBig = checkSize({ kind: 'message', text });
      if (tooBig) throw rejectionError(id, tooBig, MAX_MESSAGE_BYTES);
      return turn(id, { kind: 'message', text, ...(opts?.key !== undefined ? { key: checkTurnKey(opts.key) } : {}) });
    },
    requestHandoff: (id, reason) => turn(id, reason ? { kind: 'handoff', reason } : { kind: 'handoff' }),
    cancel: (id) => turn(id, { kind: 'cancel' }),

    async view(id: string): Promise<SessionView> {
      const st = await query(id);
      return toSessionView(id, st, compiledOf(st.definitionHash));
    },

    async verifyToken(id: string, token: string): Promise<boolean> {
      // A session's token hash never changes: one query per session and process, not one per request.
      let hash = tokenHashes.get(id);
      // A purge (in any process) shreds the session's key first: a cached token fails at once.
      if (hash !== undefined && sessionKeys && await sessionKeys.shredded(id)) {
        tokenHashes.delete(id);
        return false;
      }
      if (hash === undefined) {
        let state: SessionState;
        // An outage is not a wrong token: it surfaces as engine_unavailable (503), never as 401.
        try { state = await query(id); } catch (e) { if (e instanceof EngineUnavailableError) throw e; return false; }
        hash = state.tokenHash;
        rememberToken(id, hash);
      }
      return tokenMatches(token, hash);
    },

    async readiness(): Promise<Readiness> {
      const checks: Readiness['checks'] = { definitions: { ok: true, detail: catalogue.describe() } };
      try {
        await connection.withDeadline(Date.now() + 3000, () => connection.workflowService.describeNamespace({ namespace: settings.namespace }));
        checks.temporal = { ok: true, detail: `${settings.address}, namespace ${settings.namespace}` };
      } catch (e) {
        checks.temporal = { ok: false, detail: new TemporalUnreachableError(settings.address, e, settings.namespace).message };
      }
      if (checks.temporal.ok) {
        try {
          const tq = await connection.withDeadline(Date.now() + 3000, () => connection.workflowService.describeTaskQueue({
            namespace: settings.namespace, taskQueue: { name: settings.taskQueue }, taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
          }));
          // A live worker long-polls at least once a minute; a turn that found no worker counts for 30 s.
          const fresh = (tq.pollers ?? []).filter((p) => Date.now() - Number(p.lastAccessTime?.seconds ?? 0) * 1000 < 90_000);
          const recentMiss = unavailableAt !== 0 && Date.now() - unavailableAt < 30_000;
          checks.workers = fresh.length > 0 && !recentMiss
            ? { ok: true, detail: `${fresh.length} polling task queue ${settings.taskQueue}` }
            : { ok: false, detail: `no worker answers on task queue "${settings.taskQueue}": start \`amtsweg worker\`.` };
        } catch (e) {
          checks.workers = { ok: false, detail: `cannot describe task queue ${settings.taskQueue}: ${(e as Error).message.split('\n')[0]}` };
        }
      }
      return { ready: Object.values(checks).every((c) => c.ok), checks };
    },

    shared,
    // Confirmations the workers queued in the shared store, sealed with the payload keys: the
    // e-mail channel of this serve process delivers them.
    ...(shared ? { outbox: sealedOutbox(shared.outbox, { sealer: keyRingSealer(ring), nowIso: () => now().toISOString() }) } : {}),

    async close(): Promise<void> {
      listeners.clear();
      await connection.close();
    },

    async listCases(filter): Promise<CaseSummary[]> {
      if (!shared) throw new NotSupportedOnTemporalError('listCases');
      const out: CaseSummary[] = [];
      for (const e of await shared.cases.list({ status: filter?.status ?? 'all' })) {
        if (e.engine !== 'temporal') continue;
        const st = await query(e.sessionId).catch((err: unknown) => { if (err instanceof EngineUnavailableError) throw err; return undefined; });
        if (!st?.snapshot) continue;
        out.push({ id: e.sessionId, ...deskFacts(st.snapshot, compiledOf(st.definitionHash)), updatedAt: st.snapshot.lastActivityAt });
      }
      return out;
    },

    async caseDetail(id: string, reader?: { staff: string }): Promise<CaseDetail> {
      // The read goes into the session's own trail before anything is shown (a finished workflow takes no turns).
      if (reader) await turn(id, { kind: 'staff', action: 'read', staff: reader.staff }).catch((e: unknown) => { if (!(e instanceof SessionClosedError)) throw e; });
      const st = await query(id);
      return toCaseDetail(id, st, compiledOf(st.definitionHash));
    },

    staffAction: (id, action) => turn(id, staffTurn(action)),

    // The desk's slot labels in the case worker's language, from the same definitions as embedded.
    caseFieldsIn(service, locale) {
      const compiled = catalogue.get(service);
      return compiled ? caseFields(compiled, locale) : undefined;
    },

    insightFacts: (filter) => temporalInsightFacts({
      client, taskQueue: settings.taskQueue, loaded: compiledOf,
      query: (wf) => query(wf.slice(PREFIX.length)),
    }, filter),

    onOutbound(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },

    exportSession: query,

    async exportHistory(id: string): Promise<unknown> {
      try {
        return await client.workflow.getHandle(workflowId(id)).fetchHistory();
      } catch (e) {
        throw mapError(e, id);
      }
    },
  };
}

// Only the type of the workflow function is needed for the generic; the client never loads workflows/.
type SessionWorkflowFn = (input: SessionWorkflowInput) => Promise<SessionState>;

function toTurnResult(r: TurnReply): TurnResult {
  return { id: r.id, status: r.status, messages: r.messages, ...(r.outcome ? { outcome: r.outcome } : {}) };
}

/** The calendar date in Berlin (kept for importers of this module; the one implementation is host/reference-date). */
export { berlinDate };

const REJECT_CODES = new Set<string>(Object.values(REJECT));

/** The typed refusal of the workflow (validator or handler), if that is what failed. */
function refusalOf(e: unknown): ApplicationFailure | undefined {
  let cur: unknown = e;
  for (let i = 0; cur && i < 6; i++) {
    if (cur instanceof ApplicationFailure && cur.type && REJECT_CODES.has(cur.type)) return cur;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Temporal's errors → the engine's errors, so HTTP and CLI treat both engines alike (typed, never by message text). */
function mapError(e: unknown, id: string): Error {
  const refusal = refusalOf(e);
  if (refusal) {
    const d = (refusal.details?.[0] ?? {}) as { status?: string; bytes?: number };
    return rejectionError(id, { code: refusal.type as string, message: refusal.message, status: d.status, bytes: d.bytes }, MAX_MESSAGE_BYTES);
  }
  switch (temporalErrorKind(e)) {
    case 'not_found': return new SessionNotFoundError(id);
    case 'already_started': return new SessionBusyError(id);
    case 'unavailable': return new EngineUnavailableError(`Temporal did not answer for session ${id}; try again shortly.`);
    default: return e instanceof Error ? e : new Error(String(e));
  }
}

/** Whether the namespace has amtsweg's search attributes; says how to register them when not. */
async function detectSearchAttributes(connection: Connection, namespace: string): Promise<boolean> {
  try {
    const missing = await missingSearchAttributes(connection, namespace);
    if (missing.length === 0) return true;
    log.warn('search_attributes.missing', { namespace, missing: missing.join(','), fix: searchAttributeRecipe(namespace) });
  } catch (e) {
    log.warn('search_attributes.unknown', { namespace, error: (e as Error).name });
  }
  return false;
}
