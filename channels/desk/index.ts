/** The case-worker desk: staff-only API and page for handed-off cases. */
export { mountDesk } from './mount';
export { mountDeskApi, type DeskDeps, type AttachmentInfo } from './api';
export { DeskRequestError } from './errors';
export { httpStatusOfEngineError } from './engine-errors';
export { deskPlugin } from './plugin';
