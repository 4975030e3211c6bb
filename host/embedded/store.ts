/**
 * Persistence of sessions: one committed SQLite transaction per turn (event appended to the hash
 * chain, snapshot replaced, transcript lines, effects, timers). Everything personal is sealed
 * with the session's data key before it reaches the file. What other sessions and machines share
 * (notifications for the outbox, the desk's case entry) is handed to `onCommitted` after the
 * commit, and stays recorded here (notify effects `pending`, the desk column) until published.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { CompiledService, Effect, SessionEvent, SessionSnapshot, StepResult, TrailEntry, OutgoingMessage } from '../../core/session/types';
import type { Sealer } from '../../activities/types';
import type { CaseEntry, DeskState } from '../../store/contract';
import { newDataKey, open, seal, unwrapDataKey, type MasterKey } from '../../platform/crypto';
import { SessionNotFoundError, SessionPurgedError } from '../errors';
import { GENESIS, chainHash, digestOf, type ChainLink, type EventRecord } from './hash-chain';

export interface SessionRow {
  id: string; service: string; definition_hash: string; status: string; channel: string; key_id: string;
  wrapped_key: Buffer | null; token_hash: string; snapshot: Buffer; last_seq: number; last_hash: string;
  desk: string | null; taken_by: string | null; created_at: string; updated_at: string;
}

/** One line of a session's transcript. */
export interface TranscriptLine { role: 'citizen' | 'assistant' | 'staff'; text: string }

/** The `role` of a transcript row that holds every line of one turn (sealed together). */
const TURN_LINES = 'turn';

/** What the event log keeps per event besides the digested record. */
export interface StoredEventBody { event: SessionEvent; trail: TrailEntry[]; messages: OutgoingMessage[]; effects: Effect[] }

export interface CommitInput {
  sessionId: string;
  event: SessionEvent;
  now: string;
  result: StepResult;
  /** Only for the start event: creates the session row. */
  create?: { service: CompiledService; tokenHash: string; channel: string };
  /** For effect.result: how many attempts the action took (recorded with the result, saving a commit per attempt). */
  attempts?: number;
}

/** A notification a turn asked for, to be queued in the shared outbox. */
export interface PendingNotification { effectId: string; id: string; template: string; to?: string; data: Record<string, unknown>; now: string; locale?: string }

/** What one committed turn has to tell the shared store. */
export interface SharedWrites { sessionId: string; notifications: PendingNotification[]; caseEntry?: CaseEntry }

/** The core's effect ids are unique per session and start with its id; anything else gets it prefixed. */
export function idempotencyKey(sessionId: string, effectId: string): string {
  return effectId.startsWith(sessionId) ? effectId : `${sessionId}/${effectId}`;
}

function notificationOf(sessionId: string, effectId: string, template: string, data: Record<string, unknown>, now: string, locale: string): PendingNotification {
  return {
    effectId, id: idempotencyKey(sessionId, effectId), template, to: typeof data.to === 'string' ? data.to : undefined, data, now, locale,
  };
}

/** Unwrapped data keys kept in memory; beyond this many the oldest are dropped (and unwrapped again on use). */
const KEY_CACHE_SIZE = 10_000;

/** A session's row and (once opened) its snapshot, as this connection last read or wrote them. */
interface Head { row: SessionRow; snapshot?: SessionSnapshot }

export class SessionStore {
  private readonly keys = new Map<string, Buffer>();
  private readonly statements = new Map<string, Statement>();
  /**
   * Rows and opened snapshots by session: a turn reads its session once, not once per step,
   * check and view. Valid while no other connection wrote the file (SQLite's data_version does
   * not move for this connection's own commits, it does for a purge or export from another).
   */
  private readonly heads = new Map<string, Head>();
  private headsVersion = -1;

  /** Called after each commit that has something for the shared store (set by the engine). */
  onCommitted?: (writes: SharedWrites) => void;

  /** `_outboxSealer` is kept for older callers; notifications are sealed where they are published. */
  constructor(readonly db: Database, readonly master: MasterKey, _outboxSealer?: Sealer) {}

  /** Prepared statements are compiled once per SQL text. */
  private q(sql: string): Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  private rememberKey(id: string, key: Buffer): void {
    if (this.keys.size >= KEY_CACHE_SIZE) this.keys.delete(this.keys.keys().next().value as string);
    this.keys.set(id, key);
  }

  saveDefinition(c: CompiledService, now: string): void {
    this.q('INSERT OR IGNORE INTO definitions (hash, service, version, source, first_seen) VALUES (?, ?, ?, ?, ?)')
      .run(c.hash, c.id, c.version, c.source, now);
  }

  definitionSource(hash: string): string | undefined {
    return (this.q('SELECT source FROM definitions WHERE hash = ?').get(hash) as { source: string } | undefined)?.source;
  }

  /** Drops every cached head when another connection committed since the last look. */
  private freshHeads(): void {
    const version = this.q('PRAGMA data_version').pluck().get() as number;
    if (version !== this.headsVersion) {
      this.heads.clear();
      this.headsVersion = version;
    }
  }

  private head(id: string): Head | undefined {
    this.freshHeads();
    let head = this.heads.get(id);
    if (!head) {
      const row = this.q('SELECT * FROM sessions WHERE id = ?').get(id) as SessionRow | undefined;
      if (!row) return undefined;
      head = { row };
      this.rememberHead(id, head);
    }
    return head;
  }

  private rememberHead(id: string, head: Head): void {
    if (this.heads.size >= KEY_CACHE_SIZE && !this.heads.has(id)) this.heads.delete(this.heads.keys().next().value as string);
    this.heads.set(id, head);
  }

  row(id: string): SessionRow {
    const head = this.head(id);
    if (!head) throw new SessionNotFoundError(id);
    return head.row;
  }

  exists(id: string): boolean {
    return this.head(id) !== undefined;
  }

  private dataKey(row: Pick<SessionRow, 'id' | 'key_id' | 'wrapped_key'>): Buffer {
    // A purge by another process destroys the stored key: a cached copy must not outlive it.
    if (!row.wrapped_key) {
      this.keys.delete(row.id);
      throw new SessionPurgedError(row.id);
    }
    let key = this.keys.get(row.id);
    if (!key) {
      key = unwrapDataKey(this.master, row.id, row.key_id, row.wrapped_key);
      this.rememberKey(row.id, key);
    }
    return key;
  }

  sealFor(row: Pick<SessionRow, 'id' | 'key_id' | 'wrapped_key'>, purpose: string, value: unknown): Buffer {
    return seal(this.dataKey(row), JSON.stringify(value), `${row.id}:${purpose}`);
  }

  openFor<T>(row: Pick<SessionRow, 'id' | 'key_id' | 'wrapped_key'>, purpose: string, blob: Buffer): T {
    return JSON.parse(open(this.dataKey(row), blob, `${row.id}:${purpose}`).toString('utf8')) as T;
  }

  /** The session's row and snapshot (the core copies a snapshot before it steps; nobody changes one in place). */
  snapshot(id: string): { row: SessionRow; snapshot: SessionSnapshot } {
    const head = this.head(id);
    if (!head) throw new SessionNotFoundError(id);
    head.snapshot ??= this.openFor<SessionSnapshot>(head.row, 'snapshot', head.row.snapshot);
    return { row: head.row, snapshot: head.snapshot };
  }

  /** Commits one turn atomically: event, snapshot, transcript, effects, timers, outbox. */
  commit(input: CommitInput): void {
    const { sessionId, event, now, result } = input;
    const writes: SharedWrites = { sessionId, notifications: [] };
    let next: Head | undefined;
    const tx = this.db.transaction(() => {
      let row: SessionRow;
      if (input.create) {
        const { key, wrapped } = newDataKey(this.master, sessionId);
        this.rememberKey(sessionId, key);
        row = {
          id: sessionId, service: input.create.service.id, definition_hash: input.create.service.hash, status: result.snapshot.status,
          channel: input.create.channel, key_id: this.master.id, wrapped_key: wrapped, token_hash: input.create.tokenHash,
          snapshot: Buffer.alloc(0), last_seq: 0, last_hash: GENESIS, desk: null, taken_by: null, created_at: now, updated_at: now,
        };
        this.q(`INSERT INTO sessions (id, service, definition_hash, status, channel, key_id, wrapped_key, token_hash, snapshot, last_seq, last_hash, created_at, updated_at)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`)
          .run(sessionId, input.create.service.id, input.create.service.hash, result.snapshot.status, input.create.channel,
            this.master.id, wrapped, input.create.tokenHash, Buffer.alloc(0), GENESIS, now, now);
      } else {
        row = this.row(sessionId);
      }

      const seq = row.last_seq + 1;
      const record: EventRecord = { sessionId, seq, now, event };
      const digest = digestOf(record);
      const hash = chainHash(row.last_hash, digest);
      const body: StoredEventBody = { event, trail: result.trail, messages: result.messages, effects: result.effects };
      this.q('INSERT INTO events (session_id, seq, type, at, payload, digest, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(sessionId, seq, event.type, now, this.sealFor(row, `event:${seq}`, body), digest, row.last_hash, hash);

      // The turn's lines in one sealed row (one seal per turn, not one per line).
      const lines: TranscriptLine[] = event.type === 'message' ? [{ role: 'citizen', text: event.text }] : [];
      for (const m of result.messages) lines.push({ role: m.role, text: m.text });
      if (lines.length > 0) {
        this.q('INSERT INTO transcript (session_id, role, text, at) VALUES (?, ?, ?, ?)').run(sessionId, TURN_LINES, this.sealFor(row, 'transcript', lines), now);
      }

      if (event.type === 'effect.result') {
        this.q('UPDATE effects SET status = ?, result = ?, attempts = attempts + ?, updated_at = ? WHERE session_id = ? AND effect_id = ?')
          .run(event.ok ? 'done' : 'failed', this.sealFor(row, `effect:${event.effectId}`, event.ok ? event.result : event.error), input.attempts ?? 1, now, sessionId, event.effectId);
      }
      if (event.type === 'timer') this.q('DELETE FROM timers WHERE session_id = ? AND name = ?').run(sessionId, event.name);

      let desk = row.desk;
      let takenBy: string | undefined;
      for (const effect of result.effects) desk = this.persistEffect(row, effect, now, result.snapshot.locale, writes) ?? desk;
      if (event.type === 'staff.take') { desk = 'taken'; takenBy = event.staff; }
      if (event.type === 'staff.close') desk = 'closed';
      if (event.type === 'staff.handback' && result.snapshot.status !== 'handoff') desk = 'returned';
      if (result.snapshot.status === 'handoff' && (desk === null || desk === 'closed') && event.type !== 'staff.close') desk = 'handoff';
      if (result.snapshot.status === 'completed' || result.snapshot.status === 'cancelled') {
        this.q('DELETE FROM timers WHERE session_id = ?').run(sessionId);
      }

      // A read changes nothing of the case, so it does not move its last activity (retention counts from there).
      const updatedAt = event.type === 'staff.read' ? null : now;
      const sealed = this.sealFor(row, 'snapshot', result.snapshot);
      this.q(`UPDATE sessions SET status = ?, snapshot = ?, last_seq = ?, last_hash = ?, desk = ?, taken_by = COALESCE(?, taken_by), updated_at = COALESCE(?, updated_at) WHERE id = ?`)
        .run(result.snapshot.status, sealed, seq, hash, desk, takenBy ?? null, updatedAt, sessionId);
      next = {
        row: { ...row, status: result.snapshot.status, snapshot: sealed, last_seq: seq, last_hash: hash, desk, taken_by: takenBy ?? row.taken_by, updated_at: updatedAt ?? row.updated_at },
        snapshot: result.snapshot,
      };
      if (desk !== null && event.type !== 'staff.read') {
        writes.caseEntry = {
          sessionId, service: row.service, channel: result.snapshot.channel, status: result.snapshot.status, desk: desk as DeskState,
          ...(result.snapshot.handoff?.reason ? { handoffReason: result.snapshot.handoff.reason } : {}),
          ...((takenBy ?? row.taken_by) ? { takenBy: (takenBy ?? row.taken_by) as string } : {}),
          engine: 'embedded', createdAt: row.created_at, updatedAt: now,
        };
      }
    });
    try {
      tx.immediate();
    } catch (err) {
      this.heads.delete(sessionId);
      throw err;
    }
    if (next) this.rememberHead(sessionId, next);
    if (this.onCommitted && (writes.notifications.length > 0 || writes.caseEntry)) this.onCommitted(writes);
  }

  /** A published notification: its effect is done. */
  markNotified(sessionId: string, effectId: string, now: string): void {
    this.q("UPDATE effects SET status = 'done', updated_at = ? WHERE session_id = ? AND effect_id = ? AND kind = 'notify'").run(now, sessionId, effectId);
  }

  /** Notifications committed but not yet in the shared outbox (the process stopped in between). */
  pendingNotifications(): { sessionId: string; notification: PendingNotification }[] {
    const rows = this.q("SELECT session_id, effect_id, name, payload, created_at FROM effects WHERE status = 'pending' AND kind = 'notify' ORDER BY created_at, rowid").all() as
      { session_id: string; effect_id: string; name: string; payload: Buffer; created_at: string }[];
    const out: { sessionId: string; notification: PendingNotification }[] = [];
    for (const r of rows) {
      const row = this.row(r.session_id);
      if (!row.wrapped_key) continue; // purged: nothing left to send
      const data = this.openFor<Record<string, unknown>>(row, `effect-input:${r.effect_id}`, r.payload);
      const locale = this.openFor<SessionSnapshot>(row, 'snapshot', row.snapshot).locale;
      out.push({ sessionId: r.session_id, notification: notificationOf(r.session_id, r.effect_id, r.name, data, r.created_at, locale) });
    }
    return out;
  }

  /** Case entries of every session the desk has seen, for re-publishing after a restart. */
  deskEntries(): CaseEntry[] {
    const rows = this.q('SELECT * FROM sessions WHERE desk IS NOT NULL').all() as SessionRow[];
    return rows.filter((r) => r.wrapped_key).map((r) => {
      const snap = this.openFor<SessionSnapshot>(r, 'snapshot', r.snapshot);
      return {
        sessionId: r.id, service: r.service, channel: snap.channel, status: snap.status, desk: r.desk as DeskState,
        ...(snap.handoff?.reason ? { handoffReason: snap.handoff.reason } : {}), ...(r.taken_by ? { takenBy: r.taken_by } : {}),
        engine: 'embedded' as const, createdAt: r.created_at, updatedAt: r.updated_at,
      };
    });
  }

  /** Writes one effect; returns a new desk state for handoffs. */
  private persistEffect(row: Pick<SessionRow, 'id' | 'key_id' | 'wrapped_key'>, effect: Effect, now: string, locale: string, writes: SharedWrites): string | undefined {
    const sid = row.id;
    const insert = this.q(`INSERT OR IGNORE INTO effects (session_id, effect_id, kind, name, payload, status, created_at, updated_at)
                                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    switch (effect.kind) {
      case 'action':
        insert.run(sid, effect.id, 'action', effect.name, this.sealFor(row, `effect-input:${effect.id}`, effect.input), 'pending', now, now);
        return undefined;
      case 'timer':
        this.q('INSERT OR REPLACE INTO timers (session_id, name, at, effect_id) VALUES (?, ?, ?, ?)').run(sid, effect.name, effect.at, effect.id);
        return undefined;
      case 'cancel_timer':
        this.q('DELETE FROM timers WHERE session_id = ? AND name = ?').run(sid, effect.name);
        return undefined;
      case 'notify':
        // Pending until the shared outbox has it (markNotified); a restart publishes what is left.
        insert.run(sid, effect.id, 'notify', effect.template, this.sealFor(row, `effect-input:${effect.id}`, effect.data), 'pending', now, now);
        writes.notifications.push(notificationOf(sid, effect.id, effect.template, effect.data, now, locale));
        return undefined;
      case 'handoff':
        insert.run(sid, effect.id, 'handoff', 'handoff', this.sealFor(row, `effect-input:${effect.id}`, { reason: effect.reason }), 'done', now, now);
        return 'handoff';
    }
  }

  /** Action effects that were asked for but whose result is not committed yet (e.g. after a crash). */
  pendingActions(sessionId?: string): { sessionId: string; effectId: string; name: string; input: Record<string, unknown> }[] {
    const rows = (sessionId
      ? this.q("SELECT * FROM effects WHERE status = 'pending' AND kind = 'action' AND session_id = ? ORDER BY created_at, rowid").all(sessionId)
      : this.q("SELECT * FROM effects WHERE status = 'pending' AND kind = 'action' ORDER BY created_at, rowid").all()) as
      { session_id: string; effect_id: string; name: string; payload: Buffer }[];
    return rows.map((r) => {
      const row = this.row(r.session_id);
      return { sessionId: r.session_id, effectId: r.effect_id, name: r.name, input: this.openFor(row, `effect-input:${r.effect_id}`, r.payload) };
    });
  }

  dueTimers(now: string): { sessionId: string; name: 'reminder' | 'timeout'; at: string }[] {
    return (this.q('SELECT session_id, name, at FROM timers WHERE at <= ? ORDER BY at').all(now) as { session_id: string; name: 'reminder' | 'timeout'; at: string }[])
      .map((r) => ({ sessionId: r.session_id, name: r.name, at: r.at }));
  }

  nextTimerAt(): string | undefined {
    return (this.q('SELECT MIN(at) AS at FROM timers').get() as { at: string | null }).at ?? undefined;
  }

  transcript(id: string): (TranscriptLine & { at: string })[] {
    const row = this.row(id);
    const rows = this.q('SELECT role, text, at FROM transcript WHERE session_id = ? ORDER BY id').all(id) as { role: TranscriptLine['role'] | typeof TURN_LINES; text: Buffer; at: string }[];
    // Rows of earlier releases hold one line each; since then a row holds all lines of a turn.
    return rows.flatMap((t) => (t.role === TURN_LINES
      ? this.openFor<TranscriptLine[]>(row, 'transcript', t.text).map((l) => ({ ...l, at: t.at }))
      : [{ role: t.role, text: this.openFor<string>(row, 'transcript', t.text), at: t.at }]));
  }

  /** Chain links with (when the data key is available) their decrypted records and bodies. */
  events(id: string, decrypt = true): (ChainLink & { type: string; at: string; body?: StoredEventBody })[] {
    const row = this.row(id);
    const rows = this.q('SELECT * FROM events WHERE session_id = ? ORDER BY seq').all(id) as
      { seq: number; type: string; at: string; payload: Buffer; digest: string; prev_hash: string; hash: string }[];
    return rows.map((e) => {
      const link = { seq: e.seq, type: e.type, at: e.at, digest: e.digest, prevHash: e.prev_hash, hash: e.hash };
      if (!decrypt) return link;
      const body = this.openFor<StoredEventBody>(row, `event:${e.seq}`, e.payload);
      return { ...link, body, record: { sessionId: id, seq: e.seq, now: e.at, event: body.event } };
    });
  }

  effects(id: string): { effectId: string; kind: string; name: string; status: string; attempts: number; input: unknown; result?: unknown }[] {
    const row = this.row(id);
    return (this.q('SELECT * FROM effects WHERE session_id = ? ORDER BY created_at, rowid').all(id) as
      { effect_id: string; kind: string; name: string; status: string; attempts: number; payload: Buffer; result: Buffer | null }[])
      .map((e) => ({
        effectId: e.effect_id, kind: e.kind, name: e.name, status: e.status, attempts: e.attempts,
        input: this.openFor(row, `effect-input:${e.effect_id}`, e.payload),
        result: e.result ? this.openFor(row, `effect:${e.effect_id}`, e.result) : undefined,
      }));
  }

  timers(id: string): { name: string; at: string }[] {
    return this.q('SELECT name, at FROM timers WHERE session_id = ? ORDER BY at').all(id) as { name: string; at: string }[];
  }

  /** Sessions started in [from, to) whose data key still exists (purged ones have no trail to read). */
  startedBetween(from: string, to: string): { id: string; service: string; definition_hash: string }[] {
    return this.q('SELECT id, service, definition_hash FROM sessions WHERE created_at >= ? AND created_at < ? AND wrapped_key IS NOT NULL ORDER BY created_at, id')
      .all(from, to) as { id: string; service: string; definition_hash: string }[];
  }

  cases(filter: 'handoff' | 'taken' | 'all' | 'closed'): SessionRow[] {
    const where = filter === 'all' ? "desk IN ('handoff', 'taken')" : filter === 'closed' ? "desk IN ('closed', 'returned')" : 'desk = ?';
    const stmt = this.q(`SELECT * FROM sessions WHERE ${where} ORDER BY updated_at DESC, id`);
    return (filter === 'handoff' || filter === 'taken' ? stmt.all(filter) : stmt.all()) as SessionRow[];
  }
}
