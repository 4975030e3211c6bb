/** Errors of the shared access helpers (staff credentials, secrets, sealing). */

/** Staff credentials in the environment are malformed. */
export class StaffConfigError extends Error {
  readonly code = 'staff_config';
  constructor(message: string) {
    super(`${message} Write AMTSWEG_STAFF_TOKEN as "name:token[,name:token]" (or a bare token) and AMTSWEG_STAFF_USERS as "user:password[,user:password]".`);
    this.name = 'StaffConfigError';
  }
}

export { SealError } from '../../platform/crypto';
