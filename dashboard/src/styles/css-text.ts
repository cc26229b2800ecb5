import { nothing } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * An element's own style, set through the CSSOM (`element.style.cssText`) instead of a `style`
 * attribute: the Content-Security-Policy (server/security-headers.ts) allows no inline style
 * attributes, and the CSSOM is not inline markup. Use as `<p ${cssText('margin: 0')}>`.
 */
class CssTextDirective extends Directive {
  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) throw new Error('cssText() goes in an element position: <p ${cssText(…)}>');
  }

  render(_text: string): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [text]: [string]): typeof nothing {
    const element = part.element as HTMLElement;
    if (element.style.cssText !== text) element.style.cssText = text;
    return nothing;
  }
}

export const cssText = directive(CssTextDirective);
