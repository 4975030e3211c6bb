/** The compiler: definitions become XState machine configs the session core drives. */
export { compileService } from './compile';
export { toMermaid } from './mermaid';
export { flattenFlow, END_STATE, HANDOFF_STATE, CANCELLED_STATE, outcomeState } from './flatten';
export type { FlatFlow } from './flatten';
export { buildMachineConfig, MACHINE_EVENTS, GUARDS, ACTIONS } from './machine';
export type { MachineEventType } from './machine';
export { CompileError } from './errors';
