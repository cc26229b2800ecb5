import { formatJst } from '../../common/jst-time.js';
import { DATA_KIND_LABELS, type DataKind } from '../participant-tables.js';

/**
 * The deletion certificate (削除証明書) as data: its JSON in one canonical form (keys sorted, no
 * whitespace), so that the SHA-256 printed on it and sent with it can be recomputed by anyone from
 * the JSON file alone (`sha256sum deletion-certificate.json`). No I/O here.
 */
export interface CertificateTable {
  table: string;
  kind: DataKind | 'unclassified';
  rowsBefore: number;
  rowsAfter: number;
}

export interface CertificateInput {
  certificateId: string;
  runId: string;
  participantId: string;
  organisation: string;
  registeredEmail: string;
  deadline: string;
  deadlineBasis: string;
  agreedWith: string;
  agreedAt: string | null;
  startedAt: Date;
  finishedAt: Date;
  tables: CertificateTable[];
  filesBefore: number;
  filesAfter: number;
}

export const KEPT_AFTER_DELETION = [
  {
    ja: 'この削除証明書（JSON・PDF）と、その送付メール',
    en: 'this certificate (JSON and PDF) and the mail that sent it',
  },
  {
    ja: '削除の記録（手順ごとの日時と、テーブルごとの削除前後の件数）',
    en: "the record of the deletion (each step's time, and the row counts per table before and after)",
  },
  {
    ja: '他の参加者の閲覧記録・データ、及び参加者を特定できない集計値',
    en: "other participants' records and data, and aggregates that identify no participant",
  },
] as const;

export function certificateDocument(input: CertificateInput): Record<string, unknown> {
  const kinds = [...new Set(input.tables.map((t) => t.kind))];
  return {
    type: 'yorozu-deletion-certificate',
    version: 1,
    title: '削除証明書',
    certificateId: input.certificateId,
    runId: input.runId,
    basis: '利用規約 第16条（サービス終了後のデータ削除） / Terms art. 16',
    participant: {
      participantId: input.participantId,
      organisation: input.organisation,
      registeredEmail: input.registeredEmail,
    },
    deadline: {
      date: input.deadline,
      basis: input.deadlineBasis || 'default',
      agreedWith: input.agreedWith,
      agreedAt: input.agreedAt ? utcIso(input.agreedAt) : null,
      agreedAtJst: input.agreedAt ? jstText(new Date(utcIso(input.agreedAt))) : null,
    },
    deletion: {
      startedAt: input.startedAt.toISOString(),
      finishedAt: input.finishedAt.toISOString(),
      startedAtJst: jstText(input.startedAt),
      finishedAtJst: jstText(input.finishedAt),
    },
    dataKinds: kinds.map((kind) => ({
      kind,
      label: DATA_KIND_LABELS[kind].ja,
      tables: input.tables
        .filter((t) => t.kind === kind)
        .map(({ table, rowsBefore, rowsAfter }) => ({ table, rowsBefore, rowsAfter })),
    })),
    files: { before: input.filesBefore, after: input.filesAfter },
    verification: {
      result: verificationPassed(input) ? 'passed' : 'failed',
      method:
        "count() of the participant's rows in every table (FINAL where the engine collapses rows), after the synchronous mutations, and the files on disk",
    },
    kept: KEPT_AFTER_DELETION.map((k) => k.ja),
  };
}

export function verificationPassed(input: Pick<CertificateInput, 'tables' | 'filesAfter'>): boolean {
  return input.filesAfter === 0 && input.tables.every((t) => t.rowsAfter === 0);
}

/** Keys sorted at every depth, no whitespace: the bytes the hash covers. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The engine's UTC text ("2026-12-05 07:10:00.000", no marker) or ISO → ISO 8601 in UTC. */
function utcIso(text: string): string {
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`).toISOString();
}

/** "2026-12-05 09:30 JST" (the certificate is read in Japan; the ISO times beside it are exact). */
export function jstText(at: Date): string {
  return `${formatJst(at)} JST`;
}
