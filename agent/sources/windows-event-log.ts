import {
  mapWindowsEvent,
  WINDOWS_MAPPING_RULES,
  windowsEventFromXml,
  WindowsEventShapeError,
} from '../../agent-protocol/windows/index.js';
import type { NewEvent } from '../disk-buffer.js';
import type { EventSource, SourceContext } from './source.js';
import type { WindowsBookmarks } from './windows-bookmarks.js';
import { runWindowsCommand, type WindowsCommand } from './windows-commands.js';

/**
 * Windows event logs, read with `wevtutil qe <channel> /q:"*[System[EventRecordID>N]]" /f:xml` and
 * mapped by the one shared mapping (agent-protocol/windows/). The channels are the mapping's own.
 *
 * Why wevtutil and not an npm binding of the Event Log API: wevtutil is on every Windows, needs no
 * compiler or prebuilt binary on the PC, and works inside a single executable application (which
 * cannot load a native addon from inside itself). The bindings on npm either only write events
 * (node-eventlog, windows-eventlog) or read whole logs without an XPath filter and need node-gyp
 * (@slimio/winelog, unmaintained). The cost is a process per channel and poll, which at one poll a
 * few seconds apart is small next to what the PC does anyway.
 *
 * A first run starts at each channel's newest record: collection begins when the PC is enrolled.
 */
export const WINDOWS_EVENT_CHANNELS: readonly string[] = [
  ...new Set(WINDOWS_MAPPING_RULES.map((rule) => rule.channel)),
];

const EVENTS_PER_QUERY = 500;

export interface WindowsEventLogOptions {
  bookmarks: WindowsBookmarks;
  pollMs?: number;
  channels?: readonly string[];
  run?: WindowsCommand;
  log?: (level: 'info' | 'warn', message: string, details?: Record<string, unknown>) => void;
}

/** `wevtutil gli <channel>`: "numberOfLogRecords: 120" and "oldestRecordNumber: 1" lines. */
export function parseLogInfo(text: string): { records: number; oldest: number } {
  const field = (name: string) => Number(new RegExp(`^\\s*${name}:\\s*(\\d+)`, 'mi').exec(text)?.[1] ?? NaN);
  const records = field('numberOfLogRecords');
  const oldest = field('oldestRecordNumber');
  if (!Number.isFinite(records)) throw new Error(`wevtutil gli printed no numberOfLogRecords: ${text.slice(0, 200)}`);
  return { records, oldest: Number.isFinite(oldest) ? oldest : 0 };
}

/** wevtutil qe /f:xml prints the events one after another without a root element. */
export function splitEventXml(text: string): string[] {
  return [...text.matchAll(/<Event[\s>][\s\S]*?<\/Event>/g)].map((match) => match[0]);
}

export class WindowsEventLogSource implements EventSource {
  readonly name = 'windows-event-log';
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private stopped = false;
  private readonly failing = new Map<string, string>();
  private readonly run: WindowsCommand;

  constructor(private readonly options: WindowsEventLogOptions) {
    this.run = options.run ?? runWindowsCommand;
  }

  async start(emit: (events: NewEvent[]) => void, context?: SourceContext): Promise<void> {
    if (context) {
      const moved = this.options.bookmarks.catchUp((seq) => context.bufferedSince(seq));
      if (moved > 0) this.log('info', 'event log bookmarks moved past events already in the disk buffer', { moved });
    }
    const poll = async () => {
      for (const channel of this.options.channels ?? WINDOWS_EVENT_CHANNELS) {
        if (this.stopped) return;
        await this.readChannel(channel, emit, context).then(
          () => this.failing.delete(channel),
          (error: Error) => {
            // A channel that is not there (Sysmon not installed) fails every poll: say so once.
            if (this.failing.get(channel) === error.message) return;
            this.failing.set(channel, error.message);
            this.log('warn', 'could not read a Windows event log', { channel, error: error.message });
          },
        );
      }
    };
    this.polling = poll();
    await this.polling;
    this.timer = setInterval(() => {
      if (!this.polling) this.polling = poll().finally(() => (this.polling = undefined));
    }, this.options.pollMs ?? 5000);
    this.polling = undefined;
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.polling;
  }

  private async readChannel(
    channel: string,
    emit: (events: NewEvent[]) => void,
    context: SourceContext | undefined,
  ): Promise<void> {
    const info = parseLogInfo(await this.run('wevtutil', ['gli', channel]));
    const newest = info.records > 0 ? info.oldest + info.records - 1 : 0;
    const nextSeq = () => context?.nextSeq() ?? 0;
    const bookmark = this.options.bookmarks.get(channel);
    if (bookmark === undefined) {
      this.options.bookmarks.set(channel, newest, nextSeq());
      this.log('info', 'reading a Windows event log from its newest record', { channel, recordId: newest });
      return;
    }
    let after: number = bookmark;
    if (newest < after) {
      // Record ids only grow; a log whose newest record is below the bookmark was cleared (or recreated).
      this.anomaly(channel, 'cleared', after, info.oldest, newest);
      after = info.records > 0 ? info.oldest - 1 : 0;
      this.options.bookmarks.set(channel, after, nextSeq());
    } else if (after > 0 && info.records > 0 && info.oldest > after + 1) {
      // (A bookmark of 0 was taken on an empty log: its first record id is not known to be 1.)
      this.anomaly(channel, 'overwritten', after, info.oldest, newest);
    }
    while (!this.stopped) {
      const xml = await this.run('wevtutil', [
        'qe',
        channel,
        `/q:*[System[EventRecordID>${after}]]`,
        '/f:xml',
        `/c:${EVENTS_PER_QUERY}`,
        '/uni:true',
      ]);
      const pieces = splitEventXml(xml);
      if (pieces.length === 0) return;
      const mapped: NewEvent[] = [];
      let highest: number = after;
      for (const piece of pieces) {
        try {
          const windowsEvent = windowsEventFromXml(piece);
          if (windowsEvent.recordId === undefined || windowsEvent.recordId <= after) continue;
          highest = Math.max(highest, windowsEvent.recordId);
          const outcome = mapWindowsEvent(windowsEvent, new Date().toISOString());
          if (outcome.kind === 'mapped') mapped.push(outcome.event as unknown as NewEvent);
        } catch (error) {
          if (!(error instanceof WindowsEventShapeError)) throw error;
          this.log('warn', 'skipped an event wevtutil printed that is not event XML', {
            channel,
            error: error.message,
          });
        }
      }
      if (highest === after) return;
      // One tick: the events go to the disk buffer, then the bookmark moves past them (windows-bookmarks.ts).
      if (mapped.length > 0) emit(mapped);
      this.options.bookmarks.set(channel, highest, nextSeq());
      after = highest;
      if (pieces.length < EVENTS_PER_QUERY) return;
    }
  }

  private anomaly(channel: string, kind: 'cleared' | 'overwritten', bookmark: number, oldest: number, newest: number) {
    this.options.bookmarks.recordAnomaly({
      channel,
      kind,
      detectedAt: new Date().toISOString(),
      bookmark,
      oldest,
      newest,
    });
    this.log(
      'warn',
      kind === 'cleared' ? 'a Windows event log was cleared' : 'Windows overwrote events before the agent read them',
      {
        channel,
        bookmark,
        oldest,
        newest,
      },
    );
  }

  private log(level: 'info' | 'warn', message: string, details?: Record<string, unknown>): void {
    if (this.options.log) this.options.log(level, message, details);
    else console.error(JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...details }));
  }
}
