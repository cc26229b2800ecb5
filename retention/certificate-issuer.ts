import type { Logger } from 'pino';
import { nameBasedUuid } from '../ingest/credentials.js';
import { fromClickHouseTime } from '../common/clickhouse-time.js';
import type { PlannedTable } from './deletion-plan.js';
import type { DeletionStore, RunStepRow } from './deletion-store.js';
import { certificateHtml, certificateMailText } from './rules/certificate-texts.js';
import { sha256Hex } from '../common/hashes.js';
import { canonicalJson, certificateDocument } from './rules/certificate.js';

/**
 * Issues a run's certificate once: the canonical JSON and its SHA-256, the PDF (the same headless
 * Chromium that prints the health report), kept in deletion_certificates and mailed to the
 * participant's registered address through the desk's outbox. Issuing again (a resumed run) finds
 * the stored certificate, and the outbox queues a mail with the same key only once.
 */
export interface CertificateMail {
  key: string;
  participantId: string;
  recipients: string[];
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

export interface CertificateIssuing {
  store: DeletionStore;
  logger: Logger;
  /** HTML → A4 PDF; undefined when no Chromium is installed (the certificate is then JSON only). */
  renderPdf: ((html: string) => Promise<Buffer>) | undefined;
  /** Queues the mail in the outbox; returns its mail id (undefined without a recipient). */
  mailCertificate(mail: CertificateMail): Promise<string | undefined>;
}

export async function issueCertificate(
  deps: CertificateIssuing,
  run: { participantId: string; plan: PlannedTable[]; started: RunStepRow; remaining: Record<string, number> },
): Promise<{ certificateId: string; sha256: string }> {
  const { participantId, started } = run;
  const existing = await deps.store.certificate(participantId, started.run_id);
  if (existing) return { certificateId: existing.certificate_id, sha256: existing.sha256 };

  const certificateId = nameBasedUuid(`yorozu-deletion-certificate:${started.run_id}`);
  const before = started.counts;
  const document = certificateDocument({
    certificateId,
    runId: started.run_id,
    participantId,
    organisation: started.organisation,
    registeredEmail: started.contact_email,
    deadline: started.deadline,
    deadlineBasis: started.deadline_basis,
    agreedWith: started.agreed_with,
    agreedAt: started.agreed_at,
    startedAt: fromClickHouseTime(started.at),
    finishedAt: new Date(),
    tables: run.plan.map((t) => ({
      table: t.table,
      kind: t.kind,
      rowsBefore: Number(before[t.table] ?? 0),
      rowsAfter: run.remaining[t.table] ?? 0,
    })),
    filesBefore: Number(started.files),
    filesAfter: 0,
  });
  const json = canonicalJson(document);
  const sha256 = sha256Hex(json);
  let pdf: Buffer | undefined;
  try {
    pdf = deps.renderPdf ? await deps.renderPdf(certificateHtml(document, sha256)) : undefined;
  } catch (error) {
    // The deletion is done and proven by the JSON; a missing PDF must not undo or block that.
    deps.logger.error({ err: error, participantId }, 'the certificate PDF could not be rendered; issued as JSON only');
  }
  const mail = certificateMailText(document, sha256);
  const mailId = await deps.mailCertificate({
    key: `deletion-certificate:${started.run_id}`,
    participantId,
    recipients: started.contact_email ? [started.contact_email] : [],
    subject: mail.subject,
    text: mail.text,
    attachments: [
      { filename: 'deletion-certificate.json', contentType: 'application/json', content: Buffer.from(json, 'utf8') },
      ...(pdf ? [{ filename: 'deletion-certificate.pdf', contentType: 'application/pdf', content: pdf }] : []),
    ],
  });
  await deps.store.saveCertificate({
    certificate_id: certificateId,
    run_id: started.run_id,
    participant_id: participantId,
    issuedAt: new Date(),
    json,
    sha256,
    pdf: pdf?.toString('base64') ?? '',
    mail_id: mailId ?? null,
  });
  return { certificateId, sha256 };
}
