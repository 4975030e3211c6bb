/** Limits of the e-mail channel; all configurable, these are the defaults. */
export interface EmailLimits {
  /** Whole message size the SMTP receiver accepts (bytes). */
  maxMessageBytes: number;
  /** One attachment (bytes); bigger ones are dropped and the citizen is told. */
  maxAttachmentBytes: number;
  /** Attachments kept per mail. */
  maxAttachments: number;
  /** Content types kept (others are dropped and the citizen is told). */
  attachmentTypes: string[];
  /** Mails per sender address: burst and refill per hour (a mail bomb is refused after the burst). */
  perSenderBurst: number;
  perSenderPerHour: number;
  /** New threads (= new sessions) per sender: burst and refill per hour. */
  newThreadsBurst: number;
  newThreadsPerHour: number;
  /** Connections per connecting IP: burst and refill per hour. */
  perIpBurst: number;
  perIpPerHour: number;
  /** New requests (mails that start no reply in an own thread) per connecting IP: burst and refill per hour. */
  newPerIpBurst: number;
  newPerIpPerHour: number;
  /** Mails in one SMTP connection; the next MAIL FROM closes it. */
  mailsPerConnection: number;
  /** Mails per claimed sender domain (addresses are free to invent, domains less so). */
  perDomainBurst: number;
  perDomainPerHour: number;
  /** New conversations (= confirmation mails or sessions) per sender domain. */
  newPerDomainBurst: number;
  newPerDomainPerHour: number;
  /** Confirmation mails to not yet confirmed addresses, in all: the bound on backscatter to forged senders. */
  confirmationsBurst: number;
  confirmationsPerHour: number;
}

export const DEFAULT_EMAIL_LIMITS: EmailLimits = {
  maxMessageBytes: 15 * 1024 * 1024,
  maxAttachmentBytes: 5 * 1024 * 1024,
  maxAttachments: 5,
  attachmentTypes: ['application/pdf', 'image/jpeg', 'image/png'],
  perSenderBurst: 20,
  perSenderPerHour: 60,
  newThreadsBurst: 3,
  newThreadsPerHour: 10,
  perIpBurst: 200,
  perIpPerHour: 2000,
  newPerIpBurst: 60,
  newPerIpPerHour: 600,
  mailsPerConnection: 10,
  perDomainBurst: 40,
  perDomainPerHour: 400,
  newPerDomainBurst: 10,
  newPerDomainPerHour: 60,
  confirmationsBurst: 30,
  confirmationsPerHour: 120,
};
