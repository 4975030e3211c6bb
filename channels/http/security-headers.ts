/** Moved to `platform/headers` (one middleware for the API and every channel); kept as a re-export. */
export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS, securityHeaders } from '../../platform/headers';
