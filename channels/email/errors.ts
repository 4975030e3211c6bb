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
