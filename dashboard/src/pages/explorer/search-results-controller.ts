import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { QueryWarning } from '../../api/contract.js';
import { eventKey, searchEvents, type LogEvent, type TimeWindow } from './explorer-api.js';
import type { ResultOrder } from './explorer-state.js';

const PAGE_SIZE = 200;
/** Rows of the newest page compared against arriving live events, to drop ones already shown. */
const DEDUPLICATE_WINDOW = 2000;

/**
 * The result list of one search: the first page, then older pages through `nextCursor`, and live
 * events put in front. A newer search makes the answers of an older one be ignored.
 */
export class SearchResultsController implements ReactiveController {
  events: LogEvent[] = [];
  nextCursor: string | null = null;
  /** What the query does that was probably not meant (a lower-case `and`), from the first page. */
  warnings: QueryWarning[] = [];
  loading = false;
  error: unknown = null;
  private request: { participantId: string; q: string; range: TimeWindow; order: ResultOrder } | null = null;
  private generation = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  run(participantId: string, q: string, range: TimeWindow, order: ResultOrder = 'newest'): Promise<void> {
    this.request = { participantId, q, range, order };
    this.events = [];
    this.nextCursor = null;
    this.warnings = [];
    return this.fetchPage(null);
  }

  loadOlder(): Promise<void> {
    if (this.loading || !this.nextCursor || !this.request) return Promise.resolve();
    return this.fetchPage(this.nextCursor);
  }

  /**
   * Puts live events (any order) where they belong and returns those not shown yet: in front when newest first;
   * oldest first, at the end once the last page is loaded (before that, they are not shown yet); ordered by a
   * column, not at all (their place is among the pages already read).
   */
  prepend(arrived: LogEvent[]): LogEvent[] {
    if (typeof this.request?.order === 'object') return [];
    const oldestFirst = this.request?.order === 'oldest';
    if (oldestFirst && (this.nextCursor !== null || this.loading)) return [];
    const shown = new Set(
      (oldestFirst ? this.events.slice(-DEDUPLICATE_WINDOW) : this.events.slice(0, DEDUPLICATE_WINDOW)).map(eventKey),
    );
    const fresh = arrived.filter((event) => !shown.has(eventKey(event))).sort((a, b) => compareNewestFirst(a, b));
    if (fresh.length === 0) return [];
    this.events = oldestFirst ? [...this.events, ...fresh.reverse()] : [...fresh, ...this.events];
    this.host.requestUpdate();
    return fresh;
  }

  private async fetchPage(cursor: string | null): Promise<void> {
    const request = this.request;
    if (!request) return;
    const generation = ++this.generation;
    this.loading = true;
    this.error = null;
    this.host.requestUpdate();
    try {
      const page = await searchEvents(
        request.participantId,
        request.q,
        request.range,
        cursor,
        PAGE_SIZE,
        request.order,
      );
      if (generation !== this.generation) return;
      this.events = cursor ? [...this.events, ...page.events] : page.events;
      this.nextCursor = page.nextCursor;
      if (!cursor) this.warnings = page.warnings ?? [];
    } catch (error) {
      if (generation !== this.generation) return;
      this.error = error;
    } finally {
      if (generation === this.generation) {
        this.loading = false;
        this.host.requestUpdate();
      }
    }
  }
}

function compareNewestFirst(a: LogEvent, b: LogEvent): number {
  const byTime = String(b.time).localeCompare(String(a.time));
  return byTime !== 0 ? byTime : Number(b.seq) - Number(a.seq);
}
