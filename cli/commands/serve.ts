/**
 * `amtsweg serve`: the HTTP API (and the channels mounted on it) over the catalogue of a folder.
 * Binds 127.0.0.1 by default: a demo stays off the network until `--host 0.0.0.0` says otherwise.
 * A broken definition stops the start (exit 1) with its problems printed: serving a catalogue that
 * silently lacks a service would look like a working system that is not.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CALENDAR_FILE, loadCalendarFile } from '../../catalog';
import type { CalendarData } from '../../core/calendar';
import { startServer, type ApiApp, type RateLimitConfig, parseRateLimit, DEFAULT_RATE_LIMITS, SERVE_NEW_SESSION_LIMIT } from '../../channels/http';
import { formatProblems, loadServicesFrom } from '../catalog';
import { loadChannelPlugins, type ChannelContext, type ChannelPlugin } from '../channels';
import { openEngine } from '../engine';
import type { Engine } from '../../host/types';
import type { ReloadResult } from '../../host/service-catalogue';
import { watchOutbox } from '../../platform/metrics';
import { CliError, UsageError } from '../errors';
import { parseEngineKind, parsePort, parseToday, type EngineKind } from '../options';
import { addTemporalFlags, temporalFlagsOf, type TemporalFlagValues } from '../temporal-flags';
import { mountRouteRoutes } from '../../channels/http/route-routes';
import { llmHostFromEnv } from '../../llm/host';
import { createServiceRouter } from '../../llm/routing';
import { storeUrlFrom } from '../../store/open';
import { loadRoutingCatalogue } from '../../catalog';

export interface ServeOptions {
  port: number;
  host: string;
  data: string;
  definitions: string;
  today?: string;
  engine: EngineKind;
  rateLimit: RateLimitConfig;
  trustProxy: boolean;
  temporal?: TemporalFlagValues;
  /** Shared store URL (--database or AMTSWEG_DATABASE_URL); none = SQLite in the data folder. */
  database?: string;
}

function rate(value: string | undefined, what: string, fallback: RateLimitConfig['ip']): RateLimitConfig['ip'] {
  if (value === undefined || value === '') return fallback;
  try {
    return parseRateLimit(value, what);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** The calendar data beside the definitions; a broken one stops the start like a broken definition. */
export function calendarFrom(dir: string, err: (s: string) => void): CalendarData | undefined {
  const file = path.join(dir, CALENDAR_FILE);
  if (!fs.existsSync(file)) return undefined;
  const { calendar, problems } = loadCalendarFile(file);
  if (problems.length > 0) err(formatProblems(problems));
  if (!calendar) throw new CliError(`Server not started: ${file} has errors. Fix them (amtsweg validate ${file}).`);
  return calendar;
}

/** The definitions folder does not load: the engine keeps the versions it had. */
export class DefinitionReloadError extends Error {
  readonly code = 'definitions_invalid';
  constructor(message: string) { super(message); this.name = 'DefinitionReloadError'; }
}

/**
 * Re-reads `dir` into the engine: a folder with errors changes nothing (DefinitionReloadError with
 * the problems); otherwise new sessions get the new versions and running ones finish on theirs.
 */
export function definitionReloader(engine: Engine, dir: string, log: (s: string) => void): () => Promise<ReloadResult> {
  return async () => {
    if (!engine.reload) throw new DefinitionReloadError('This engine cannot reload definitions; restart it.');
    const { services, problems, errors } = loadServicesFrom(dir);
    if (errors.length > 0) throw new DefinitionReloadError(`Definitions not reloaded: ${errors.length} error(s) in ${dir}; the loaded versions stay.\n${formatProblems(problems)}`);
    if (services.length === 0) throw new DefinitionReloadError(`Definitions not reloaded: no definitions in ${dir}; the loaded versions stay.`);
    const r = await engine.reload(services);
    log(`amtsweg: definitions reloaded from ${dir}: ${r.current.map((v) => `${v.id} ${v.version} (${v.hash.slice(0, 12)})`).join(', ')}; ${r.added.length} new version(s), ${r.versions} kept by hash${r.withdrawn.length ? `; no longer offered: ${r.withdrawn.join(', ')}` : ''}`);
    return r;
  };
}

/** Stops the server when called; `reload()` re-reads the definitions folder. */
export type ServeHandle = (() => Promise<void>) & { reload: () => Promise<ReloadResult> };

/** Starts everything; resolves with a stop function once the server listens. */
export async function runServe(
  opts: ServeOptions,
  out: (s: string) => void,
  err: (s: string) => void,
  channelPlugins: ChannelPlugin[] = loadChannelPlugins(),
): Promise<ServeHandle> {
  const { services, problems, errors } = loadServicesFrom(opts.definitions);
  if (errors.length > 0) {
    err(formatProblems(problems));
    throw new CliError(`Server not started: ${errors.length} error(s) in ${opts.definitions}. `
      + `Fix them (amtsweg validate ${opts.definitions}) or move the broken file out of the folder.`);
  }
  if (problems.length > 0) err(formatProblems(problems));
  if (services.length === 0) {
    throw new CliError(`Server not started: no definitions (*.yaml) in ${opts.definitions}. Pass the folder with --definitions DIR.`);
  }
  const calendar = calendarFrom(opts.definitions, err);
  const engine = await openEngine({
    kind: opts.engine, dataDir: opts.data, services, today: opts.today, temporal: opts.temporal, calendar, databaseUrl: storeUrlFrom(opts.database),
  });
  const outbox = engine.outbox;
  // The outbox depth and age on /metrics (whatever the engine's outbox is: local or shared).
  if (outbox) watchOutbox({ counts: () => outbox.counts(), oldestDueAt: async () => (await outbox.pending(1))[0]?.createdAt });
  // One router for every channel: the API, the web landing page, e-mail and phone.
  const routing = loadRoutingCatalogue(opts.definitions);
  for (const p of routing.problems) err(p);
  const router = createServiceRouter(services, llmHostFromEnv()?.client, routing.catalogue);
  const reloadDefinitions = definitionReloader(engine, opts.definitions, err);
  const ctx: ChannelContext = { engine, dataDir: opts.data, env: process.env, store: engine.shared, router, reloadDefinitions };
  const stops: (() => Promise<void>)[] = [];
  try {
    const server = await startServer({
      engine,
      port: opts.port,
      host: opts.host,
      rateLimit: opts.rateLimit,
      trustProxy: opts.trustProxy,
      router,
      mount: (app: ApiApp) => {
        // Service routing from a first message: words and the catalogue first, the LLM (if configured) second.
        mountRouteRoutes(app, { router });
        for (const plugin of channelPlugins) plugin.mount?.(app, ctx);
      },
    });
    for (const plugin of channelPlugins) if (plugin.start) stops.push(await plugin.start(ctx));
    const shown = opts.host === '0.0.0.0' || opts.host === '::' ? server.url.replace(/\/\/[^:]+:|\/\/\[.*\]:/, '//localhost:') : server.url;
    out(`amtsweg serves ${services.length} service(s) on ${shown} (engine ${opts.engine}, data ${opts.data}${engine.shared ? `, store ${engine.shared.location}` : ''})`);
    return Object.assign(async () => {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
      await server.close();
      await engine.close();
    }, { reload: reloadDefinitions });
  } catch (e) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await engine.close();
    throw e instanceof CliError ? e : new CliError(`Server not started: ${(e as Error).message}`);
  }
}

/** Registers the command. */
export function register(program: Command): void {
  const cmd = program
    .command('serve')
    .description('run the HTTP API (and web chat, desk, voice webhook) over the definitions of a folder')
    .option('--port <port>', 'port (default: PORT or 3000)')
    .option('--host <host>', 'interface to bind (default: AMTSWEG_HOST or 127.0.0.1; 0.0.0.0 for all)')
    .option('--data <dir>', 'data folder', './data')
    .option('--definitions <dir>', 'folder of the definitions', './definitions')
    .option('--today <date>', 'reference date YYYY-MM-DD (default: AMTSWEG_TODAY or today)')
    .option('--engine <engine>', 'embedded (SQLite) or temporal', 'embedded')
    .option('--database <url>', 'shared store for calendar, outbox, desk cases, e-mail threads: postgres://user:pass@host:5432/db (default: AMTSWEG_DATABASE_URL, else SQLite <data>/store.db)')
    .option('--rate-ip <limit>', `requests per client IP, e.g. 120/min or off (default: AMTSWEG_RATE_IP or ${DEFAULT_RATE_LIMITS.ip ? `${DEFAULT_RATE_LIMITS.ip.capacity}/min` : 'off'})`)
    .option('--rate-session <limit>', 'requests per session, e.g. 20/min or off (default: AMTSWEG_RATE_SESSION)')
    .option('--rate-new-session <limit>', 'new sessions per client IP, e.g. 10/hour or off (default: AMTSWEG_RATE_NEW_SESSION or 10/hour)')
    .option('--trust-proxy', 'take the client IP from X-Forwarded-For (only behind your own reverse proxy; AMTSWEG_TRUST_PROXY=1)');
  addTemporalFlags(cmd)
    .addHelpText('after', '\nExamples:\n  $ amtsweg serve\n  $ amtsweg serve --port 8080 --host 0.0.0.0 --data /var/lib/amtsweg\n  $ AMTSWEG_TODAY=2026-12-01 amtsweg serve --definitions definitions/\n  $ amtsweg serve --engine temporal   # TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE\n')
    .action(async (o: Record<string, string | boolean | undefined>) => {
      const env = process.env;
      const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
      const opts: ServeOptions = {
        port: str(o.port) !== undefined ? parsePort(str(o.port), '--port', 3000) : parsePort(env.PORT, 'PORT', 3000),
        host: str(o.host) ?? (env.AMTSWEG_HOST || '127.0.0.1'),
        data: str(o.data) ?? './data',
        definitions: str(o.definitions) ?? './definitions',
        today: str(o.today) !== undefined ? parseToday(str(o.today), '--today') : parseToday(env.AMTSWEG_TODAY, 'AMTSWEG_TODAY'),
        engine: parseEngineKind(str(o.engine)),
        rateLimit: {
          ip: rate(str(o.rateIp) ?? env.AMTSWEG_RATE_IP, '--rate-ip', DEFAULT_RATE_LIMITS.ip),
          session: rate(str(o.rateSession) ?? env.AMTSWEG_RATE_SESSION, '--rate-session', DEFAULT_RATE_LIMITS.session),
          newSession: rate(str(o.rateNewSession) ?? env.AMTSWEG_RATE_NEW_SESSION, '--rate-new-session', SERVE_NEW_SESSION_LIMIT),
        },
        trustProxy: Boolean(o.trustProxy) || env.AMTSWEG_TRUST_PROXY === '1',
        temporal: temporalFlagsOf(o),
        database: str(o.database),
      };
      const stop = await runServe(opts, (s) => process.stdout.write(`${s}\n`), (s) => process.stderr.write(`${s}\n`));
      let stopping = false;
      const shutdown = (signal: string) => {
        if (stopping) {
          process.stderr.write(`amtsweg: ${signal} again, exiting at once\n`);
          process.exit(1);
        }
        stopping = true;
        process.stderr.write(`amtsweg: ${signal}, shutting down\n`);
        stop().then(() => {
          process.exitCode = 0;
        }, (e: unknown) => {
          process.stderr.write(`amtsweg: shutdown failed: ${(e as Error).message}\n`);
          process.exitCode = 1;
        });
      };
      // SIGHUP re-reads the definitions (as POST /desk/api/admin/reload does for an admin).
      process.on('SIGHUP', () => {
        stop.reload().catch((e: unknown) => process.stderr.write(`${(e as Error).message}\n`));
      });
      process.on('SIGINT', () => shutdown('SIGINT'));
      process.on('SIGTERM', () => shutdown('SIGTERM'));
    });
}
