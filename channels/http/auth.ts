/** Capability tokens: a citizen reaches a session only with the token handed out when it was created. */
import type { Context } from 'hono';
import type { Engine } from '../../host/types';
import { engineErrorToHttp, HttpError } from './errors';
import { checkSessionId } from './input';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="amtsweg"' };

function bearerToken(c: Context): string | undefined {
  const header = c.req.header('authorization');
  if (!header) return undefined;
  const m = /^Bearer\s+([A-Za-z0-9._~+/=-]{1,512})\s*$/i.exec(header);
  return m?.[1];
}

/**
 * Checks the `:id` parameter and the bearer token. 401 without or with a wrong token, 404 for an
 * unknown session (the issue asks for that distinction; it tells a guesser only that an id
 * exists, which is useless without the token).
 */
export async function authorizeSession(c: Context, engine: Engine): Promise<string> {
  const id = checkSessionId(c.req.param('id') ?? '');
  const token = bearerToken(c);
  if (!token) {
    throw new HttpError(401, 'missing_token',
      'This session needs its token: send the header "Authorization: Bearer <token>" with the token from POST /api/sessions.', CHALLENGE);
  }
  let ok: boolean;
  try {
    ok = await engine.verifyToken(id, token);
  } catch (err) {
    throw engineErrorToHttp(err) ?? err;
  }
  if (ok) return id;
  // The engine may answer "false" for an unknown id too; tell the two apart only after a failed check.
  try {
    await engine.view(id);
  } catch (err) {
    const mapped = engineErrorToHttp(err);
    if (mapped?.status === 404) throw mapped;
  }
  throw new HttpError(401, 'invalid_token',
    'The token does not match this session. Use the token returned when the session was created.', CHALLENGE);
}
