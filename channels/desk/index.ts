/** The case-worker desk: staff-only API and page for handed-off cases. */
export { mountDesk } from './mount';
export { mountDeskApi, type DeskDeps, type AttachmentInfo } from './api';
export { DeskRequestError } from './errors';
export { httpStatusOfEngineError } from './engine-errors';
export { deskPlugin } from './plugin';
export { parseStaffRoles, rolesOf, maySeeCase, StaffRolesError, type StaffRole, type StaffRoles } from './roles';
export { reasonText, reasonFamily, REASON_FAMILIES } from './reasons';
export { buildQueue, parseQueueFilter, type QueueEntry, type QueueFilter } from './queue';
