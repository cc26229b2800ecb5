/** What two copies of one announcement share. */
interface AnnouncedNotice {
  participant_id: string | null;
  kind: string;
  subject_ja: string;
  body_ja: string;
}

/**
 * A participant reads its predecessors' notices too (their records pass to it, art. 4), and a succession is
 * announced to both sides, each with its own copy of the same text (art. 21): listed as they are, the successor
 * would read the succession twice. Of copies with the same kind and text addressed to different members of the
 * lineage, only the one addressed to the member nearest the reader (`lineage[0]`, the reader itself) is kept.
 * Notices addressed to one participant are never merged, and the order is kept.
 */
export function withoutLineageCopies<Notice extends AnnouncedNotice>(
  notices: readonly Notice[],
  lineage: readonly string[],
): Notice[] {
  const rank = (notice: Notice) => {
    const index = notice.participant_id === null ? -1 : lineage.indexOf(notice.participant_id);
    return index < 0 ? Number.POSITIVE_INFINITY : index;
  };
  const nearest = new Map<string, number>();
  const announcement = (notice: Notice) => JSON.stringify([notice.kind, notice.subject_ja, notice.body_ja]);
  for (const notice of notices) {
    const key = announcement(notice);
    nearest.set(key, Math.min(nearest.get(key) ?? Number.POSITIVE_INFINITY, rank(notice)));
  }
  return notices.filter((notice) => {
    const own = rank(notice);
    // a notice to no lineage member (to every participant) is never a lineage copy
    return own === Number.POSITIVE_INFINITY || own === nearest.get(announcement(notice));
  });
}
