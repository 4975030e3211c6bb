/** The plumbing on a real dev server: worker bundling, encrypted payloads, updates, clear connection errors. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Connection } from '@temporalio/client';
import Database from 'better-sqlite3';
import { createActionRegistry } from '../../activities';
import { connectWithRetry, createClient } from '../../host/temporal/connection';
import { randomKeyRing } from '../../host/temporal/codec';
import { TemporalUnreachableError } from '../../host/temporal/errors';
import { freePort } from '../../host/temporal/dev-server';
import { startWorker, type RunningWorker } from '../../host/temporal/worker';
import { ECHO_UPDATE } from '../../host/temporal/workflows/types';
import { testTemporalAddress } from './server';

jest.setTimeout(120_000);

const ring = randomKeyRing('echo-key');
let address: string;
let worker: RunningWorker;
const taskQueue = `echo-${randomUUID()}`;

beforeAll(async () => {
  address = await testTemporalAddress();
  const dataDir = mkdtempSync(join(tmpdir(), 'amtsweg-echo-'));
  worker = await startWorker({
    address, taskQueue, dataDir, keyRing: ring, log: () => {},
    workflowsPath: join(__dirname, '..', '..', 'host', 'temporal', 'workflows', 'echo-workflow.ts'),
    registry: createActionRegistry({ db: new Database(join(dataDir, 'a.db')) }),
  });
});

afterAll(async () => {
  await worker?.shutdown();
});

it('runs an update round trip with every payload encrypted in the history', async () => {
  const connection = await connectWithRetry({ address, namespace: 'default', taskQueue });
  try {
    const client = createClient(connection, 'default', ring);
    const handle = await client.workflow.start('echoWorkflow', { taskQueue, workflowId: `echo-${randomUUID()}`, args: [2] });
    expect(await handle.executeUpdate<string, [string]>(ECHO_UPDATE, { args: ['Erika Mustermann'] })).toBe('Erika Mustermann');
    expect(await handle.executeUpdate<string, [string]>(ECHO_UPDATE, { args: ['zwei'] })).toBe('zwei');
    expect(await handle.result()).toBe(2);
    // The raw history (read without the codec) holds no plaintext.
    const raw = await new (await import('@temporalio/client')).Client({ connection, namespace: 'default' }).workflow.getHandle(handle.workflowId).fetchHistory();
    const text = JSON.stringify(raw);
    expect(text).toContain('encryption-key-id');
    expect(Buffer.from(text).toString()).not.toContain('Mustermann');
    expect(Buffer.concat((raw.events ?? []).flatMap((e) => (e.workflowExecutionStartedEventAttributes?.input?.payloads ?? []).map((p) => Buffer.from(p.data ?? [])))).toString('latin1')).not.toContain('Mustermann');
  } finally {
    await connection.close();
  }
});

it('a client with the wrong key gets an error naming the key id', async () => {
  const connection = await Connection.connect({ address });
  try {
    const good = createClient(connection, 'default', ring);
    const handle = await good.workflow.start('echoWorkflow', { taskQueue, workflowId: `echo-${randomUUID()}`, args: [1] });
    await handle.executeUpdate(ECHO_UPDATE, { args: ['x'] });
    await handle.result();
    const wrong = createClient(connection, 'default', randomKeyRing('echo-key'));
    await expect(wrong.workflow.getHandle(handle.workflowId).result()).rejects.toThrow(/key id "echo-key"/);
  } finally {
    await connection.close();
  }
});

it('an unreachable Temporal is reported with how to start one, after the given retries', async () => {
  const port = await freePort();
  const retries: number[] = [];
  await expect(connectWithRetry({ address: `127.0.0.1:${port}`, namespace: 'default', taskQueue: 'x' }, {
    attempts: 2, delayMs: 10, onRetry: (n) => retries.push(n),
  })).rejects.toThrow(TemporalUnreachableError);
  expect(retries).toEqual([1]);
  await expect(connectWithRetry({ address: `127.0.0.1:${port}`, namespace: 'default', taskQueue: 'x' }, { attempts: 1 }))
    .rejects.toThrow(/npm run temporal:dev/);
});
