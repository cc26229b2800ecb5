import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiFailure } from '../../api/api-client.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { tailUrl, type LogEvent } from './explorer-api.js';

export type LiveTailStatus = 'off' | 'connecting' | 'live' | 'reconnecting' | 'failed';

/**
 * The live tail: one EventSource on …/events/tail?q=… while it is on. Arriving events (oldest first
 * in each message) are handed to `onEvents`; the browser reconnects by itself after a dropped line.
 * Closed when the host leaves the page.
 */
export class LiveTailController implements ReactiveController {
  status: LiveTailStatus = 'off';
  /** The server's `error` event in the reader's language, or why the stream could not open. */
  problem = '';
  private source: EventSource | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onEvents: (events: LogEvent[]) => void,
  ) {
    host.addController(this);
  }

  get on(): boolean {
    return this.status !== 'off';
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Opens (or reopens, for another query) the stream. */
  start(participantId: string, q: string): void {
    this.close();
    const source = new EventSource(tailUrl(participantId, q), { withCredentials: true });
    this.source = source;
    this.set('connecting', '');
    source.addEventListener('open', () => this.source === source && this.set('live', ''));
    source.addEventListener('ready', () => this.source === source && this.set('live', ''));
    source.addEventListener('events', (message) => {
      if (this.source !== source) return;
      try {
        const events = JSON.parse((message as MessageEvent<string>).data) as LogEvent[];
        if (Array.isArray(events) && events.length > 0) this.onEvents(events);
      } catch {
        // a message cut short by a dropped line; the next poll sends newer events
      }
    });
    source.addEventListener('end', () => {
      // The server ended the stream because access ended (signed out, suspended, participant left):
      // do not reconnect; the next page load goes to the sign-in page if the session is gone.
      if (this.source !== source) return;
      this.close();
      this.set('failed', '');
    });
    source.addEventListener('error', (event) => {
      if (this.source !== source) return;
      if (event instanceof MessageEvent && typeof event.data === 'string') {
        // The server's own `event: error`: the stream stays open, the next poll may succeed.
        this.set(this.status, this.messageOf(event.data));
        return;
      }
      if (source.readyState === EventSource.CLOSED) this.set('failed', '');
      else this.set('reconnecting', '');
    });
  }

  stop(): void {
    this.close();
    this.set('off', '');
  }

  private close(): void {
    this.source?.close();
    this.source = null;
  }

  /** The server's error in the reader's language: the catalogue's text of its code, never its English message. */
  private messageOf(data: string): string {
    let code = 'internal_error';
    try {
      const parsed = JSON.parse(data) as { code?: unknown };
      if (typeof parsed.code === 'string') code = parsed.code;
    } catch {
      // not JSON: an unknown failure
    }
    return apiErrorText(new ApiFailure(0, code, ''));
  }

  private set(status: LiveTailStatus, problem: string): void {
    this.status = status;
    this.problem = problem;
    this.host.requestUpdate();
  }
}
