/**
 * Test support for the HTTP API (not a test file): a real embedded engine on a temporary SQLite
 * file, the app around it, and a request helper that plays a client behind a given address.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { compileService } from '../../core/compiler';
import { loadDefinition } from '../../core/definition';
import type { CompiledService, Pending } from '../../core/session/types';
import { createEmbeddedEngine } from '../../host/embedded';
import type { ActionHandler } from '../../activities/types';
import type { EmbeddedEngine } from '../../host/embedded/options';
import { createApp, type ApiApp, type AppDeps } from './app';
import type { LogRecord } from './request-log';

export const FIXTURE_DIR = path.join(__dirname, '..', '..', 'test', 'fixtures', 'definitions');
export const MINI_TERMIN = path.join(FIXTURE_DIR, 'valid', 'mini-termin.yaml');
export const TODAY = '2026-12-01';

/** Compiles a YAML file, failing loudly if the fixture itself is broken. */
export function compileFile(file: string): CompiledService {
  const source = fs.readFileSync(file, 'utf8');
  const { definition, problems } = loadDefinition(source, file);
  const errors = problems.filter((p) => p.severity === 'error');
  if (!definition || errors.length > 0) throw new Error(`fixture ${file} is broken: ${errors.map((p) => p.message).join('; ')}`);
  return compileService(definition, { source, hash: createHash('sha256').update(source).digest('hex') });
}

/** Compiles a definition given as YAML text (for variants built inside a test). */
export function compileYaml(source: string, file = 'inline.yaml'): CompiledService {
  const { definition, problems } = loadDefinition(source, file);
  if (!definition) throw new Error(`inline fixture is broken: ${problems.map((p) => `${p.line}:${p.col} ${p.message}`).join('; ')}`);
  return compileService(definition, { source, hash: createHash('sha256').update(source).digest('hex') });
}

export interface RequestOptions { json?: unknown; body?: BodyInit; token?: string; headers?: Record<string, string>; ip?: string }

export interface Harness {
  engine: EmbeddedEngine;
  app: Hono;
  logs: LogRecord[];
  dir: string;
  request(method: string, url: string, opts?: RequestOptions): Promise<Response>;
  /** Creates a session and returns id and token. */
  start(service?: string): Promise<{ id: string; token: string; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function createHarness(opts: {
  services?: CompiledService[];
  app?: Partial<AppDeps>;
  actions?: Record<string, ActionHandler>;
  /** Mounts channels that need the harness's engine and data folder (as serve's plugins do). */
  mountWith?: (app: ApiApp, engine: EmbeddedEngine, dir: string) => void;
} = {}): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amtsweg-http-'));
  const services = opts.services ?? [compileFile(MINI_TERMIN)];
  const engine = await createEmbeddedEngine({ dataDir: dir, services, today: TODAY, actions: opts.actions, scheduler: false });
  const logs: LogRecord[] = [];
  const app = createApp({
    engine, log: (r) => logs.push(r), rateLimit: false, ...opts.app,
    mount: (a) => { opts.app?.mount?.(a); opts.mountWith?.(a, engine, dir); },
  });
  const request = (method: string, url: string, o: RequestOptions = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    let body = o.body;
    if (o.json !== undefined) {
      body = JSON.stringify(o.json);
      headers['content-type'] ??= 'application/json';
    }
    if (o.token !== undefined) headers.authorization = `Bearer ${o.token}`;
    const env = { incoming: { socket: { remoteAddress: o.ip ?? '192.0.2.10' } } };
    return Promise.resolve(app.request(`http://amtsweg.test${url}`, { method, headers, body }, env));
  };
  return {
    engine, app, logs, dir, request,
    async start(service = services[0].id) {
      const res = await request('POST', '/api/sessions', { json: { service } });
      const body = (await res.json()) as Record<string, unknown>;
      if (res.status !== 201) throw new Error(`session not created: ${res.status} ${JSON.stringify(body)}`);
      return { id: body.id as string, token: body.token as string, body };
    },
    async close() {
      await engine.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The citizen's answer in the mini-termin service to whatever the session waits for. */
export function miniAnswer(pending: Pending): string {
  if (!pending) return 'hallo';
  if (pending.kind === 'slot') return ({ anliegen: 'Personalausweis', wunschdatum: '15.12.2026' } as Record<string, string>)[pending.slot] ?? 'weiß nicht';
  if (pending.kind === 'disambiguate') return '1';
  return 'ja';
}
