/**
 * Starts the whole stack for the channel tests: the real embedded engine on a temp SQLite
 * folder, the real HTTP API on 127.0.0.1 with a random port, and the channels mounted on it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiApp } from '../../channels/http';
import { loadCatalog, loadServiceFile } from '../../catalog';
import type { CompiledService } from '../../core/session/types';
import { createEmbeddedEngine, type EmbeddedEngine } from '../../host/embedded';
import { startServer, type RunningServer } from '../../channels/http';
import { mountWebChat, type WebChatOptions } from '../../channels/web';
import { mountDesk, parseStaffRoles } from '../../channels/desk';
import { mountVoice } from '../../channels/phone';
import { parseStaffCredentials } from '../../channels/security';

export const TODAY = '2026-11-26';
export const STAFF_TOKEN = 'desk-token-0123456789';
export const STAFF_USER = { user: 'erika', password: 'sehr-geheim-123' };
export const VOICE_SECRET = 'voice-secret-0123456789';
/** Further staff with their roles (AMTSWEG_STAFF_ROLES form): a second case worker, an admin, an analyst. */
export const STAFF_TOKENS = { bert: 'bert-token-0123456789', ada: 'ada-admin-token-0123456789', ana: 'ana-analyst-token-0123456789' };
export const STAFF_ROLES = 'ada:admin,ana:analyst';

export interface Stack {
  dir: string;
  engine: EmbeddedEngine;
  server: RunningServer;
  url: string;
  services: CompiledService[];
  logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

/** Loads one of the repository's example definitions, failing loudly with its problems. */
export function loadDefinition(name: string): CompiledService {
  const file = join(__dirname, '..', '..', 'definitions', `${name}.yaml`);
  const { service, problems } = loadServiceFile(file);
  if (!service) throw new Error(`${file} does not load: ${problems.map((p) => p.message).join('; ')}`);
  return service;
}

/** Every example definition that loads (a broken one is left out, as `serve` would refuse it). */
export function loadAllDefinitions(): CompiledService[] {
  const { services } = loadCatalog(join(__dirname, '..', '..', 'definitions'));
  if (!services.some((s) => s.id === 'terminvereinbarung')) return [loadDefinition('terminvereinbarung')];
  return services;
}

export async function startStack(opts: {
  services?: CompiledService[];
  extraMount?: (app: ApiApp, engine: EmbeddedEngine) => void;
  attachments?: Parameters<typeof mountDesk>[1]['attachments'];
  attachmentContent?: Parameters<typeof mountDesk>[1]['attachmentContent'];
  rateLimit?: false;
  /** Options of the web chat (branding). */
  web?: WebChatOptions;
} = {}): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'amtsweg-e2e-'));
  const services = opts.services ?? [loadDefinition('terminvereinbarung')];
  const engine = await createEmbeddedEngine({ dataDir: dir, services, today: TODAY });
  const logs: Record<string, unknown>[] = [];
  const log = (line: Record<string, unknown>) => { logs.push(line); };
  const tokens = [`erika:${STAFF_TOKEN}`, ...Object.entries(STAFF_TOKENS).map(([name, token]) => `${name}:${token}`)].join(',');
  const staff = parseStaffCredentials(tokens, `${STAFF_USER.user}:${STAFF_USER.password}`);
  const roles = parseStaffRoles(STAFF_ROLES);
  let unsubscribeVoice = () => {};
  const server = await startServer({
    engine, port: 0, host: '127.0.0.1', log: () => {}, rateLimit: opts.rateLimit,
    mount: (app) => {
      mountWebChat(app, { log, ...opts.web });
      mountDesk(app, { engine, staff, roles, log, attachments: opts.attachments, attachmentContent: opts.attachmentContent });
      unsubscribeVoice = mountVoice(app, { engine, secret: VOICE_SECRET, service: services[0].id, services, log });
      opts.extraMount?.(app, engine);
    },
  });
  return {
    dir, engine, server, url: server.url, services, logs,
    async stop() {
      unsubscribeVoice();
      await server.close();
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** JSON over real HTTP. */
export async function http(url: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(url, {
    method, headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** The citizen answers of the first terminvereinbarung scenario (reference date 2026-11-26). */
export const BOOKING_SCRIPT = [
  'Ich brauche einen Termin für meinen Personalausweis',
  'Buer',
  'morgen',
  'ab 10 Uhr',
  'Erika Mustermann',
  'erika.mustermann@example.org',
  'ja',
  'ja',
];
