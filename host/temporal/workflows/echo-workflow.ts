/** A minimal update-echo workflow: the benchmark's baseline for Temporal's own cost of a turn. */
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';
import { ECHO_UPDATE } from './types';

export const echoUpdate = defineUpdate<string, [string]>(ECHO_UPDATE);

/** Echoes every update; ends after `turns` updates. */
export async function echoWorkflow(turns: number): Promise<number> {
  let n = 0;
  setHandler(echoUpdate, (text: string) => { n++; return text; });
  await condition(() => n >= turns);
  return n;
}
