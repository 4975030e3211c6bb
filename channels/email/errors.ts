/** Errors of the e-mail channel. */

/** The channel's configuration is incomplete or wrong. */
export class EmailConfigError extends Error {
  readonly code = 'email_config';
  constructor(message: string) {
    super(`${message} See AMTSWEG_SMTP_PORT, AMTSWEG_SMTP_HOST, AMTSWEG_SMTP_RELAY, AMTSWEG_EMAIL_ADDRESS and AMTSWEG_EMAIL_SERVICE.`);
    this.name = 'EmailConfigError';
  }
}

/** A mail was refused; `smtpCode` and the message go back to the sending server. */
export class MailRefusedError extends Error {
  constructor(readonly smtpCode: number, readonly reason: string, message: string) {
    super(message);
    this.name = 'MailRefusedError';
  }
}

/** A notification cannot be rendered; retrying will not help, the definition or template must change. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  constructor(readonly code: 'unknown_template' | 'missing_data', message: string) {
    super(message);
  }
}

/** Retrying cannot help (unknown template, missing data, no recipient, address refused by the relay). */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
  constructor(readonly code: string, message: string) {
    super(message);
  }
}
