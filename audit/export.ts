/**
 * Export: one finished (or running) case as an audit bundle. The bundle carries everything an
 * auditor needs to replay and explain the case without access to the running system.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { parse } from 'yaml';
import type { SessionExport } from '../host/embedded/options';
import type { SessionSnapshot, TrailEntry } from '../core/session/types';
import { SessionPurgedError, SessionNotFoundError } from '../host/errors';
import { GENESIS } from '../host/embedded/hash-chain';
import { canonicalJson, sha256Hex } from './canonical';
import { AuditBundle, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type BundleEvent } from './bundle-schema';
import { openAuditStore } from './data-store';
import { ExportError } from './errors';
import { purgeRecordOf } from './shred';
import { signContentHash } from './signing';
import { promptsOf, sectionHashes } from './sections';

/** The amtsweg package version (the engine version recorded in bundles). */
export function engineVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export interface BundleOptions {
  exportedAt: string;
  engine?: 'embedded' | 'temporal';
  workflowId?: string;
  runId?: string;
  sign?: KeyObject;
}

/** Everything but `integrity`, the part the content hash covers. */
export type BundleContent = Omit<AuditBundle, 'integrity'>;

/** Adds the content hash (and the signature) to bundle content. */
export function sealBundle(content: BundleContent, sign?: KeyObject): AuditBundle {
  const contentHash = sha256Hex(canonicalJson(content));
  const sections = sectionHashes(content as unknown as Record<string, unknown>);
  return { ...content, integrity: { algorithm: 'sha256', contentHash, sections, ...(sign ? { signature: signContentHash(contentHash, sign) } : {}) } };
}

function definitionMeta(source: string, hash: string, service: string): AuditBundle['definition'] {
  let version = '';
  try {
    const raw = parse(source) as { version?: unknown };
    version = raw && raw.version !== undefined ? String(raw.version) : '';
  } catch {
    version = '';
  }
  return { service, version, hash, source };
}

/** The prompt files installed here, as name@hash; none when the LLM part is absent. */
function promptVersions(): string[] {
  try {
    const llm = require('../llm/prompts') as { PROMPT_NAMES: Record<string, string>; loadPrompt(name: string): { name: string; hash: string } };
    return Object.values(llm.PROMPT_NAMES).map((n) => { const p = llm.loadPrompt(n); return `${p.name}@${p.hash}`; }).sort();
  } catch {
    return [];
  }
}

/** Builds the bundle from the engine's raw export. */
export function buildBundle(exp: SessionExport, opts: BundleOptions): AuditBundle {
  if (!exp.definition) {
    throw new ExportError('definition_missing', `The definition ${exp.session.definitionHash.slice(0, 12)} of session ${exp.session.id} is not stored; the case cannot be exported.`);
  }
  const snapshot = exp.snapshot as SessionSnapshot;
  const events: BundleEvent[] = exp.events.map((e) => ({
    seq: e.seq, at: e.at, type: e.type, digest: e.digest, prevHash: e.prevHash, hash: e.hash,
    ...(e.body ? {
      event: e.body.event as unknown as Record<string, unknown>,
      trail: e.body.trail as unknown as Record<string, unknown>[],
      messages: e.body.messages,
      effects: e.body.effects as unknown as Record<string, unknown>[],
    } : {}),
  }));
  const rules = events.flatMap((e) => ((e.trail ?? []) as TrailEntry[])
    .filter((t) => t.type === 'rule')
    .map((t) => ({ seq: e.seq, ...t })));
  const content: BundleContent = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    exportedAt: opts.exportedAt,
    producer: {
      engine: opts.engine ?? 'embedded', engineVersion: engineVersion(), prompts: promptsOf(events as never), promptVersions: promptVersions(),
      ...(opts.workflowId ? { workflowId: opts.workflowId } : {}), ...(opts.runId ? { runId: opts.runId } : {}),
    },
    definition: definitionMeta(exp.definition.source, exp.definition.hash, exp.session.service),
    session: {
      id: exp.session.id, service: exp.session.service, status: exp.session.status as AuditBundle['session']['status'],
      channel: exp.session.channel, locale: snapshot?.locale ?? 'de',
      referenceDate: snapshot?.referenceDate ?? String((events[0]?.event as { referenceDate?: string } | undefined)?.referenceDate ?? '1970-01-01'),
      startedAt: exp.session.createdAt, updatedAt: exp.session.updatedAt,
    },
    purged: false,
    events,
    slots: (snapshot?.slots ?? {}) as unknown as AuditBundle['slots'],
    rules,
    effects: exp.effects.map((f) => ({ ...f, input: f.input ?? null })),
    outcome: (snapshot?.outcome as unknown as Record<string, unknown>) ?? null,
    snapshot: snapshot as unknown as Record<string, unknown>,
    chain: { algorithm: 'sha256', genesis: GENESIS, head: events[events.length - 1]?.hash ?? GENESIS, length: events.length },
  };
  return sealBundle(AuditBundle.omit({ integrity: true }).parse(content) as BundleContent, opts.sign);
}

/** A chain-only bundle of a purged case: digests and hashes, no personal data. */
function purgedBundle(exportStore: ReturnType<typeof openAuditStore>, id: string, opts: BundleOptions): AuditBundle {
  const { store, db } = exportStore;
  const row = store.row(id);
  const record = purgeRecordOf(db, id);
  const source = store.definitionSource(row.definition_hash) ?? '';
  const events: BundleEvent[] = store.events(id, false).map((e) => ({ seq: e.seq, at: e.at, type: e.type, digest: e.digest, prevHash: e.prevHash, hash: e.hash }));
  const content: BundleContent = {
    format: BUNDLE_FORMAT, formatVersion: BUNDLE_FORMAT_VERSION, exportedAt: opts.exportedAt,
    producer: { engine: 'embedded', engineVersion: engineVersion(), prompts: [] },
    definition: definitionMeta(source, row.definition_hash, row.service),
    session: {
      id, service: row.service, status: row.status as AuditBundle['session']['status'], channel: row.channel, locale: record?.locale ?? 'de',
      // Purges before the purge record existed kept no reference date; the day the case started is the best left.
      referenceDate: record?.referenceDate ?? row.created_at.slice(0, 10), startedAt: row.created_at, updatedAt: row.updated_at,
    },
    purged: true, events, slots: {}, rules: [], effects: [], outcome: null, snapshot: null,
    chain: { algorithm: 'sha256', genesis: GENESIS, head: row.last_hash, length: events.length },
  };
  return sealBundle(content, opts.sign);
}

/** Exports a session of the embedded engine from its data folder. */
export function exportEmbeddedSession(dataDir: string, sessionId: string, opts: BundleOptions & { keyFile?: string }): AuditBundle {
  const audit = openAuditStore(dataDir, opts.keyFile);
  try {
    const { store } = audit;
    let row;
    try {
      row = store.row(sessionId);
    } catch (e) {
      if (e instanceof SessionNotFoundError) throw new ExportError('session_not_found', `There is no session "${sessionId}" in ${dataDir}. Check the id (amtsweg desk or the API list sessions).`);
      throw e;
    }
    if (!row.wrapped_key) return purgedBundle(audit, sessionId, opts);
    try {
      const { snapshot } = store.snapshot(sessionId);
      const events = store.events(sessionId);
      const source = store.definitionSource(row.definition_hash);
      const exp: SessionExport = {
        session: {
          id: row.id, service: row.service, definitionHash: row.definition_hash, status: row.status, channel: row.channel,
          keyId: row.key_id, desk: row.desk, takenBy: row.taken_by, createdAt: row.created_at, updatedAt: row.updated_at,
        },
        definition: source === undefined ? undefined : { hash: row.definition_hash, source },
        events, chain: { ok: true, length: events.length }, snapshot,
        transcript: [], effects: store.effects(sessionId), timers: store.timers(sessionId),
      };
      return buildBundle(exp, opts);
    } catch (e) {
      if (e instanceof SessionPurgedError) return purgedBundle(audit, sessionId, opts);
      throw e;
    }
  } finally {
    audit.close();
  }
}
