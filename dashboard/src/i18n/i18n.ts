import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Japanese first, English second. The language is remembered in localStorage. Every text shown to a
 * user comes from a catalogue made with `defineMessages` (one per page or component), never inline.
 */
export type Language = 'ja' | 'en';
const STORAGE_KEY = 'yorozu.language';
const listeners = new Set<() => void>();

function initialLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

let current: Language = initialLanguage();

export function language(): Language {
  return current;
}

export function setLanguage(next: Language): void {
  if (next === current) return;
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = next;
  for (const listener of listeners) listener();
}

export function onLanguageChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type Messages<K extends string> = Record<K, string>;

/**
 * A catalogue: the Japanese texts define the keys, the English ones must have the same keys.
 * `{name}` in a text is replaced by params.name.
 */
export function defineMessages<K extends string>(
  ja: Messages<K>,
  en: Messages<K>,
): (key: K, params?: Record<string, string | number>) => string {
  return (key, params) => {
    const text = (current === 'en' ? en : ja)[key];
    return params ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)) : text;
  };
}

/** Re-renders its host when the language changes. */
export class LocaleController implements ReactiveController {
  private unsubscribe: (() => void) | undefined;
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected(): void {
    this.unsubscribe = onLanguageChange(() => this.host.requestUpdate());
  }
  hostDisconnected(): void {
    this.unsubscribe?.();
  }
}

document.documentElement.lang = current;
