import type { ErrorMessage } from '../agent-protocol/index.js';
import { protocolError } from './protocol-replies.js';
import type { Transport } from './rejection-rows.js';
import type { TableWriters } from './table-writers.js';

/**
 * Whether the table writers can take more now, and the gateway's shutdown. The WebSocket gateway
 * stops reading while they are behind (read-scheduler.ts); HTTP and OTLP refuse with `server_busy`.
 */
export class WriterCapacity {
  private shuttingDown = false;

  constructor(private readonly writers: TableWriters) {}

  /** True while any table writer holds more rows than it should. */
  isBehind(): boolean {
    return Object.values(this.writers).some((writer) => writer.isBehind());
  }

  /** Calls `listener` whenever a table writer falls behind. */
  onBehind(listener: () => void): void {
    for (const writer of Object.values(this.writers)) writer.on('behind', listener);
  }

  get draining(): boolean {
    return this.shuttingDown;
  }

  startDraining(): void {
    this.shuttingDown = true;
  }

  /** Stops taking batches and waits until every writer has stored what it holds. */
  async drain(): Promise<void> {
    this.shuttingDown = true;
    await Promise.all(Object.values(this.writers).map((writer) => writer.drain()));
  }

  /**
   * Whether a batch may go to the writers now. A WebSocket frame was read within the gateway's bound
   * (read-scheduler.ts), which stops reading while the writers are behind: it is never refused for
   * time, only at shutdown. HTTP and OTLP clients hold their bodies: refused at once while behind.
   */
  admits(transport: Transport): boolean {
    return transport === 'websocket' ? !this.shuttingDown : !this.isBehind();
  }

  busyReply(batchId: string): ErrorMessage {
    return protocolError(
      'server_busy',
      'The server is behind on writing to storage; this batch was not accepted. Retry after the delay.',
      { batchId, retryAfterMs: 1000 },
    );
  }
}
