import { api } from '../../api/api-client.js';
import type { Notice, NoticeChannel, NoticeDelivery } from '../../api/contract.js';

/** The notice centre's routes as the dashboard uses them (notices/notice-routes.ts on the server). */
export type { NoticeChannel };
export type NoticeView = Notice;
export type NoticeDeliveryRow = NoticeDelivery;

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
  return api('POST', `/api/v1/admin/notices/${noticeId}/arrival`, {
    arrivedOn,
    ...(participantId ? { participantId } : {}),
  });
}
