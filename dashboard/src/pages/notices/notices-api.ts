import { api } from '../../api/api-client.js';

/** The notice centre's routes as the dashboard uses them (notices/notice-routes.ts on the server). */
export type NoticeChannel = 'web' | 'email' | 'post' | 'other';

export interface NoticeDeliveryRow {
  notice_id: string;
  participant_id: string | null;
  channel: NoticeChannel;
  state: 'pending' | 'delivered' | 'undelivered';
  deemed_delivered_at: string | null;
  detail: string;
  updated_at: string;
}

export interface NoticeView {
  notice_id: string;
  audience: 'participant' | 'all_participants' | 'account';
  participant_id: string | null;
  kind: string;
  subject_ja: string;
  body_ja: string;
  subject_en: string;
  body_en: string;
  created_at: string;
  created_by: string;
  channels: NoticeChannel[];
  deliveries: NoticeDeliveryRow[];
  delivery: { state: 'pending' | 'delivered' | 'undelivered'; deemedAt?: string };
}

export async function fetchAllNotices(): Promise<{ notices: NoticeView[]; attention: NoticeDeliveryRow[] }> {
  return api('GET', '/api/v1/admin/notices');
}

export async function fetchParticipantNotices(participantId: string): Promise<NoticeView[]> {
  return (await api<{ notices: NoticeView[] }>('GET', `/api/v1/participants/${participantId}/notices`)).notices;
}

export interface FreeFormNotice {
  recipients: 'all' | { participantIds: string[] };
  subjectJa: string;
  bodyJa: string;
  subjectEn: string;
  bodyEn: string;
  channels: NoticeChannel[];
  statedDeliveryAt?: string;
}

export function sendNotice(notice: FreeFormNotice): Promise<{ notices: string[] }> {
  return api('POST', '/api/v1/admin/notices', notice);
}

export function enterArrival(noticeId: string, arrivedOn: string, participantId: string | null): Promise<unknown> {
  return api('POST', `/api/v1/admin/notices/${noticeId}/arrival`, { arrivedOn, ...(participantId ? { participantId } : {}) });
}
