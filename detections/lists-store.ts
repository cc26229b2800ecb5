import type { ClickHouseClient } from '@clickhouse/client';
import { changeTimeNow } from '../common/clickhouse-time.js';
import { selectRows } from '../sql/select-rows.js';

/**
 * Lists as data (known-bad domains, approved USB serials, approved software): operators edit them, and
 * policies and detection rules read them through the scoped table p_lists (scoped-query/policy-scope.ts), so a
 * new IOC needs no change to any query. An entry is for every participant (the zero id) or for one.
 */
export const LIST_NAMES = ['ioc_domains', 'approved_usb_serials', 'approved_software'] as const;
export type ListName = (typeof LIST_NAMES)[number];
export const EVERY_PARTICIPANT = '00000000-0000-0000-0000-000000000000';

export interface ListEntry {
  list_name: ListName;
  participant_id: string;
  value: string;
  note: string;
  changed_at: string;
  changed_by: string;
}

/** How each list's values are written, so a typo is refused when it is typed rather than never matching. */
const VALUE_FORMS: Record<ListName, { pattern: RegExp; normalise: (value: string) => string; what: string }> = {
  ioc_domains: {
    pattern: /^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z0-9-]{1,63}$/,
    normalise: (value) => value.trim().toLowerCase().replace(/\.$/, ''),
    what: 'a domain name such as bad.example',
  },
  approved_usb_serials: {
    pattern: /^[\x21-\x7e]{1,128}$/,
    normalise: (value) => value.trim(),
    what: 'a serial number without spaces',
  },
  approved_software: { pattern: /^.{1,256}$/u, normalise: (value) => value.trim(), what: 'a software name' },
};

export function checkedListValue(
  list: ListName,
  value: string,
): { ok: true; value: string } | { ok: false; message: string } {
  const form = VALUE_FORMS[list];
  const normalised = form.normalise(value);
  return form.pattern.test(normalised)
    ? { ok: true, value: normalised }
    : { ok: false, message: `${value} is not ${form.what}` };
}

export class ListsStore {
  constructor(private readonly client: ClickHouseClient) {}

  async entries(): Promise<ListEntry[]> {
    return selectRows<ListEntry>(this.client, 'detections/list-entries');
  }

  async change(
    list: ListName,
    participantId: string,
    changes: { value: string; note: string; removed: boolean }[],
    changedBy: string,
  ): Promise<void> {
    if (changes.length === 0) return;
    const changedAt = changeTimeNow();
    await this.client.insert({
      table: 'list_entries',
      values: changes.map((change) => ({
        list_name: list,
        participant_id: participantId,
        value: change.value,
        note: change.note,
        removed: change.removed ? 1 : 0,
        changed_at: changedAt,
        changed_by: changedBy,
      })),
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'detections:change-list' },
    });
  }
}
