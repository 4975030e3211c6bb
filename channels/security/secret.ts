/** Moved to `platform/crypto`; kept as a re-export. */
export { safeEqual } from '../../platform/crypto';
