import type { ReactiveControllerHost } from 'lit';
import { ApiLoader } from './api-loader.js';

/**
 * An `ApiLoader` that loads by itself for what the host shows, e.g. this participant's device: `key()` names
 * it (participant id, device id); when any part changes and none is empty, the last value is forgotten and the
 * call runs again. The key is read in `hostUpdate` (after the host's `willUpdate`, before it renders), so the
 * first render of a new key already shows "loading" instead of the previous device's data.
 */
export class KeyedApiLoader<T, Key extends string[]> extends ApiLoader<T> {
  private loadedKey = '';

  constructor(
    host: ReactiveControllerHost,
    private readonly key: () => Key,
    load: (...key: Key) => Promise<T>,
  ) {
    super(host, () => load(...key()));
  }

  override hostConnected(): void {
    // back on the page after its answer was dropped (see hostDisconnected): load again
    if (!this.loadedKey) this.host.requestUpdate();
  }

  hostUpdate(): void {
    const parts = this.key();
    if (parts.some((part) => !part)) return;
    // JSON keeps ('a', 'bc') and ('ab', 'c') apart
    const key = JSON.stringify(parts);
    if (key === this.loadedKey) return;
    this.loadedKey = key;
    this.reset();
    void this.run();
  }

  override hostDisconnected(): void {
    // an answer still on its way is dropped (ApiLoader): a later connection loads again
    if (this.loading) this.loadedKey = '';
    super.hostDisconnected();
  }
}

/** An element that shows one participant's data (the inventory explorer's sections). */
export interface ShowsParticipant extends ReactiveControllerHost {
  participantId: string;
}

/** Loads for the participant the host shows, again whenever it changes. */
export function loadForParticipant<T>(
  host: ShowsParticipant,
  load: (participantId: string) => Promise<T>,
): KeyedApiLoader<T, [participantId: string]> {
  return new KeyedApiLoader(host, (): [string] => [host.participantId], load);
}

/** An element that shows one participant's device (the device page and its sections). */
export interface ShowsDevice extends ReactiveControllerHost {
  participantId: string;
  deviceId: string;
}

/** Loads for the device the host shows, again whenever its participant or device changes. */
export function loadForDevice<T>(
  host: ShowsDevice,
  load: (participantId: string, deviceId: string) => Promise<T>,
): KeyedApiLoader<T, [participantId: string, deviceId: string]> {
  return new KeyedApiLoader(host, (): [string, string] => [host.participantId, host.deviceId], load);
}
