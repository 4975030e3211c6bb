/** The accessible citizen web chat and widget, served by the same server as the API. */
export { mountWebChat, type WebChatOptions } from './mount';
export { renderChatPage, publicBranding } from './page';
export { renderAccessibilityPage, renderEasyLanguagePage } from './info-pages';
export { bundleScript, clientEntry } from './bundle';
export { BrandingError, ClientBuildError, type BrandingProblem } from './errors';
export { BrandingFile, DEFAULT_BRANDING, brandingSource, contrastProblems, loadBranding, parseBranding, type Branding } from './branding';
export { contrastRatio, adjustForContrast } from './contrast';
export { STRINGS, UI_LOCALES, LANGUAGE_NAMES, type UiLocale, type UiStrings } from './client/i18n';
export { webChatPlugin } from './plugin';
