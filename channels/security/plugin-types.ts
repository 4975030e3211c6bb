import type { Hono } from 'hono';
import type { Engine } from '../../host/types';
import { lineSink, logger } from '../../platform/logger';

/**
 * The shape `amtsweg serve` (cli/channels.ts) expects of a channel, repeated here so channels do
 * not import the CLI. Structurally identical to `ChannelPlugin` there.
 */
export interface ChannelContextLike {
  engine: Engine; dataDir: string; env: NodeJS.ProcessEnv;
  /** The shared store when serve opened one (webhook nonces shared by every process). */
  store?: { nonces: { claim(scope: string, id: string, expiresAt: string): Promise<boolean> } };
  /** The one service router of every channel (u9). */
  router?: { route(text: string, locale?: string): Promise<{ service: string } | object> };
  /** Re-reads the definitions folder into the engine (serve: SIGHUP and the desk's admin endpoint). */
  reloadDefinitions?: () => Promise<unknown>;
}
export interface ChannelPluginLike {
  name: string;
  mount?: (app: Hono, ctx: ChannelContextLike) => void;
  start?: (ctx: ChannelContextLike) => Promise<() => Promise<void>>;
}

/** A channel's log line, written through the one logger (its filter drops personal data). */
export const logLine: (line: Record<string, unknown>) => void = lineSink(logger.child('channels'));

/** The service a channel starts when nothing else says which: env, else the appointment, else the first. */
export function defaultServiceId(engine: Engine, fromEnv: string | undefined): string {
  const ids = engine.services().map((s) => s.id);
  if (fromEnv) return fromEnv;
  return ids.includes('terminvereinbarung') ? 'terminvereinbarung' : ids[0] ?? '';
}
