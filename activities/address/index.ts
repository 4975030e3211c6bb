/** Proof of an e-mail address by a code (issue 12): the actions and the one code format. */
export { challengeAddress, verifyAddress, CODE_TEMPLATE, CODE_TTL_MS } from './actions';
export { CODE_DIGITS, codesIn, formatCode } from './codes';
