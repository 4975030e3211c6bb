/** Errors of the shared access helpers (staff credentials, secrets, sealing). */

/** Staff credentials in the environment are malformed. */
export class StaffConfigError extends Error {
  readonly code = 'staff_config';
  constructor(message: string) {
    super(`${message} Write AMTSWEG_STAFF_TOKEN as "name:token[,name:token]" (or a bare token) and AMTSWEG_STAFF_USERS as "user:password[,user:password]".`);
    this.name = 'StaffConfigError';
  }
}

/** A sealed blob could not be opened: wrong key, or the data was changed. */
export class SealError extends Error {
  readonly code = 'seal';
  constructor(message: string) {
    super(`${message} Check that the key file is the one the data was written with.`);
    this.name = 'SealError';
  }
}
