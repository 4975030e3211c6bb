import type { TemplateLocale } from './format';

/** What every template gets besides its data. */
export interface TemplateContext {
  locale: TemplateLocale;
  /** The service's address: citizens reply to it. */
  serviceAddress: string;
}

/** One rendered notification, plain text only. */
export interface RenderedMail { subject: string; text: string }

/** A notification template: the data fields it cannot do without, and its German and English text. */
export interface NotificationTemplate {
  requires: string[];
  render(data: Record<string, unknown>, ctx: TemplateContext): RenderedMail;
}
