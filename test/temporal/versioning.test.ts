/**
 * Versioned workflow code: histories recorded with earlier releases (test/temporal/histories/,
 * written by record.ts) must replay against the current workflow code. A change that would make
 * an open session of an older release fail on the new workers fails here first — ship it behind
 * `patched()` (README, "Shipping a workflow change").
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadKeyRing } from '../../host/temporal/codec';
import { replaySessionHistory } from '../../host/temporal/replay';

jest.setTimeout(120_000);
// The replay worker's state changes are not news; warnings and errors still show.
try { Runtime.install({ logger: new DefaultLogger('WARN') }); } catch { /* installed by an earlier suite */ }

const dir = join(__dirname, 'histories');
const ring = loadKeyRing({ keyFile: join(dir, 'keys.json'), env: {} });
const recorded = readdirSync(dir).filter((f) => f.endsWith('.pb')).sort()
  .map((f) => ({ file: join(dir, f), ...(JSON.parse(readFileSync(join(dir, f.replace(/\.pb$/, '.json')), 'utf8')) as { release: string; case: string; workflowId: string }) }));

describe('histories of earlier releases replay against the current workflow code', () => {
  it('has recorded histories to replay', () => {
    expect(recorded.map((r) => r.case)).toEqual(expect.arrayContaining(['booking', 'desk']));
  });

  it.each(recorded.map((r) => [`${r.release} ${r.case}`, r] as const))('%s', async (_name, r) => {
    await expect(replaySessionHistory(r.file, r.workflowId, ring)).resolves.toBeUndefined();
  });
});
