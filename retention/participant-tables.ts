/**
 * Which tables hold a participant's data, what kind of data it is (terms art. 14), and how the
 * deletion reaches its rows. The deletion's table list is NOT this list: it is derived from the
 * schema at run time (every MergeTree table with a participant_id column, see schema-coverage.ts)
 * plus the tables below that reach a participant through another table's keys. This list classifies;
 * tests/retention/coverage.test.ts fails when the schema has a table it does not classify.
 */
export type DataKind = 'stored' | 'generated' | 'registration' | 'records' | 'answers';

export const DATA_KIND_LABELS: Record<DataKind | 'unclassified', { ja: string; en: string }> = {
  stored: { ja: '保存データ', en: 'stored data' },
  generated: { ja: '生成等データ', en: 'generated data' },
  registration: { ja: '登録情報・アカウント', en: 'registration and accounts' },
  records: { ja: '記録（通知・閲覧記録）', en: 'records (notices, access log)' },
  answers: { ja: 'アンケート・インタビューの回答', en: 'survey and interview answers' },
  unclassified: { ja: '未分類', en: 'unclassified' },
};

/** Rows of another table whose key column values belong to the participant. */
export interface KeyReach {
  /** The column of this table holding the key. */
  column: string;
  /** The table whose rows of the participant (participant_id = p) give the keys… */
  from: string;
  /** …from this column of it. */
  fromColumn: string;
}

export interface ParticipantTable {
  table: string;
  kind: DataKind;
  /** true: the table has participant_id and rows with the participant's id are deleted. */
  direct: boolean;
  /** Other columns holding the participant's own id (a succession names two participants). */
  idColumns?: readonly string[];
  /** Rows reached through another table's keys (deleted before that table, so a resumed run still finds them). */
  keys?: KeyReach;
  /** Rows of the participant that are kept: the certificate's own mail (see KEPT_ROWS). */
  keepsCertificateMail?: boolean;
}

/** Every table holding a participant's data. Order does not matter: deletion-plan.ts orders them. */
export const PARTICIPANT_TABLES: readonly ParticipantTable[] = [
  // 保存データ: what agents sent (art. 11)
  { table: 'events', kind: 'stored', direct: true },
  { table: 'inventory_hardware', kind: 'stored', direct: true },
  { table: 'inventory_software', kind: 'stored', direct: true },
  { table: 'inventory_os_updates', kind: 'stored', direct: true },
  { table: 'health_results', kind: 'stored', direct: true },
  { table: 'diagnostics', kind: 'stored', direct: true },
  { table: 'agent_uninstall_reports', kind: 'stored', direct: true },
  { table: 'rejected_messages', kind: 'stored', direct: true },
  { table: 'windows_events_kept', kind: 'stored', direct: true },
  { table: 'device_hourly', kind: 'stored', direct: true },
  { table: 'device_seq', kind: 'stored', direct: true },
  { table: 'inbound_mail', kind: 'stored', direct: true },
  // 生成等データ: what the desk made from them
  { table: 'policy_results', kind: 'generated', direct: true },
  { table: 'policy_evaluations', kind: 'generated', direct: true },
  { table: 'findings', kind: 'generated', direct: true },
  { table: 'finding_triage', kind: 'generated', direct: true },
  // How far each detection rule has read this participant's events (an ingest time per rule).
  { table: 'detection_watermarks', kind: 'generated', direct: true },
  // A participant's own list entries (its approved USB serials); entries for everyone have the zero id.
  { table: 'list_entries', kind: 'generated', direct: true },
  // Operators' saved searches that open this participant's explorer (the zero id: across participants).
  { table: 'saved_searches', kind: 'generated', direct: true },
  // The desk's exceptions to detection rules for this participant (a rule or a value silenced, with the reason).
  { table: 'detection_exceptions', kind: 'generated', direct: true },
  { table: 'tickets', kind: 'generated', direct: true },
  { table: 'ticket_messages', kind: 'generated', direct: true },
  { table: 'ticket_attachments', kind: 'generated', direct: true },
  { table: 'ticket_attachment_chunks', kind: 'generated', direct: true },
  { table: 'ticket_evidence', kind: 'generated', direct: true },
  { table: 'diagnostic_requests', kind: 'generated', direct: true },
  { table: 'outbound_mail', kind: 'generated', direct: true, keepsCertificateMail: true },
  {
    table: 'outbound_mail_attempts',
    kind: 'generated',
    direct: false,
    keys: { column: 'mail_id', from: 'outbound_mail', fromColumn: 'mail_id' },
    keepsCertificateMail: true,
  },
  {
    table: 'inbound_mail_dispositions',
    kind: 'generated',
    direct: true,
    keys: { column: 'mail_id', from: 'inbound_mail', fromColumn: 'mail_id' },
  },
  // registration, devices, credentials and accounts
  { table: 'participants', kind: 'registration', direct: true },
  { table: 'participant_documents', kind: 'registration', direct: true },
  { table: 'enrollment_secrets', kind: 'registration', direct: true },
  { table: 'devices', kind: 'registration', direct: true },
  { table: 'successions', kind: 'registration', direct: false, idColumns: ['predecessor_id', 'successor_id'] },
  { table: 'service_suspensions', kind: 'registration', direct: true },
  { table: 'accounts', kind: 'registration', direct: true },
  {
    table: 'sessions',
    kind: 'registration',
    direct: false,
    keys: { column: 'account_id', from: 'accounts', fromColumn: 'account_id' },
  },
  {
    table: 'sign_ins',
    kind: 'registration',
    direct: false,
    keys: { column: 'account_id', from: 'accounts', fromColumn: 'account_id' },
  },
  {
    table: 'session_activity',
    kind: 'registration',
    direct: false,
    keys: { column: 'account_id', from: 'accounts', fromColumn: 'account_id' },
  },
  // records
  { table: 'notices', kind: 'records', direct: true },
  { table: 'notice_deliveries', kind: 'records', direct: true },
  { table: 'notice_links', kind: 'records', direct: true },
  { table: 'terms_agreements', kind: 'records', direct: true },
  { table: 'data_access_log', kind: 'records', direct: true },
  // Survey and interview answers (art. 23 (2)): kept apart from the service data, deleted with the rest.
  { table: 'survey_invitations', kind: 'answers', direct: true },
  { table: 'survey_answers', kind: 'answers', direct: true },
];

/**
 * Tables with a participant_id that are kept on purpose: they are the proof of the deletion.
 * docs/data-deletion.md says the same to the participant.
 */
export const KEPT_TABLES: Readonly<Record<string, string>> = {
  deletion_runs: 'the steps of each deletion, with the counts before and after: the minimum needed to prove it',
  deletion_certificates: 'the certificate itself (JSON, its SHA-256 and the PDF), as sent to the participant',
};

/** The certificate's own mail (and its send attempts) survives: it is how the certificate reached the participant. */
export const CERTIFICATE_MAIL_KIND = 'deletion_certificate';

/** Tables that hold no participant's data, and why. Anything else in the schema must be classified above. */
export const NO_PARTICIPANT_DATA: Readonly<Record<string, string>> = {
  schema_migrations: 'which migrations ran',
  policies: 'the health policies, the same for every participant',
  detection_rules: 'the detection rules (Sigma), the same for every participant',
  attention_visits: 'when each operator account last opened the attention queue (an account id and a time)',
  reply_templates: "the desk's answer templates, the same for every participant",
  trial_period: "the trial's dates, the same for every participant",
  terms_documents: 'the versions of the terms, the same for every participant',
  surveys:
    "the surveys' and interviews' questions, the same for every recipient (whom and what they answered: survey_invitations, survey_answers)",
};
