/**
 * The workflows the worker registers. This module is what `bundleWorkflowCode` bundles: it and
 * everything it imports run inside Temporal's deterministic sandbox.
 */
export { sessionWorkflow, turnUpdate, stateQuery } from './session-workflow';
export { echoWorkflow, echoUpdate } from './echo-workflow';
