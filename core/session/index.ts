/** The pure session core: one function from (definition, snapshot, event, now) to the next state. */
export { step, resettle } from './step';
export { awaitsReadBack } from './read-back';
export * from './types';
export { SessionError, SessionNotStartedError, SessionAlreadyStartedError, EventNotApplicableError, DefinitionMismatchError, StaffActionRefusedError } from './errors';
export { addDuration } from './timers';
export { formatNumber } from './render';
export { renderTextFor, formatValueFor, conditionOf } from './render-for';
