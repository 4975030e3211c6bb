import type { Context, MiddlewareHandler } from 'hono';
import { lineSink, logger } from '../../platform/logger';
import { StaffConfigError } from './errors';
import { safeEqual } from '../../platform/crypto';

/** Who may use the case-worker desk: bearer tokens and/or basic-auth users. */
export interface StaffCredentials {
  tokens: { staff: string; token: string }[];
  users: { user: string; password: string }[];
}

const MIN_SECRET = 8;

/**
 * Reads staff credentials from the environment:
 * `AMTSWEG_STAFF_TOKEN` = "name:token,name:token" or a bare token (staff name "staff"),
 * `AMTSWEG_STAFF_USERS` = "user:password,user:password".
 */
export function staffCredentialsFromEnv(env: Record<string, string | undefined>): StaffCredentials {
  return parseStaffCredentials(env.AMTSWEG_STAFF_TOKEN ?? '', env.AMTSWEG_STAFF_USERS ?? '');
}

/** Parses the two credential strings (see {@link staffCredentialsFromEnv}). */
export function parseStaffCredentials(tokenSpec: string, userSpec: string): StaffCredentials {
  const tokens: StaffCredentials['tokens'] = [];
  for (const part of splitList(tokenSpec)) {
    const at = part.indexOf(':');
    const staff = at > 0 ? part.slice(0, at) : 'staff';
    const token = at > 0 ? part.slice(at + 1) : part;
    if (token.length < MIN_SECRET) throw new StaffConfigError(`The staff token for "${staff}" is shorter than ${MIN_SECRET} characters.`);
    tokens.push({ staff, token });
  }
  const users: StaffCredentials['users'] = [];
  for (const part of splitList(userSpec)) {
    const at = part.indexOf(':');
    if (at <= 0) throw new StaffConfigError(`The staff user entry "${part.slice(0, 20)}" has no "user:password" form.`);
    const password = part.slice(at + 1);
    if (password.length < MIN_SECRET) throw new StaffConfigError(`The password of staff user "${part.slice(0, at)}" is shorter than ${MIN_SECRET} characters.`);
    users.push({ user: part.slice(0, at), password });
  }
  return { tokens, users };
}

function splitList(spec: string): string[] {
  return spec.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Returns the staff member's name for a valid `Authorization` header, otherwise null. */
export function authenticateStaff(header: string | undefined, creds: StaffCredentials): string | null {
  if (!header) return null;
  const space = header.indexOf(' ');
  if (space < 0) return null;
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (scheme === 'bearer') {
    let found: string | null = null;
    // Compare against every entry so timing does not reveal which one matched.
    for (const t of creds.tokens) if (safeEqual(value, t.token) && found === null) found = t.staff;
    return found;
  }
  if (scheme === 'basic') {
    let decoded: string;
    try { decoded = Buffer.from(value, 'base64').toString('utf8'); } catch { return null; }
    const at = decoded.indexOf(':');
    if (at <= 0) return null;
    const user = decoded.slice(0, at);
    const password = decoded.slice(at + 1);
    let found: string | null = null;
    for (const u of creds.users) {
      const ok = safeEqual(user, u.user) && safeEqual(password, u.password);
      if (ok && found === null) found = u.user;
    }
    return found;
  }
  return null;
}

/** True when no staff credential is configured at all (then every staff request is refused). */
export function noStaffConfigured(creds: StaffCredentials): boolean {
  return creds.tokens.length === 0 && creds.users.length === 0;
}

/** Name under which {@link requireStaff} stores the authenticated staff member on the context. */
export const STAFF_KEY = 'amtswegStaff';

/** The staff member authenticated for this request (only behind {@link requireStaff}). */
export function staffOf(c: Context): string {
  return String(c.get(STAFF_KEY as never) ?? '');
}

/**
 * Hono middleware: 401 `{ error }` unless the request carries valid staff credentials.
 * No `WWW-Authenticate: Basic` challenge is sent, so browsers show the desk's own login form.
 */
export function requireStaff(creds: StaffCredentials, log: (line: Record<string, unknown>) => void = defaultLog): MiddlewareHandler {
  return async (c, next) => {
    const staff = authenticateStaff(c.req.header('authorization'), creds);
    if (!staff) {
      log({ level: 'warn', msg: 'staff request refused', reason: c.req.header('authorization') ? 'bad_credentials' : 'no_credentials', path: c.req.routePath });
      c.header('WWW-Authenticate', 'Bearer realm="amtsweg-desk"');
      return c.json({ error: { code: 'unauthorized', message: noStaffConfigured(creds)
        ? 'No staff credentials are configured on this server. Set AMTSWEG_STAFF_TOKEN or AMTSWEG_STAFF_USERS and restart.'
        : 'Staff credentials missing or wrong. Send Authorization: Bearer <staff token> or Basic <user:password>.' } }, 401);
    }
    c.set(STAFF_KEY as never, staff as never);
    await next();
  };
}

const defaultLog = lineSink(logger.child('staff'));
