import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTransport } from 'nodemailer';
import { enroll } from '../../agent/protocol-client.js';
import { eventsOfEveryCategory } from './every-category.js';
import { participantUserClient, type ApiClient } from '../../harness/api-client.js';
import { earliestPlannedStart } from '../../participants/rules/suspension-lead-time.js';

/**
 * A participant with data in every kind of table, made the way it happens in use, over HTTP only
 * (so it works against an in-process Yorozu and a child process alike): agents' events of the eight
 * categories, inventory, health results, a diagnostics bundle, a refused event and a Collector's log record; its users,
 * sessions and sign-ins; an operator's recorded look at its data; a ticket with a file, evidence and
 * a diagnostics request, the desk's mailed answer; the health evaluation; a succession (with its
 * document) into it; a service suspension; mail from its address (when the desk listens); and a file
 * under its folder on disk.
 */
export interface SeededParticipant {
  participantId: string;
  deviceId: string;
  user: ApiClient;
  contactEmail: string;
}

export async function participantWithData(
  url: string,
  operator: ApiClient,
  options: { name: string; code: string; dataDir: string; smtpPort?: number },
): Promise<SeededParticipant> {
  const { code } = options;
  const contactEmail = `contact-${code}@example.jp`;
  const created = await must(
    operator.call<{ participantId: string }>('POST', '/api/v1/admin/participants', {
      organisation: options.name,
      contactEmail,
    }),
    201,
  );
  const participantId = created.participantId;
  const { secret } = await must(
    operator.call<{ secret: string }>('POST', `/api/v1/admin/participants/${participantId}/enrollment-secrets`, {
      label: code,
    }),
    201,
  );
  const device = await enroll(url, secret, `${code.toUpperCase()}-PC-01`);
  const batch = (body: Record<string, unknown>) =>
    fetch(new URL('/v1/batches', url), {
      method: 'POST',
      headers: { authorization: `Bearer ${device.credential}`, 'content-type': 'application/json' },
      body: JSON.stringify({ v: 1, batchId: randomUUID(), ...body }),
    }).then(async (r) => {
      if (r.status !== 200) throw new Error(`batch refused: ${r.status} ${await r.text()}`);
      return r.json() as Promise<{ accepted: number }>;
    });
  const base = Date.now() - 3 * 3_600_000;
  await batch({
    type: 'events',
    events: [...eventsOfEveryCategory(1, base), { seq: 99, time: 'not a time', category: 'boot', action: 'boot' }],
  });
  await batch({
    type: 'inventory',
    snapshot: {
      collectedAt: new Date(base).toISOString(),
      hardware: {
        hostname: `${code}-pc-01`,
        domain: 'CORP',
        os: { name: 'Windows 11 Pro', version: '23H2', build: '22631.4460', architecture: 'x64' },
        manufacturer: 'Dell Inc.',
        model: 'Latitude 5440',
        serialNumber: `SN-${code}`,
        cpuModel: 'Intel Core i5',
        cpuCores: 10,
        memoryBytes: 17179869184,
        diskTotalBytes: 512110190592,
        diskFreeBytes: 201110190592,
        ipAddresses: ['192.0.2.15'],
        macAddresses: ['00-1A-2B-3C-4D-5E'],
      },
      software: [{ name: '一太郎2024', version: '34.0.1', publisher: 'JUSTSYSTEMS', source: 'exe' }],
      osUpdates: [
        {
          id: 'KB5032190',
          title: '累積更新プログラム',
          kind: 'security',
          status: 'installed',
          installedAt: new Date(base).toISOString(),
        },
      ],
    },
  });
  await batch({
    type: 'health',
    results: [
      { checkId: 'antivirus.running', time: new Date(base).toISOString(), status: 'pass', value: 'Microsoft Defender' },
    ],
  });
  // A log record from an OpenTelemetry Collector that is not a Windows event: kept as it came (windows_events_kept).
  const otlp = await fetch(new URL('/v1/logs', url), {
    method: 'POST',
    headers: { authorization: `Bearer ${device.credential}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      resourceLogs: [
        {
          scopeLogs: [
            {
              logRecords: [
                {
                  timeUnixNano: String(BigInt(base) * 1_000_000n),
                  body: { stringValue: `${code}: collector started` },
                },
              ],
            },
          ],
        },
      ],
    }),
  });
  if (otlp.status !== 200) throw new Error(`OTLP refused: ${otlp.status} ${await otlp.text()}`);

  const user = await participantUserClient(url, operator, participantId, `user-${code}`);
  await must(operator.call('GET', `/api/v1/participants/${participantId}/devices`), 200);
  await must(operator.call('POST', `/api/v1/participants/${participantId}/health/evaluate`), 200);

  const files = new FormData();
  files.append('subject', 'USB の警告について');
  files.append('category', 'security_question');
  files.append('body', '警告の画面を添付します。');
  files.append(
    'files',
    new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])], { type: 'image/png' }),
    '警告画面.png',
  );
  const ticket = await must(
    user.upload<{ ticketId: string }>('POST', `/api/v1/participants/${participantId}/tickets`, files),
    201,
  );
  const admin = `/api/v1/admin/participants/${participantId}/tickets/${ticket.ticketId}`;
  const evidence = await must(
    operator.call<{ evidenceId: string }>('POST', `${admin}/evidence`, {
      query: '',
      deviceId: device.deviceId,
      from: new Date(base - 3_600_000).toISOString(),
      to: new Date().toISOString(),
    }),
    201,
  );
  const reply = new FormData();
  reply.append('body', '次のログを確認しました。');
  reply.append('evidenceIds', evidence.evidenceId);
  await must(operator.upload('POST', `${admin}/replies`, reply), 201);
  await must(
    operator.call('POST', `${admin}/diagnostics`, { via: 'form', instructions: 'エラーを貼り付けてください' }),
    201,
  );
  // Diagnostics are taken only in answer to a request (PROTOCOL.md): the desk asks the agent, the agent answers.
  const asked = await must(
    operator.call<{ diagnostics: { requestId: string; via: string }[] }>('POST', `${admin}/diagnostics`, {
      via: 'agent',
      deviceId: device.deviceId,
      include: ['agent_log'],
    }),
    201,
  );
  const agentRequest = asked.diagnostics.find((request) => request.via === 'agent')!;
  await batch({ type: 'diagnostics', requestId: agentRequest.requestId, content: { agent_log: ['送信キュー: 0 件'] } });

  await must(
    operator.call('POST', '/api/v1/admin/service-suspensions', {
      participantId,
      reasonCode: 'maintenance',
      note: 'test',
      // Art. 8 (2): a planned suspension starts after the lead time in business days (default 3).
      startsAt: new Date(earliestPlannedStart(new Date(), 3).getTime() + 3_600_000).toISOString(),
      endsAt: new Date(earliestPlannedStart(new Date(), 3).getTime() + 7_200_000).toISOString(),
    }),
    201,
  );
  const predecessor = await must(
    operator.call<{ participantId: string }>('POST', '/api/v1/admin/participants', {
      organisation: `${options.name}（旧）`,
    }),
    201,
  );
  const succession = new FormData();
  succession.append('kind', 'merger');
  succession.append('effectiveOn', new Date().toISOString().slice(0, 10));
  succession.append('successorId', participantId);
  succession.append(
    'documents',
    new Blob([new TextEncoder().encode('合併契約書')], { type: 'application/pdf' }),
    '合併契約書.pdf',
  );
  await must(
    operator.upload('POST', `/api/v1/admin/participants/${predecessor.participantId}/succession`, succession),
    201,
  );

  if (options.smtpPort) {
    const transport = createTransport({ host: '127.0.0.1', port: options.smtpPort, secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({
        from: `user-${code}@example.jp`,
        to: 'desk@yorozu.localhost',
        subject: 'メールでの質問',
        text: 'ログの見方を教えてください。',
        messageId: `<q.${code}.${randomUUID()}@example.jp>`,
      });
    } finally {
      transport.close();
    }
  }
  // A survey it was invited to and answered (survey_invitations, survey_answers: art. 23 (2)).
  const survey = await must(
    operator.call<{ surveyId: string }>('POST', '/api/v1/admin/surveys', {
      kind: 'survey',
      titleJa: 'ご利用状況のアンケート',
      questions: [{ type: 'text', textJa: 'ご意見' }],
      deadline: new Date(Date.now() + 86_400_000).toISOString(),
      participantIds: [participantId],
    }),
    201,
  );
  await must(
    user.call('POST', `/api/v1/participants/${participantId}/surveys/${survey.surveyId}/answer`, {
      response: 'answered',
      answers: { q1: '役に立っています' },
    }),
    200,
  );
  await detectionsAndUninstall(url, operator, participantId, secret, code);
  const folder = path.join(options.dataDir, 'participant-files', participantId);
  mkdirSync(path.join(folder, 'bundles'), { recursive: true });
  writeFileSync(path.join(folder, 'bundles', 'diagnostics.zip'), Buffer.from('PK test bundle'));
  return { participantId, deviceId: device.deviceId, user, contactEmail };
}

async function must<T>(reply: Promise<{ status: number; body: T }>, status: number): Promise<T> {
  const { status: got, body } = await reply;
  if (got !== status) throw new Error(`expected ${status}, got ${got}: ${JSON.stringify(body)}`);
  return body;
}

/**
 * The detection side (its own approved USB serial, a finding of the known-bad-domain rule on the web access of
 * eventsOfEveryCategory, its triage, a rule silenced for it, a saved search of its explorer) and a second PC told to uninstall, whose agent reports it did.
 */
async function detectionsAndUninstall(
  url: string,
  operator: ApiClient,
  participantId: string,
  secret: string,
  code: string,
): Promise<void> {
  await must(
    operator.call('PUT', '/api/v1/admin/lists/approved_usb_serials', {
      participantId,
      add: [{ value: `SERIAL-${code.toUpperCase()}-0001`, note: 'test' }],
    }),
    200,
  );
  await must(operator.call('PUT', '/api/v1/admin/lists/ioc_domains', { add: [{ value: 'example.co.jp' }] }), 200);
  const run = await must(
    operator.call<{ findings: number }>('POST', `/api/v1/admin/participants/${participantId}/detections/run`, {}),
    200,
  );
  if (run.findings === 0) throw new Error('the known-bad-domain rule found nothing to seed a finding with');
  const queue = await must(
    operator.call<{ items: { kind: string; itemId: string }[] }>(
      'GET',
      `/api/v1/admin/attention?participant=${participantId}`,
    ),
    200,
  );
  const finding = queue.items.find((item) => item.kind === 'finding');
  if (!finding) throw new Error('no finding in the attention queue to triage');
  await must(
    operator.call('POST', `/api/v1/admin/participants/${participantId}/attention/triage`, {
      itemId: finding.itemId,
      state: 'acknowledged',
    }),
    200,
  );
  // The desk's own records about it: a rule silenced for it, a saved search of its explorer.
  const rules = await must(
    operator.call<{ rules: { rule_id: string }[] }>('GET', '/api/v1/admin/detection-rules'),
    200,
  );
  await must(
    operator.call('POST', `/api/v1/admin/participants/${participantId}/detection-exceptions`, {
      ruleId: rules.rules[0]!.rule_id,
      reason: '検証用端末のため',
    }),
    200,
  );
  await must(
    operator.call('POST', '/api/v1/admin/saved-searches', {
      name: `夜間の USB コピー ${code}`,
      path: `/participants/${participantId}/explorer?q=${encodeURIComponent('category:external_device')}&range=7d`,
    }),
    200,
  );

  const leaving = await enroll(url, secret, `${code.toUpperCase()}-PC-02`);
  await must(
    operator.call('POST', `/api/v1/admin/devices/${leaving.deviceId}/revoke`, { reason: '返却', uninstall: true }),
    200,
  );
  const report = await fetch(new URL('/v1/uninstall-report', url), {
    method: 'POST',
    headers: { authorization: `Bearer ${leaving.credential}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      v: 1,
      type: 'uninstall_report',
      status: 'done',
      removed: ['credential', 'buffer', 'state', 'service', 'program'],
      heardBy: 'http',
      detail: '',
    }),
  });
  if (report.status !== 204) throw new Error(`uninstall report refused: ${report.status} ${await report.text()}`);
}
