import { describe, expect, it } from 'vitest';
import { authenticationRefusal, mailAuthentication } from '../../desk/rules/mail-authentication.js';

/** The desk trusts a From address as far as the organisation's MX vouches for it (RFC 8601). */
describe('what the MX said of the sender', () => {
  const passed = 'mx.example.jp; spf=pass smtp.mailfrom=example.jp; dkim=pass header.d=example.jp; dmarc=pass (p=REJECT) header.from=example.jp';
  const failed = 'mx.example.jp; spf=fail smtp.mailfrom=bad.example; dkim=none; dmarc=fail header.from=example.jp';

  it('reads the verdicts of the topmost header, the one the MX added last', () => {
    expect(mailAuthentication([passed, failed])).toEqual({ dmarc: 'pass', spf: 'pass', dkim: 'pass', summary: 'dmarc=pass spf=pass dkim=pass' });
    expect(mailAuthentication([failed, passed]).dmarc).toBe('fail');
  });

  it('with the MX named, ignores headers a sender wrote itself under another name', () => {
    const forged = 'mx.attacker.example; dmarc=pass header.from=example.jp';
    expect(mailAuthentication([forged, failed], 'mx.example.jp')).toMatchObject({ dmarc: 'fail' });
    expect(mailAuthentication([forged], 'MX.example.jp')).toEqual({ summary: '' });
  });

  it('says nothing when there is no header, and keeps the first result of a method', () => {
    expect(mailAuthentication([])).toEqual({ summary: '' });
    expect(mailAuthentication(['mx.example.jp; dkim=fail header.d=a.example; dkim=pass header.d=b.example']).dkim).toBe('fail');
  });

  it('holds only a failed DMARC check: a soft SPF failure alone is not a refusal', () => {
    expect(authenticationRefusal(mailAuthentication([failed]))).toBe('authentication_failed: dmarc=fail spf=fail dkim=none');
    expect(authenticationRefusal(mailAuthentication(['mx.example.jp; spf=softfail; dmarc=pass']))).toBeNull();
    expect(authenticationRefusal(mailAuthentication([]))).toBeNull();
  });
});
