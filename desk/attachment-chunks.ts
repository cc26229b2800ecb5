import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import { SpooledUpload } from '../api/multipart-spool.js';
import { selectRows } from '../sql/select-rows.js';

/**
 * The bytes of ticket attachments as pieces of at most 1 MiB in `ticket_attachment_chunks` (issue 15,
 * finding 8): an upload already spooled to disk is read and inserted one piece at a time, and a
 * download streams piece by piece, so a file is never whole in memory. In ClickHouse rather than on a
 * gateway's disk: gateways stay stateless (several behind a proxy), and backups and the art. 16
 * deletion (every table with participant_id) cover the pieces with the rest.
 */
export const CHUNK_BYTES = 1024 * 1024;

export type FileContent = Buffer | SpooledUpload;

export interface AttachmentKey {
  participantId: string;
  ticketId: string;
  attachmentId: string;
}

export class AttachmentChunks {
  constructor(private readonly client: ClickHouseClient) {}

  /** Stores the content's pieces in order; returns how many there are. */
  async keep(key: AttachmentKey, content: FileContent): Promise<number> {
    let chunkNo = 0;
    for await (const piece of piecesOf(content)) {
      await this.client.insert({
        table: 'ticket_attachment_chunks',
        values: [
          {
            participant_id: key.participantId,
            ticket_id: key.ticketId,
            attachment_id: key.attachmentId,
            chunk_no: chunkNo,
            content: piece.toString('base64'),
          },
        ],
        format: 'JSONEachRow',
        clickhouse_settings: { log_comment: 'desk:attachment-chunk' },
      });
      chunkNo += 1;
    }
    return chunkNo;
  }

  /** The file's bytes, read one piece at a time as the reader asks for them. */
  read(key: AttachmentKey, chunkCount: number): Readable {
    const client = this.client;
    async function* pieces(): AsyncGenerator<Buffer> {
      for (let chunkNo = 0; chunkNo < chunkCount; chunkNo += 1) {
        const [row] = await selectRows<{ content: string }>(client, 'desk/attachment-chunk', { ...key, chunkNo });
        if (!row) throw new Error(`piece ${chunkNo} of attachment ${key.attachmentId} is missing`);
        yield Buffer.from(row.content, 'base64');
      }
    }
    return Readable.from(pieces());
  }
}

async function* piecesOf(content: FileContent): AsyncGenerator<Buffer> {
  if (!(content instanceof SpooledUpload)) {
    for (let offset = 0; offset < content.length; offset += CHUNK_BYTES)
      yield content.subarray(offset, offset + CHUNK_BYTES);
    return;
  }
  // At most CHUNK_BYTES each, one read at a time: only the piece being inserted is in memory.
  const handle = await open(content.path, 'r');
  try {
    for (;;) {
      const piece = Buffer.alloc(CHUNK_BYTES);
      const { bytesRead } = await handle.read(piece, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) return;
      yield piece.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
