/**
 * Staff roles on the desk (least privilege). `caseworker` (the default) sees handed-off cases and
 * those they worked on; `admin` may open any session; `analyst` sees only the insight page.
 * Configured with AMTSWEG_STAFF_ROLES="anna:admin,ana:analyst,bert:caseworker+analyst".
 */
import type { CaseSummary } from '../../host/types';

export type StaffRole = 'caseworker' | 'admin' | 'analyst';
const ROLES: readonly StaffRole[] = ['caseworker', 'admin', 'analyst'];

/** Roles per staff name; names not listed are case workers. */
export type StaffRoles = Map<string, Set<StaffRole>>;

/** A configuration mistake in AMTSWEG_STAFF_ROLES (the server refuses to start). */
export class StaffRolesError extends Error {
  readonly code = 'staff_roles_invalid';
  constructor(message: string) { super(message); this.name = 'StaffRolesError'; }
}

/** Parses "name:role[+role],…". */
export function parseStaffRoles(spec: string | undefined): StaffRoles {
  const out: StaffRoles = new Map();
  for (const part of (spec ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const at = part.lastIndexOf(':');
    if (at <= 0) throw new StaffRolesError(`AMTSWEG_STAFF_ROLES entry "${part.slice(0, 30)}" has no "name:role" form; roles are ${ROLES.join(', ')}.`);
    const roles = new Set<StaffRole>();
    for (const r of part.slice(at + 1).split('+').map((x) => x.trim())) {
      if (!(ROLES as readonly string[]).includes(r)) throw new StaffRolesError(`Unknown staff role "${r.slice(0, 20)}" for "${part.slice(0, at)}"; use ${ROLES.join(', ')}.`);
      roles.add(r as StaffRole);
    }
    out.set(part.slice(0, at), roles);
  }
  return out;
}

/** The roles of one staff member (case worker when not configured). */
export function rolesOf(roles: StaffRoles, staff: string): Set<StaffRole> {
  return roles.get(staff) ?? new Set<StaffRole>(['caseworker']);
}

/** Whether `staff` with `roles` may see this case at all (list or detail). */
export function maySeeCase(roles: Set<StaffRole>, staff: string, c: Pick<CaseSummary, 'status' | 'staff' | 'takenBy'>): boolean {
  if (roles.has('admin')) return true;
  if (!roles.has('caseworker')) return false;
  return c.status === 'handoff' || c.takenBy === staff || (c.staff ?? []).includes(staff);
}

/** Case work (take, answer, …) needs the case-worker or admin role. */
export function mayWorkCases(roles: Set<StaffRole>): boolean {
  return roles.has('caseworker') || roles.has('admin');
}
