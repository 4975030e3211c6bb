/** The phone channel's phrases beyond German and English, written by people. */
export { VOICE_TR } from './tr';
export { VOICE_AR } from './ar';
export { VOICE_UK } from './uk';
export { VOICE_RU } from './ru';
export { VOICE_PL } from './pl';
