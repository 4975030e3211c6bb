/** The e-mail channel: SMTP in, replies out in the same thread. */
export { startEmailChannel, type EmailChannel, type EmailChannelOptions } from './channel';
export { citizenText, htmlToText, stripQuotedAndSignature } from './reply-text';
export { composeReply, replySubject, type OutgoingMail } from './compose';
export { DEFAULT_EMAIL_LIMITS, type EmailLimits } from './limits';
export { EmailStore, type StoredAttachment, type ThreadInfo } from './store';
export { EmailConfigError, MailRefusedError } from './errors';
export { emailPlugin, emailAttachmentsFor, emailAttachmentContent } from './plugin';
export { renderNotification, NOTIFICATION_TEMPLATES, TemplateError, type NotificationTemplate, type RenderedMail } from './templates';
export { startDeliveryLoop, backoffDelay, classifySendError, PermanentDeliveryError, DEFAULT_BACKOFF, type BackoffOptions, type DeliveryLoop, type DeliverySource, type DeliveryItem } from './delivery';
export { notificationMessageId, notificationMail, notificationSource, replySource, DELIVERY_LEASE_MS } from './sources';
export { OutgoingQueue, REPLY_TEMPLATE, type QueuedReply } from './outgoing-queue';
export { emailChannelKey, type EmailKey } from './keys';
export { importLegacyEmailDb, type ImportCounts } from './legacy-import';
export { startImapPoller, parseImapUrl, type ImapOptions, type ImapPoller } from './imap';
export { footer, FOOTER_WORDS, type Authorship } from './compose';
