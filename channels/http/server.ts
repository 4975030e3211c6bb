/** Runs the app on a real socket with @hono/node-server. */
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type AppDeps } from './app';

/** `createApp`'s dependencies plus where to listen. */
export interface ServerOptions extends AppDeps {
  /** 0 picks a free port. */
  port: number;
  /** Interface to bind; 127.0.0.1 keeps a demo off the network. */
  host?: string;
  /** A client that has not sent all headers after this is cut off (default 10 s). */
  headersTimeoutMs?: number;
}

/** A listening server. `close` stops accepting, ends idle keep-alive connections and resolves when all are gone. */
export interface RunningServer {
  url: string;
  port: number;
  host: string;
  server: Server;
  close(): Promise<void>;
}

/** Starts the server; resolves once it listens (rejects if the port is taken, with a message saying so). */
export function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const app = createApp(opts);
  return new Promise((resolve, reject) => {
    const headersTimeout = opts.headersTimeoutMs ?? 10_000;
    // A slow client must not hold a connection open forever. Node checks the timeouts only every
    // `connectionsCheckingInterval` (30 s by default), so unfinished headers lived ~24 s: check often.
    const server = serve({
      fetch: app.fetch, port: opts.port, hostname: host,
      serverOptions: { headersTimeout, requestTimeout: Math.max(30_000, headersTimeout), connectionsCheckingInterval: Math.min(1000, headersTimeout / 4) },
    }) as Server;
    const onError = (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? `port ${opts.port} on ${host} is already in use; choose another with --port or PORT`
        : err.code === 'EACCES' ? `no permission to listen on port ${opts.port}; use a port above 1023`
          : `cannot listen on ${host}:${opts.port} (${err.code ?? err.message})`;
      reject(new Error(why));
    };
    server.once('error', onError);
    server.once('listening', () => {
      server.off('error', onError);
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${shownHost}:${address.port}`,
        port: address.port,
        host: address.address,
        server,
        close: () => new Promise<void>((done, fail) => {
          server.close((closeErr) => (closeErr ? fail(closeErr) : done()));
          server.closeIdleConnections();
          // A request still running after the grace period is cut off so shutdown cannot hang.
          setTimeout(() => server.closeAllConnections(), 5_000).unref();
        }),
      });
    });
  });
}
