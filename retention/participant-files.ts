import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * A participant's files on disk. Any part of Yorozu that keeps files of a participant outside
 * ClickHouse keeps them under `<root>/<participantId>/` of one of these roots (today the attachments,
 * documents and diagnostics bundles are stored in ClickHouse tables, so this is their way out of the
 * database when they move). The deletion removes those folders and counts what is left.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class ParticipantFiles {
  constructor(private readonly roots: readonly string[]) {}

  folders(participantId: string): string[] {
    // The id becomes a path: only a UUID, so it can never climb out of the root.
    if (!UUID.test(participantId)) throw new Error(`not a participant id: ${participantId}`);
    return this.roots.map((root) => path.join(root, participantId));
  }

  async count(participantId: string): Promise<number> {
    let files = 0;
    for (const folder of this.folders(participantId)) files += await countFiles(folder);
    return files;
  }

  async delete(participantId: string): Promise<void> {
    for (const folder of this.folders(participantId)) await rm(folder, { recursive: true, force: true, maxRetries: 3 });
  }
}

async function countFiles(folder: string): Promise<number> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true, recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  return entries.filter((entry) => !entry.isDirectory()).length;
}
