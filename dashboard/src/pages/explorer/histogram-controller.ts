import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { loadHistogram, type Histogram, type LogEvent, type TimeWindow } from './explorer-api.js';
import { addToHistogram } from './histogram-live.js';

/**
 * The histogram of one search (by category, or split by a field): loading, its answer or its error, and the
 * events of the live tail counted in. A newer search makes the answer of an older one be ignored.
 */
export class HistogramController implements ReactiveController {
  histogram: Histogram | null = null;
  loading = false;
  error: unknown = null;
  private generation = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  async load(participantId: string, q: string, range: TimeWindow, split: string | undefined): Promise<void> {
    const generation = ++this.generation;
    this.loading = true;
    this.error = null;
    this.host.requestUpdate();
    try {
      const histogram = await loadHistogram(participantId, q, range, split);
      if (generation === this.generation) this.histogram = histogram;
    } catch (error) {
      if (generation !== this.generation) return;
      this.histogram = null;
      this.error = error;
    } finally {
      if (generation === this.generation) {
        this.loading = false;
        this.host.requestUpdate();
      }
    }
  }

  /** The count and the chart follow the list (a histogram still loading gets them in its answer). */
  addLive(events: readonly LogEvent[]): void {
    if (!this.histogram || this.loading) return;
    this.histogram = addToHistogram(this.histogram, events);
    this.host.requestUpdate();
  }
}
