/**
 * What the e-mail channel keeps, in the shared store (store/: SQLite `<data>/store.db` or the
 * PostgreSQL of every serve): thread → session by hashed Message-ID, which ids are ours, the
 * sealed thread record (address, subject, references) and sealed attachments. Sealing is the
 * channel's (platform/crypto); the store sees only hashes and sealed bytes.
 */
import type { SharedStore } from '../../store/contract';
import type { Sealer } from '../security';

/** One stored attachment as listed for the case worker (content stays sealed). */
export interface StoredAttachment { id: string; filename: string; contentType: string; size: number; receivedAt: string }

/** What the channel keeps of a thread; the citizen's address and subject are sealed at rest. */
export interface ThreadInfo {
  sessionId: string; address: string; subject: string; references: string[]; lastMessageId: string;
  /** 'pass' once a mail of the thread came authenticated (DMARC/DKIM/SPF at the receiving server): later ones must too. */
  auth?: 'pass';
}

/** The e-mail channel's view of the shared store. */
export class EmailStore {
  constructor(private readonly shared: SharedStore, private readonly sealer: Sealer) {}

  private get t() { return this.shared.threads; }

  /** Records a Message-ID the channel itself sent in a session's thread. */
  markOurs(messageId: string, sessionId: string, at: string): Promise<void> { return this.t.markOurs(messageId, sessionId, at); }

  /**
   * The session of the newest of `ids` that the channel itself sent. Only our ids count for
   * continuing a thread: the citizen's own Message-IDs are known to everyone she copied.
   */
  sessionOfOurIds(ids: string[]): Promise<string | undefined> { return this.t.sessionOfOurIds(ids); }

  /** The session a message id belongs to (any id of the thread: ours or the citizen's). */
  sessionOfMessageIds(ids: string[]): Promise<string | undefined> { return this.t.sessionOfMessageIds(ids); }

  /** True when this message id was already processed (the relay delivered it twice, or another serve took it). */
  seen(messageId: string): Promise<boolean> { return this.t.seen(messageId); }

  linkMessageId(messageId: string, sessionId: string, at: string): Promise<void> { return this.t.linkMessageId(messageId, sessionId, at); }

  saveThread(t: ThreadInfo, at: string): Promise<void> {
    return this.t.saveThread(t.sessionId, this.sealer.seal(JSON.stringify(t)), at);
  }

  async thread(sessionId: string): Promise<ThreadInfo | undefined> {
    const sealed = await this.t.thread(sessionId);
    return sealed ? (JSON.parse(this.sealer.openText(sealed)) as ThreadInfo) : undefined;
  }

  async saveAttachment(a: StoredAttachment & { sessionId: string; content: Buffer }): Promise<void> {
    await this.t.saveAttachment({
      id: a.id, sessionId: a.sessionId, metaSealed: this.sealer.seal(JSON.stringify({ filename: a.filename })), contentType: a.contentType,
      size: a.size, dataSealed: this.sealer.seal(a.content), receivedAt: a.receivedAt,
    });
  }

  async attachments(sessionId: string): Promise<StoredAttachment[]> {
    return (await this.t.attachments(sessionId)).map((r) => ({
      id: r.id, filename: (JSON.parse(this.sealer.openText(r.metaSealed)) as { filename: string }).filename,
      contentType: r.contentType, size: r.size, receivedAt: r.receivedAt,
    }));
  }

  async attachmentContent(id: string): Promise<Buffer | undefined> {
    const row = await this.t.attachment(id);
    return row ? this.sealer.open(row.dataSealed) : undefined;
  }
}
