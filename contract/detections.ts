import { z } from 'zod';
import { uuid } from './common.js';

/** Detection rules (Sigma), findings, and the operator's attention queue. */
export const TRIAGE_STATES = ['new', 'acknowledged', 'sent', 'resolved', 'false_positive'] as const;
export const triageState = z.enum(TRIAGE_STATES);
export type TriageState = z.infer<typeof triageState>;
export const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;

export const detectionRule = z.object({
  rule_id: z.string(),
  current_version: z.number(),
  origin: z.enum(['sigmahq', 'yorozu', 'operator']),
  enabled: z.boolean(),
  /**
   * The title for a Japanese reader: a bundled SigmaHQ rule's Japanese title (detections/rule-pack/sigmahq-ja.yml),
   * else the rule's own (a desk rule's "日本語 / English"). `titleEn`: as the attention item's.
   */
  title: z.string(),
  titleEn: z.string(),
  /** The rule's description for a Japanese reader (a SigmaHQ rule's in Japanese, else the rule's own if Japanese); may be empty. */
  description: z.string(),
  /** The rule's own description (SigmaHQ writes English); may be empty. */
  descriptionEn: z.string(),
  level: z.enum(LEVELS),
  yaml: z.string(),
  techniques: z.array(z.string()),
  /** Why the rule cannot run here (a field or logsource Yorozu does not have), if it cannot. */
  problem: z.string().nullable(),
});
export const detectionRuleList = z.object({ rules: z.array(detectionRule) });

export const attentionItem = z.object({
  kind: z.enum(['finding', 'policy']),
  /** A finding's id, or `policy:<policy id>` for a policy failing on some of the participant's devices. */
  itemId: z.string(),
  participantId: uuid,
  organisation: z.string(),
  level: z.enum(LEVELS),
  title: z.string(),
  /**
   * The title for an English reader: a policy's English title; a finding's English half of a desk rule's
   * "日本語 / English" title, or a SigmaHQ rule's title as it is (SigmaHQ writes English only; `title` is its
   * Japanese title from detections/rule-pack/sigmahq-ja.yml).
   */
  titleEn: z.string(),
  ruleId: z.string(),
  techniques: z.array(z.string()),
  devices: z.array(z.object({ deviceId: uuid, hostname: z.string() })),
  user: z.string(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  count: z.number(),
  detectedAt: z.string(),
  state: triageState,
  stateReason: z.string(),
  /** The explorer query that shows exactly this item's events (`finding:<id>`), empty for a policy. */
  query: z.string(),
});
export type AttentionItem = z.infer<typeof attentionItem>;
export const attentionQueue = z.object({ items: z.array(attentionItem) });
/** The operator's visit before this one (server time, UTC, as `detectedAt`), null on the account's first visit. */
export const attentionVisit = z.object({ previousVisit: z.string().nullable() });
export type AttentionVisit = z.infer<typeof attentionVisit>;

export const triageEntry = z.object({
  state: triageState,
  reason: z.string(),
  messageJa: z.string(),
  changedAt: z.string(),
  changedBy: z.string(),
});
export const triageHistory = z.object({ history: z.array(triageEntry) });

/** What a participant reads of the findings an operator sent it. */
export const sentFinding = z.object({
  findingId: z.string(),
  title: z.string(),
  /** As the attention item's `titleEn`. */
  titleEn: z.string(),
  level: z.enum(LEVELS),
  hostname: z.string(),
  user: z.string(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  count: z.number(),
  messageJa: z.string(),
  sentAt: z.string(),
});
export const sentFindings = z.object({ findings: z.array(sentFinding) });

export const detectionRunDone = z.object({
  participants: z.number(),
  findings: z.number(),
  written: z.number(),
  errors: z.array(z.string()),
});
export const detectionRuleTried = z.object({
  findings: z.array(
    z.object({
      deviceId: z.string(),
      user: z.string(),
      count: z.number(),
      firstSeen: z.string(),
      lastSeen: z.string(),
    }),
  ),
});
export const listsAnswer = z.object({
  lists: z.array(
    z.object({
      name: z.enum(['ioc_domains', 'approved_usb_serials', 'approved_software']),
      entries: z.array(
        z.object({
          participantId: uuid.nullable(),
          value: z.string(),
          note: z.string(),
          changedAt: z.string(),
          changedBy: z.string(),
        }),
      ),
    }),
  ),
});
export type AttentionQueue = z.infer<typeof attentionQueue>;
export type SentFindings = z.infer<typeof sentFindings>;
export type SentFinding = z.infer<typeof sentFinding>;
export type ListsAnswer = z.infer<typeof listsAnswer>;
export type DetectionRuleList = z.infer<typeof detectionRuleList>;
export type DetectionRuleTried = z.infer<typeof detectionRuleTried>;

/** A participant's exception to a detection rule: the whole rule (field ''), or where a field has a value. */
export const detectionException = z.object({
  exceptionId: z.string(),
  participantId: uuid,
  organisation: z.string(),
  ruleId: z.string(),
  /** As the rule list's `title`: a bundled SigmaHQ rule's Japanese title, else the rule's own. */
  ruleTitle: z.string(),
  /** As the rule list's `titleEn`. */
  ruleTitleEn: z.string(),
  field: z.string(),
  value: z.string(),
  reason: z.string(),
  changedAt: z.string(),
  changedBy: z.string(),
});
export const detectionExceptions = z.object({ exceptions: z.array(detectionException) });
export type DetectionExceptions = z.infer<typeof detectionExceptions>;
