/** Bundles the workflow code once per process; every worker in the process shares the bundle. */
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { join } from 'node:path';

let cached: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Path of the module that exports every workflow. */
export const WORKFLOWS_PATH = join(__dirname, '..', 'workflows', 'index.ts');

/** The bundle of `workflows/index.ts` (or of another workflows module, e.g. a test variant; not cached). */
export function workflowBundle(workflowsPath: string = WORKFLOWS_PATH): Promise<WorkflowBundleWithSourceMap> {
  if (workflowsPath !== WORKFLOWS_PATH) return bundleWorkflowCode({ workflowsPath, logger: quietLogger });
  cached ??= bundleWorkflowCode({ workflowsPath, logger: quietLogger }).catch((e) => { cached = undefined; throw e; });
  return cached;
}

const noop = (): void => {};
/** webpack's chatter is not useful in logs; errors still reject the promise. */
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: (m: string) => console.error(m) };
