/**
 * Names that came from outside (attachment file names) shown with their bidirectional controls made
 * visible: "請求書\u202Efdp.exe" would otherwise display as "請求書exe.pdf" (issue 15, finding 9).
 * Pure, so the server and the tests use the same list.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Each control as a visible "⟨U+202E⟩": what the person sees is what the name holds. */
export function withVisibleControls(text: string): string {
  return text.replace(
    BIDI_CONTROLS,
    (control) => `⟨U+${control.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`,
  );
}

/** The name without its controls, for a file saved to disk (a download's name). */
export function withoutControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
