import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages } from '../../i18n/i18n.js';

const t = defineMessages({ loading: '読み込み中…' }, { loading: 'Loading…' });

/**
 * One API call a component shows: the last value, whether a call is running, and the server's
 * failure in the reader's language when it failed (the catalogue's text of its code, e.g. a 403 for another
 * participant's id; never the server's English).
 * A newer `run` wins: the answer of an older call that arrives late is dropped.
 */
export class ApiLoader<T> implements ReactiveController {
  value: T | undefined = undefined;
  error = '';
  loading = false;
  private generation = 0;

  constructor(
    protected readonly host: ReactiveControllerHost,
    private readonly load: () => Promise<T>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    // an answer arriving after the page closed is not shown anywhere
    this.generation += 1;
    this.loading = false;
  }

  async run(): Promise<T | undefined> {
    const generation = ++this.generation;
    this.loading = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      const value = await this.load();
      if (generation === this.generation) this.value = value;
      return value;
    } catch (error) {
      if (generation === this.generation) this.error = apiErrorText(error);
      return undefined;
    } finally {
      if (generation === this.generation) {
        this.loading = false;
        this.host.requestUpdate();
      }
    }
  }

  /** Forget the last value (another participant or device was opened). */
  reset(): void {
    this.generation += 1;
    this.value = undefined;
    this.error = '';
    this.loading = false;
    this.host.requestUpdate();
  }
}

/** "Loading…" while a call runs, the failure in the reader's language; `name` makes the data-test names. */
export function loadStatus(loader: ApiLoader<unknown>, name: string) {
  return html`${loader.loading ? html`<p class="muted" role="status" data-test=${`${name}-loading`}>${t('loading')}</p>` : nothing}
  ${loader.error ? html`<p class="error" role="alert" data-test=${`${name}-error`}>${loader.error}</p>` : nothing}`;
}
