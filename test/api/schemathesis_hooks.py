"""Schemathesis hooks for amtsweg (loaded through SCHEMATHESIS_HOOKS by test/api/schemathesis.test.ts).

A session's routes need the bearer token that POST /api/sessions handed out with its id. The
stateful phase follows the document's links from a created session to its routes; these hooks
remember each created session's token and authenticate requests for that id with it, so linked
calls reach the session instead of stopping at 401. Requests for ids never created get no token.
Being an auth provider (not a header edit), schemathesis can still take the token away to check
that the routes enforce it (ignored_auth).
"""
import schemathesis

TOKENS = {}


@schemathesis.hook
def after_call(context, case, response):
    if case.operation.path == "/api/sessions" and response.status_code == 201:
        try:
            body = response.json()
        except Exception:
            return
        if isinstance(body, dict) and isinstance(body.get("id"), str) and isinstance(body.get("token"), str):
            TOKENS[body["id"]] = body["token"]


def _session_id(case, ctx=None):
    return str((case.path_parameters or {}).get("id"))


@schemathesis.auth(cache_by_key=_session_id).apply_to(path_regex="^/api/sessions/")
class SessionToken:
    def get(self, case, ctx):
        return TOKENS.get(_session_id(case))

    def set(self, case, data, ctx):
        if data is not None:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}
