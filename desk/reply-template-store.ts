import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { changeTimeNow } from '../common/clickhouse-time.js';
import { selectRows } from '../sql/select-rows.js';
import type { TemplateTexts } from './rules/reply-templates.js';

/**
 * The desk's answer templates: the only place running their SQL. Each change is a new row; the latest wins
 * (two operators editing one template at once: the later save is kept, the earlier stays in the history).
 */
export interface ReplyTemplateRow extends TemplateTexts {
  template_id: string;
  changed_at: string;
  changed_by: string;
}

export class ReplyTemplateStore {
  constructor(private readonly client: ClickHouseClient) {}

  list(): Promise<ReplyTemplateRow[]> {
    return selectRows<ReplyTemplateRow>(this.client, 'desk/reply-templates', { limit: 1000 });
  }

  async find(templateId: string): Promise<ReplyTemplateRow | undefined> {
    return (await this.list()).find((template) => template.template_id === templateId);
  }

  async save(templateId: string | undefined, texts: TemplateTexts, by: string): Promise<string> {
    const id = templateId ?? randomUUID();
    await this.write(id, texts, false, by);
    return id;
  }

  async remove(template: ReplyTemplateRow, by: string): Promise<void> {
    await this.write(template.template_id, template, true, by);
  }

  private async write(templateId: string, texts: TemplateTexts, removed: boolean, by: string): Promise<void> {
    await this.client.insert({
      table: 'reply_templates',
      values: [
        {
          template_id: templateId,
          title_ja: texts.title_ja,
          title_en: texts.title_en,
          body_ja: texts.body_ja,
          body_en: texts.body_en,
          removed,
          changed_at: changeTimeNow(),
          changed_by: by,
        },
      ],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: removed ? 'desk:template:remove' : 'desk:template:save' },
    });
  }
}
