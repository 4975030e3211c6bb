import { emailAttachmentContent, emailAttachmentsFor } from '../email/plugin';
import { logLine, noStaffConfigured, staffCredentialsFromEnv, type ChannelPluginLike } from '../security';
import { mountDesk } from './mount';
import { parseStaffRoles } from './roles';

/**
 * The case-worker desk for `amtsweg serve`, at /desk (page) and /desk/api (staff only).
 * Credentials: AMTSWEG_STAFF_TOKEN ("name:token,…" or one token) and/or AMTSWEG_STAFF_USERS
 * ("user:password,…"). Without any, every desk request is refused with 401. Roles:
 * AMTSWEG_STAFF_ROLES ("name:admin,name:analyst,name:caseworker+analyst"); unlisted staff are case workers.
 */
export const deskPlugin: ChannelPluginLike = {
  name: 'desk',
  mount(app, { engine, env, reloadDefinitions }) {
    const staff = staffCredentialsFromEnv(env);
    const roles = parseStaffRoles(env.AMTSWEG_STAFF_ROLES);
    if (noStaffConfigured(staff)) logLine({ level: 'warn', msg: 'desk has no staff credentials (AMTSWEG_STAFF_TOKEN / AMTSWEG_STAFF_USERS): all desk requests get 401' });
    mountDesk(app, { engine, staff, roles, log: logLine, attachments: (id) => emailAttachmentsFor(engine, id),
      attachmentContent: (id) => emailAttachmentContent(engine, id), reloadDefinitions });
  },
};
