/** The e-mail channel: SMTP in, replies out in the same thread. */
export { startEmailChannel, type EmailChannel, type EmailChannelOptions } from './channel';
export { citizenText, htmlToText, stripQuotedAndSignature } from './reply-text';
export { composeReply, replySubject, type OutgoingMail } from './compose';
export { DEFAULT_EMAIL_LIMITS, type EmailLimits } from './limits';
export { EmailStore, type StoredAttachment, type ThreadInfo } from './store';
export { EmailConfigError, MailRefusedError } from './errors';
export { emailPlugin, emailAttachmentsFor, emailAttachmentContent } from './plugin';
