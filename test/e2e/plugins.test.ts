/**
 * The channel plugins as `amtsweg serve` wires them (cli/channels.ts), configured only through
 * environment variables: web chat, desk, voice webhook and e-mail on one real server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type { ChannelPlugin } from '../../cli/channels';
import { startServer, type RunningServer } from '../../channels/http';
import { deskPlugin } from '../../channels/desk';
import { emailPlugin } from '../../channels/email';
import { signWebhook, voicePlugin } from '../../channels/phone';
import { webChatPlugin } from '../../channels/web';
import { createEmbeddedEngine, type EmbeddedEngine } from '../../host/embedded';
import { http, loadDefinition, TODAY } from './harness';
import { startSink, type Sink } from './smtp-sink';

const plugins: ChannelPlugin[] = [webChatPlugin, deskPlugin, voicePlugin, emailPlugin];
let dir: string;
let engine: EmbeddedEngine;
let server: RunningServer;
let sink: Sink;
let smtpPort: number;
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'amtsweg-plugins-'));
  sink = await startSink();
  // A free port for the receiver: bind 0 once through a throwaway server.
  const probe = await startSink();
  smtpPort = probe.port;
  await probe.close();
  const env = {
    AMTSWEG_STAFF_TOKEN: 'anna:desk-token-abcdefgh', AMTSWEG_STAFF_USERS: '',
    AMTSWEG_VOICE_SECRET: 'voice-secret-abcdefghijkl',
    AMTSWEG_SMTP_PORT: String(smtpPort), AMTSWEG_SMTP_HOST: '127.0.0.1', AMTSWEG_SMTP_RELAY: `smtp://127.0.0.1:${sink.port}?ignoreTLS=true`,
    AMTSWEG_EMAIL_ADDRESS: 'service@stadt.example',
  } as NodeJS.ProcessEnv;
  engine = await createEmbeddedEngine({ dataDir: dir, services: [loadDefinition('terminvereinbarung')], today: TODAY });
  const ctx = { engine, dataDir: dir, env };
  server = await startServer({ engine, port: 0, host: '127.0.0.1', log: () => {}, mount: (app) => { for (const p of plugins) p.mount?.(app, ctx); } });
  for (const p of plugins) if (p.start) stops.push(await p.start(ctx));
});
afterAll(async () => {
  for (const s of stops.reverse()) await s();
  await server.close();
  await engine.close();
  await sink.close();
  rmSync(dir, { recursive: true, force: true });
});

test('web chat page, desk with the env token, signed voice call, e-mail round trip', async () => {
  expect((await fetch(`${server.url}/`)).status).toBe(200);
  expect((await http(`${server.url}/desk/api/cases`, 'GET')).status).toBe(401);
  const me = await http(`${server.url}/desk/api/me`, 'GET', undefined, { Authorization: 'Bearer desk-token-abcdefgh' });
  expect(me.body).toMatchObject({ staff: 'anna' });

  const raw = JSON.stringify({ call_sid: 'p-1' });
  const call = await fetch(`${server.url}/voice/call`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Amtsweg-Signature': signWebhook({ method: 'POST', path: '/voice/call', body: raw }, 'voice-secret-abcdefghijkl', Date.now() / 1000) }, body: raw });
  expect(call.status).toBe(200);
  expect((await call.json())[0].verb).toBe('gather');

  const t = createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
  const sent = await t.sendMail({ from: 'plugin@example.org', to: 'service@stadt.example', subject: 'Termin', text: 'Reisepass bitte' });
  const ask = await sink.waitFor((m) => m.inReplyTo === sent.messageId);
  const confirm = await t.sendMail({ from: 'plugin@example.org', to: 'service@stadt.example', subject: 'Re: Termin', text: 'ok', inReplyTo: ask.messageId });
  t.close();
  const reply = await sink.waitFor((m) => m.inReplyTo === confirm.messageId);
  expect(reply.text).toMatch(/BÜRGERcenter/);
});
