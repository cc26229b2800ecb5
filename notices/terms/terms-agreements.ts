import type { ClickHouseClient } from '@clickhouse/client';
import { ApiError } from '../../api/errors.js';
import { toClickHouseTime } from '../../common/clickhouse-time.js';
import { jstDateOf } from '../../common/jst-time.js';
import { selectRows } from '../../sql/select-rows.js';
import { agreementStanding, type AgreementStanding } from '../rules/terms-agreement.js';
import type { TermsDocuments, TermsVersion } from './terms-documents.js';

/**
 * Who agreed to which terms version and when (art. 2, 3). An application's agreement is on the
 * participant's row (the participants' register tells it); every later agreement, given by one of
 * the participant's users when the portal asks at sign-in, is a row of `terms_agreements`.
 */
export interface TermsAgreement {
  version: string;
  /** 'application': agreed with the application form; 'sign_in': agreed by a user in the portal. */
  via: 'application' | 'sign_in';
  login_name: string;
  agreed_at: string | null;
}

export interface TermsStanding extends AgreementStanding {
  inForceVersion: TermsVersion;
  comingVersion: TermsVersion | null;
  agreements: TermsAgreement[];
}

interface AgreementRow {
  participant_id: string;
  version: string;
  account_id: string;
  login_name: string;
  agreed_at: string;
}

export class TermsAgreements {
  constructor(
    private readonly client: ClickHouseClient,
    private readonly terms: TermsDocuments,
    /** The version the participant's application agreed to ('' for one registered by an operator). */
    private readonly applicationVersion: (participantId: string) => Promise<string>,
  ) {}

  async standing(participantId: string): Promise<TermsStanding> {
    const [versions, rows, atApplication] = await Promise.all([
      this.terms.versions(),
      selectRows<AgreementRow>(this.client, 'notices/terms-agreements-of', { participantId }),
      this.applicationVersion(participantId),
    ]);
    const agreements: TermsAgreement[] = [
      ...(atApplication
        ? [{ version: atApplication, via: 'application' as const, login_name: '', agreed_at: null }]
        : []),
      ...rows.map((row) => ({
        version: row.version,
        via: 'sign_in' as const,
        login_name: row.login_name,
        agreed_at: row.agreed_at,
      })),
    ];
    const standing = agreementStanding(versions, jstDateOf(new Date()), new Set(agreements.map((a) => a.version)));
    const byVersion = (version: string | null) => versions.find((v) => v.version === version) ?? null;
    return {
      ...standing,
      inForceVersion: byVersion(standing.inForce)!,
      comingVersion: byVersion(standing.comingToAgree),
      agreements,
    };
  }

  /** A user agrees, for its participant, to the version in force or a published coming one. */
  async agree(
    participantId: string,
    version: string,
    by: { accountId: string; loginName: string },
  ): Promise<TermsStanding> {
    const today = jstDateOf(new Date());
    const versions = await this.terms.versions();
    const inForce = await this.terms.inForce(today);
    const agreeable = versions.filter((v) => v.version === inForce.version || v.effective_on > today);
    if (!agreeable.some((v) => v.version === version))
      throw new ApiError(
        409,
        'terms_outdated',
        `Terms version ${version} cannot be agreed to now: the version in force is ${inForce.version}${
          agreeable.length > 1
            ? ` (coming: ${agreeable
                .filter((v) => v.version !== inForce.version)
                .map((v) => v.version)
                .join(', ')})`
            : ''
        }. Read it and agree again.`,
      );
    await this.client.insert({
      table: 'terms_agreements',
      values: [
        {
          participant_id: participantId,
          version,
          account_id: by.accountId,
          login_name: by.loginName,
          agreed_at: toClickHouseTime(Date.now()),
        },
      ],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: 'notices:terms-agreement' },
    });
    return this.standing(participantId);
  }
}
