import { readFileSync } from 'node:fs';
import type { ClickHouseClient } from '@clickhouse/client';
import { ApiError } from '../../api/errors.js';
import { toClickHouseTime } from '../../common/clickhouse-time.js';
import { jstDateOf } from '../../common/jst-time.js';
import { selectRows } from '../../sql/select-rows.js';

/**
 * The terms of the trial as versioned documents (art. 2): each version has its full text, the date
 * it takes effect (which may be in the future) and a summary of what changed. The version in force
 * is the latest whose date has come. Version 1 is the seed document, effective 2022-12-01 (附則).
 */
export interface TermsVersion {
  version: string;
  effective_on: string;
  title_ja: string;
  title_en: string;
  summary_ja: string;
  summary_en: string;
  published_at: string;
  published_by: string;
}

export interface TermsDocument extends TermsVersion {
  text_ja: string;
}

export const FIRST_TERMS = {
  version: '1',
  effective_on: '2022-12-01',
  title_ja: 'ITセキュリティよろず相談窓口 実証実験規約',
  title_en: 'IT Security Consultation Desk: terms of the trial',
  summary_ja: '制定',
  summary_en: 'First version',
} as const;

const SEED_TEXT = new URL('./terms-ja.txt', import.meta.url);

export class TermsDocuments {
  constructor(private readonly client: ClickHouseClient) {}

  /** On first start: the seed text becomes version 1. */
  async ensureFirstVersion(): Promise<void> {
    if ((await this.versions()).length > 0) return;
    await this.write({
      ...FIRST_TERMS,
      text_ja: readFileSync(SEED_TEXT, 'utf8'),
      published_at: toClickHouseTime(Date.parse('2022-11-29T00:00:00+09:00')),
      published_by: 'seed',
    });
  }

  versions(): Promise<TermsVersion[]> {
    return selectRows<TermsVersion>(this.client, 'notices/terms-versions');
  }

  async document(version: string): Promise<TermsDocument | undefined> {
    return (await selectRows<TermsDocument>(this.client, 'notices/terms-text', { version }))[0];
  }

  /** The version in force on a JST date: the latest whose effective date has come. */
  async inForce(on: string = jstDateOf(new Date())): Promise<TermsVersion> {
    const current = (await this.versions()).filter((v) => v.effective_on <= on).at(-1);
    if (!current)
      throw new ApiError(503, 'no_terms', 'No terms version is in force; the first start installs version 1.');
    return current;
  }

  async publish(document: Omit<TermsDocument, 'published_at' | 'published_by'>, by: string): Promise<TermsVersion> {
    const today = jstDateOf(new Date());
    if (document.effective_on <= today)
      throw new ApiError(
        400,
        'invalid_request',
        `A new terms version must take effect after today (${today} JST), so that participants are told ahead (art. 2); ${document.effective_on} is not.`,
      );
    const versions = await this.versions();
    if (versions.some((v) => v.version === document.version))
      throw new ApiError(
        409,
        'version_exists',
        `Terms version ${document.version} exists already; versions are never rewritten.`,
      );
    const latest = versions.at(-1);
    if (latest && document.effective_on <= latest.effective_on)
      throw new ApiError(
        409,
        'invalid_request',
        `Version ${latest.version} takes effect on ${latest.effective_on}; a newer version must take effect after it.`,
      );
    await this.write({ ...document, published_at: toClickHouseTime(Date.now()), published_by: by });
    return (await this.versions()).find((v) => v.version === document.version)!;
  }

  private async write(row: TermsDocument): Promise<void> {
    await this.client.insert({
      table: 'terms_documents',
      values: [row],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'notices:terms' },
    });
  }
}
