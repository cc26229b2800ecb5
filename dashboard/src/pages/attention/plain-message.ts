import { formatJst } from '../../format/jst.js';
import type { AttentionItem } from './attention-api.js';

/** A first draft of what the participant reads, in plain Japanese; the operator edits it before sending. */
export function plainJapaneseMessage(item: AttentionItem): string {
  const host = item.devices.map((d) => d.hostname).join('、') || 'お使いのパソコン';
  const when = formatJst(new Date(`${item.firstSeen.replace(' ', 'T')}Z`), 'datetime');
  const who = item.user ? `（${item.user} さん）` : '';
  const what = item.title.split(' / ')[0];
  return `${when} ごろ、${host}${who}で「${what}」にあたる操作が ${item.count} 件記録されました。心当たりがあるかご確認のうえ、窓口までお知らせください。`;
}
