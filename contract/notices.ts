import { z } from 'zod';
import { day, time, uuid } from './common.js';

/** Notices (terms art. 21): channels, deliveries and when each counts as delivered; the terms' versions (art. 2). */
export const NOTICE_CHANNELS = ['web', 'email', 'post', 'other'] as const;
export const noticeChannel = z.enum(NOTICE_CHANNELS);
export type NoticeChannel = z.infer<typeof noticeChannel>;
export const deliveryState = z.enum(['pending', 'delivered', 'undelivered']);

/** One channel's delivery to one recipient, as it stands now. */
export const noticeDelivery = z.object({
  notice_id: uuid,
  participant_id: uuid.nullable(),
  channel: noticeChannel,
  state: deliveryState,
  deemed_delivered_at: time.nullable(),
  mail_id: z.string(),
  detail: z.string(),
  updated_at: time,
});
export type NoticeDelivery = z.infer<typeof noticeDelivery>;

/** The notice as a whole: delivered at the latest of its channels, pending while any is. */
export const noticeDeliverySummary = z.union([
  z.object({ state: z.literal('delivered'), deemedAt: time }),
  z.object({ state: z.literal('pending'), waitingFor: z.array(noticeChannel) }),
  z.object({ state: z.literal('undelivered') }),
]);

export const notice = z.object({
  notice_id: uuid,
  audience: z.enum(['participant', 'all_participants', 'account']),
  participant_id: uuid.nullable(),
  account_id: uuid.nullable(),
  recipient_email: z.string(),
  kind: z.string(),
  subject_ja: z.string(),
  body_ja: z.string(),
  subject_en: z.string(),
  body_en: z.string(),
  created_at: time,
  created_by: z.string(),
  channels: z.array(noticeChannel),
  prior_notice_seconds: z.number(),
  stated_delivery_at: time.nullable(),
  deliveries: z.array(noticeDelivery),
  delivery: noticeDeliverySummary,
});
export type Notice = z.infer<typeof notice>;
export const noticeList = z.object({ notices: z.array(notice) });
export type NoticeList = z.infer<typeof noticeList>;

/** The operators' view: recent notices, and the deliveries pending or failed. */
export const noticeCentre = z.object({ notices: z.array(notice), attention: z.array(noticeDelivery) });
export const noticesSent = z.object({ notices: z.array(uuid) });
export const arrivalRecorded = z.object({ noticeId: uuid, delivery: noticeDeliverySummary });

export const termsVersion = z.object({
  version: z.string(),
  effective_on: day,
  title_ja: z.string(),
  title_en: z.string(),
  summary_ja: z.string(),
  summary_en: z.string(),
  published_at: time,
  published_by: z.string(),
});
export type TermsVersion = z.infer<typeof termsVersion>;
export const termsVersions = z.object({ inForce: termsVersion, versions: z.array(termsVersion) });
export const termsDocument = z.object({ terms: termsVersion.extend({ text_ja: z.string() }) });
export type TermsDocument = z.infer<typeof termsDocument>;
export const termsPublished = z.object({ terms: termsVersion, noticeId: uuid });

/** A participant's agreement to the terms (art. 2, 3): the version in force, a coming one, who agreed to what and when. */
export const termsAgreement = z.object({
  version: z.string(),
  via: z.enum(['application', 'sign_in']),
  login_name: z.string(),
  agreed_at: time.nullable(),
});
export const termsStanding = z.object({
  inForce: termsVersion,
  coming: termsVersion.nullable(),
  /** The version in force is not agreed to yet: the portal asks before anything else. */
  mustAgree: z.boolean(),
  agreements: z.array(termsAgreement),
});
export type TermsStanding = z.infer<typeof termsStanding>;

/** Trial-wide notices posted on the web (art. 21 (1)), readable without signing in. */
export const publicNotice = z.object({
  notice_id: uuid,
  kind: z.string(),
  subject_ja: z.string(),
  body_ja: z.string(),
  subject_en: z.string(),
  body_en: z.string(),
  created_at: time,
});
export const publicNotices = z.object({ notices: z.array(publicNotice) });
export type PublicNotices = z.infer<typeof publicNotices>;
