/** Built-in texts in the languages of the city beyond German and English. */
export { TR } from './tr';
export { AR } from './ar';
export { UK } from './uk';
export { RU } from './ru';
export { PL } from './pl';
