/**
 * The channels `amtsweg serve` runs next to the citizen API (web chat, desk, voice webhook,
 * e-mail). Each entry mounts routes on the shared app and/or starts a listener of its own.
 * Channels read their own settings from the environment (see each plugin's TSDoc).
 */
import type { ServiceRouter } from '../llm/routing';
import type { Hono } from 'hono';
import type { Engine } from '../host/types';
import { CliError } from './errors';

/** What a channel gets from `serve`. */
export interface ChannelContext {
  engine: Engine; dataDir: string; env: NodeJS.ProcessEnv;
  /** The shared store (threads, nonces, outbox), when the engine has one open. */
  store?: import('../store/contract').SharedStore;
  /** The one service router every channel routes first messages with. */
  router?: ServiceRouter;
  /** Re-reads the definitions folder into the engine (SIGHUP, desk admin endpoint). */
  reloadDefinitions?: () => Promise<unknown>;
}

/** One channel: routes on the shared app, and/or a start function returning its stop function. */
export interface ChannelPlugin {
  name: string;
  mount?: (app: Hono, ctx: ChannelContext) => void;
  start?: (ctx: ChannelContext) => Promise<() => Promise<void>>;
}

/**
 * The channels `serve` wires in, in this order. Required only when `serve` runs, so `validate`
 * and `compile` do not load mail servers and bundlers.
 */
export function loadChannelPlugins(): ChannelPlugin[] {
  const loaders: [string, () => ChannelPlugin][] = [
    ['web', () => (require('../channels/web') as typeof import('../channels/web')).webChatPlugin],
    ['desk', () => (require('../channels/desk') as typeof import('../channels/desk')).deskPlugin],
    ['phone', () => (require('../channels/phone') as typeof import('../channels/phone')).voicePlugin],
    ['email', () => (require('../channels/email') as typeof import('../channels/email')).emailPlugin],
    ['fachverfahren', () => (require('../channels/fachverfahren') as typeof import('../channels/fachverfahren')).fachverfahrenPlugin],
  ];
  return loaders.map(([name, load]) => {
    try {
      return load();
    } catch (err) {
      const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
      throw new CliError(`The ${name} channel could not be loaded (${detail}). Run with AMTSWEG_DEBUG=1 for details.`);
    }
  });
}
