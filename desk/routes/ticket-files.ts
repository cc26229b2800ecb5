import { z } from 'zod';
import { ApiError } from '../../api/errors.js';
import { SpooledUpload } from '../../api/multipart-spool.js';
import type { FileInput } from '../ticket-store.js';

/** The multipart parts of a message: its text and its files, each file within the size limit. */
export const MAX_FILES_PER_MESSAGE = 10;

export const filesField = z
  .union([z.instanceof(SpooledUpload), z.array(z.instanceof(SpooledUpload)), z.string().length(0)], {
    message: 'attach files as form fields named "files"',
  })
  .optional();

export const messageBody = z.string().trim().min(1, 'write the message (1-20000 characters)').max(20_000);

/** The message's files, already on disk (api/multipart-spool.ts): checked here, moved into the store by the desk. */
export function filesOf(field: z.infer<typeof filesField>, maxFileBytes: number): FileInput[] {
  const list = field === undefined || typeof field === 'string' ? [] : Array.isArray(field) ? field : [field];
  const files = list.filter((file) => file.name !== '' || file.size > 0);
  if (files.length > MAX_FILES_PER_MESSAGE)
    throw new ApiError(
      400,
      'too_many_files',
      `At most ${MAX_FILES_PER_MESSAGE} files per message; this one has ${files.length}.`,
    );
  for (const file of files) {
    if (file.size > maxFileBytes) {
      throw new ApiError(
        413,
        'attachment_too_large',
        `The file "${file.name}" has ${file.size} bytes; each file may have at most ${maxFileBytes} bytes (${(maxFileBytes / 1024 / 1024).toFixed(0)} MiB). Nothing was saved.`,
      );
    }
  }
  return files.map((file) => ({
    filename: file.name || 'file',
    contentType: file.type || 'application/octet-stream',
    content: file,
  }));
}
