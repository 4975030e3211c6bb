import type { Hono } from 'hono';
import type { Engine } from '../../host/types';

/**
 * The shape `amtsweg serve` (cli/channels.ts) expects of a channel, repeated here so channels do
 * not import the CLI. Structurally identical to `ChannelPlugin` there.
 */
export interface ChannelContextLike { engine: Engine; dataDir: string; env: NodeJS.ProcessEnv }
export interface ChannelPluginLike {
  name: string;
  mount?: (app: Hono, ctx: ChannelContextLike) => void;
  start?: (ctx: ChannelContextLike) => Promise<() => Promise<void>>;
}

/** JSON log line to stderr; callers pass no personal data. */
export function logLine(line: Record<string, unknown>): void {
  process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), component: 'amtsweg.channels', ...line })}\n`);
}

/** The service a channel starts when nothing else says which: env, else the appointment, else the first. */
export function defaultServiceId(engine: Engine, fromEnv: string | undefined): string {
  const ids = engine.services().map((s) => s.id);
  if (fromEnv) return fromEnv;
  return ids.includes('terminvereinbarung') ? 'terminvereinbarung' : ids[0] ?? '';
}
