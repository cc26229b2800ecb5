import { describe, expect, it } from 'vitest';
import {
  authenticationRefusal,
  comparableAddress,
  mailAuthentication,
  unverifiedSender,
} from '../../desk/rules/mail-authentication.js';

/** The desk trusts a From address as far as the organisation's MX vouches for it (RFC 8601). */
describe('what the MX said of the sender', () => {
  const MX = 'mx.example.jp';
  const passed =
    'mx.example.jp; spf=pass smtp.mailfrom=example.jp; dkim=pass header.d=example.jp; dmarc=pass (p=REJECT) header.from=example.jp';
  const failed = 'mx.example.jp; spf=fail smtp.mailfrom=bad.example; dkim=none; dmarc=fail header.from=example.jp';

  it('reads the verdicts of the topmost header of the MX, the one it added last', () => {
    expect(mailAuthentication([passed, failed], MX)).toEqual({
      dmarc: 'pass',
      spf: 'pass',
      dkim: 'pass',
      dmarcDomain: 'example.jp',
      summary: 'dmarc=pass spf=pass dkim=pass',
    });
    expect(mailAuthentication([failed, passed], MX).dmarc).toBe('fail');
  });

  it('ignores headers a sender wrote itself under another name, whatever their case', () => {
    const forged = 'mx.attacker.example; dmarc=pass header.from=example.jp';
    expect(mailAuthentication([forged, failed], MX)).toMatchObject({ dmarc: 'fail' });
    expect(mailAuthentication([forged], 'MX.example.jp')).toEqual({ summary: '' });
  });

  it('counts no header at all when no MX is configured (issue 15, finding 2)', () => {
    expect(mailAuthentication([passed], undefined)).toEqual({ summary: '' });
  });

  it('says nothing when there is no header, and keeps the first result of a method', () => {
    expect(mailAuthentication([], MX)).toEqual({ summary: '' });
    expect(
      mailAuthentication(['mx.example.jp; dkim=fail header.d=a.example; dkim=pass header.d=b.example'], MX).dkim,
    ).toBe('fail');
  });

  it('refuses outright only a failed DMARC check', () => {
    expect(authenticationRefusal(mailAuthentication([failed], MX))).toBe(
      'authentication_failed: dmarc=fail spf=fail dkim=none',
    );
    expect(authenticationRefusal(mailAuthentication(['mx.example.jp; spf=softfail; dmarc=pass'], MX))).toBeNull();
    expect(authenticationRefusal(mailAuthentication([], MX))).toBeNull();
  });

  it('takes a registered address as its participant only on a DMARC pass from the MX, for the From domain', () => {
    const from = 'sakura@example.jp';
    expect(unverifiedSender(mailAuthentication([passed], MX), MX, from)).toBeNull();
    expect(unverifiedSender(mailAuthentication([passed], undefined), undefined, from)).toMatch(
      /^unverified_sender: no MX is configured/,
    );
    expect(unverifiedSender(mailAuthentication([], MX), MX, from)).toBe(
      'unverified_sender: no verdict from mx.example.jp',
    );
    expect(
      unverifiedSender(
        mailAuthentication(['mx.example.jp; spf=pass; dmarc=none header.from=example.jp'], MX),
        MX,
        from,
      ),
    ).toBe('unverified_sender: dmarc=none spf=pass');
    expect(
      unverifiedSender(mailAuthentication(['mx.attacker.example; dmarc=pass header.from=example.jp'], MX), MX, from),
    ).toBe('unverified_sender: no verdict from mx.example.jp');
    expect(
      unverifiedSender(mailAuthentication(['mx.example.jp; dmarc=pass header.from=attacker.example'], MX), MX, from),
    ).toBe('unverified_sender: dmarc=pass for attacker.example, not example.jp');
    expect(
      unverifiedSender(
        mailAuthentication(['mx.example.jp; dmarc=pass header.from=EXAMPLE.JP'], MX),
        MX,
        'Sakura@Example.JP',
      ),
    ).toBeNull();
  });

  it('compares the domain without case, the local part as configured', () => {
    expect(comparableAddress(' Sakura@Demo.Example.JP ', 'insensitive')).toBe('sakura@demo.example.jp');
    expect(comparableAddress('Sakura@Demo.Example.JP', 'sensitive')).toBe('Sakura@demo.example.jp');
    expect(comparableAddress('"a@b"@Example.JP', 'sensitive')).toBe('"a@b"@example.jp');
  });
});
