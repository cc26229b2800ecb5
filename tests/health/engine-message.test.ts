import { describe, expect, it } from 'vitest';
import { engineMessage } from '../../scoped-query/engine-message.js';

describe("a policy's engine error shown to the operator", () => {
  it('keeps the reason and drops the expanded query and the run prefix', () => {
    const error = new Error(
      "Code: 47. DB::Exception: Unknown expression identifier `no_such_column` in scope SELECT no_such_column FROM scope_0123456789abcdef_p_devices. While processing WITH scope_0123456789abcdef_p_devices AS (SELECT device_id FROM devices_current WHERE participant_id = '…') SELECT … (UNKNOWN_IDENTIFIER) (version 25.8.1.1)",
    );
    const shown = engineMessage(error);
    expect(shown).toContain('Unknown expression identifier `no_such_column`');
    expect(shown).not.toMatch(/While processing|devices_current|scope_[0-9a-f]{16}_|participant_id/);
  });

  it('leaves a short message as it is', () => {
    expect(engineMessage(new Error('Syntax error: failed at position 8'))).toBe('Syntax error: failed at position 8');
  });
});
