import { defineMessages } from '../../i18n/i18n.js';
import type { SuspensionReason } from './maintenance-api.js';

/** The grounds of art. 8 (1) (and "other", which an urgent suspension may not use), as the terms name them. */
const t = defineMessages(
  {
    maintenance: '設備の保守・工事（第8条第1項第1号）',
    unauthorised_access_defence: '不正アクセスからの防御（第2号）',
    disaster: '天災・非常事態（第3号）',
    malfunction: 'サービスの不具合（第4号）',
    legal_request: '法令等に基づく要請（第5号）',
    other: 'その他',
  },
  {
    maintenance: 'Maintenance or works (art. 8 (1) 1)',
    unauthorised_access_defence: 'Defence against unauthorised access (2)',
    disaster: 'Disaster or emergency (3)',
    malfunction: 'The service not working (4)',
    legal_request: 'A request under law (5)',
    other: 'Other',
  },
);

export function reasonText(code: string): string {
  return code in
    { maintenance: 1, unauthorised_access_defence: 1, disaster: 1, malfunction: 1, legal_request: 1, other: 1 }
    ? t(code as SuspensionReason)
    : code;
}
