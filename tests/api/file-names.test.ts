import { describe, expect, it } from 'vitest';
import { downloadName } from '../../api/file-download.js';
import { withoutControls, withVisibleControls } from '../../dashboard/src/format/visible-controls.js';

/** Issue 15, finding 9: a right-to-left override must not disguise an attachment's name. */
describe('attachment names with bidirectional controls', () => {
  const disguised = '請求書\u202Efdp.exe';

  it('the dashboard shows the controls visibly, and saves without them', () => {
    expect(withVisibleControls(disguised)).toBe('請求書⟨U+202E⟩fdp.exe');
    expect(withVisibleControls('a\u2066b\u2069c\u200Fd')).toBe('a⟨U+2066⟩b⟨U+2069⟩c⟨U+200F⟩d');
    expect(withoutControls(disguised)).toBe('請求書fdp.exe');
    expect(withVisibleControls('報告書.pdf')).toBe('報告書.pdf');
  });

  it('a download is named without them', () => {
    expect(downloadName(disguised)).toBe('請求書fdp.exe');
    expect(downloadName('\u202E\r\n')).toBe('download');
  });
});
