/** The accessible citizen web chat, served by the same server as the API. */
export { mountWebChat, type WebChatOptions } from './mount';
export { renderChatPage } from './page';
export { bundleScript, clientEntry } from './bundle';
export { ClientBuildError } from './errors';
export { STRINGS, type UiLocale } from './client/i18n';
export { webChatPlugin } from './plugin';
