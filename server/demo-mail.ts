import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { DemoParticipant } from './demo-participants.js';
import type { RunningYorozu } from './yorozu.js';

/**
 * The demo's mail to the desk, so the desk's e-mail side can be tried at once: with `--demo` the desk's SMTP
 * listener is on (loopback, a free port unless YOROZU_SMTP_LISTEN_PORT says otherwise) and a stand-in for the
 * organisation's MX (`demo-mx.yorozu.localhost`) is the one whose Authentication-Results count. Then three mails
 * arrive over real SMTP: two from demo users' registered addresses (each opens a ticket) and one from a
 * stranger, which is held for an operator (/desk, 保留メール).
 */
export const DEMO_MX = 'demo-mx.yorozu.localhost';

/** The settings `--demo` fills in when the environment leaves them unset. */
export function demoMailEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  return {
    ...(env.YOROZU_SMTP_LISTEN_PORT === undefined ? { YOROZU_SMTP_LISTEN_PORT: '0' } : {}),
    ...(env.YOROZU_MAIL_AUTHSERV_ID === undefined ? { YOROZU_MAIL_AUTHSERV_ID: DEMO_MX } : {}),
  };
}

interface DemoMail {
  from: string;
  subject: string;
  text: string;
  /** The MX's verdict: a registered sender passes DMARC; the stranger's domain has no DMARC record. */
  verdict: 'pass' | 'none';
}

const DEMO_MAILS = (participants: readonly DemoParticipant[]): DemoMail[] => [
  ...(participants[0]
    ? [
        {
          from: `"さくら商事 担当者" <sakura@demo.example.jp>`,
          subject: '複合機のドライバー更新について',
          text: '総務の PC で複合機のドライバー更新を求める画面が出ました。\nこのまま更新して問題ないでしょうか。',
          verdict: 'pass' as const,
        },
      ]
    : []),
  ...(participants[2]
    ? [
        {
          from: `"あおば会 事務" <aoba@demo.example.jp>`,
          subject: 'ウイルス対策ソフトの警告が消えません',
          text: '受付の PC で「定義ファイルが古い」という警告が毎朝出ます。\n対処方法を教えてください。',
          verdict: 'pass' as const,
        },
      ]
    : []),
  {
    from: `"山田 太郎" <yamada@unknown-sender.example.com>`,
    subject: '【ご案内】情報セキュリティセミナーのお知らせ',
    text: 'ご担当者様\n来月開催の情報セキュリティセミナーのご案内です。\n（差出人が参加者に登録されていないため、保留メールになります）',
    verdict: 'none',
  },
];

/** Sends the demo's mails to the desk's listener over SMTP; returns how many were accepted. */
export async function sendDemoMail(
  yorozu: RunningYorozu,
  participants: readonly DemoParticipant[],
  logger: Logger,
): Promise<number> {
  const port = yorozu.desk.smtpPort;
  if (port === undefined) {
    logger.info('demo: the desk SMTP listener is off; no demo mail sent');
    return 0;
  }
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  let sent = 0;
  try {
    for (const mail of DEMO_MAILS(participants)) {
      const domain = /@([^>\s]+)>?\s*$/.exec(mail.from)?.[1] ?? '';
      await transport.sendMail({
        from: mail.from,
        to: 'desk@yorozu.localhost',
        subject: mail.subject,
        text: mail.text,
        headers: {
          'Authentication-Results': `${yorozu.desk.authservId ?? DEMO_MX}; spf=${mail.verdict === 'pass' ? 'pass' : 'none'} smtp.mailfrom=${domain}; dmarc=${mail.verdict} header.from=${domain}`,
        },
      });
      sent += 1;
    }
  } finally {
    transport.close();
  }
  logger.info({ port, sent }, `demo: ${sent} mails sent to the desk over SMTP (127.0.0.1:${port})`);
  return sent;
}
