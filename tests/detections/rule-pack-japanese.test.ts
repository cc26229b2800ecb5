import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRulePack } from '../../detections/rule-pack.js';
import {
  parseSigmaJapanese,
  ruleDescriptions,
  ruleTitles,
  sigmaJapanese,
  SIGMAHQ_JAPANESE_PATH,
} from '../../detections/rule-titles.js';

/**
 * The bundled SigmaHQ rules in Japanese (detections/rule-pack/sigmahq-ja.yml): a rule added to the pack without
 * its Japanese title and description fails here, and so does a translation left behind by a removed rule. The
 * rules' own files stay as SigmaHQ wrote them; their English is what the English UI shows.
 */
const sigmahq = loadRulePack().filter((pack) => pack.origin === 'sigmahq');
const japanese = sigmaJapanese();

describe('the Japanese of the bundled SigmaHQ rules', () => {
  it('has a Japanese title and description for every SigmaHQ rule of the pack, and for no other rule', () => {
    expect(sigmahq.length).toBeGreaterThanOrEqual(10);
    const missing = sigmahq
      .filter((pack) => !japanese.has(pack.rule.id))
      .map((pack) => `${pack.file} (${pack.rule.id})`);
    expect(missing, `add these rules to ${SIGMAHQ_JAPANESE_PATH}`).toEqual([]);
    expect([...japanese.keys()].sort()).toEqual(sigmahq.map((pack) => pack.rule.id).sort());
  });

  it('gives each rule a title of its own, not SigmaHQ English copied', () => {
    const titles = new Set<string>();
    for (const pack of sigmahq) {
      const entry = japanese.get(pack.rule.id)!;
      expect(entry.title, pack.file).not.toBe(pack.rule.title);
      expect(titles.has(entry.title), `${pack.file}: ${entry.title} is another rule's title`).toBe(false);
      titles.add(entry.title);
    }
  });

  it("keeps SigmaHQ's English for the English reader and gives the Japanese to the Japanese one", () => {
    const mimikatz = sigmahq.find((pack) => pack.file.endsWith('proc_creation_win_hktl_mimikatz_command_line.yml'))!;
    expect(ruleTitles(mimikatz.rule.id, mimikatz.rule.title)).toEqual({
      title: 'ハッキングツール Mimikatz の実行',
      titleEn: 'HackTool - Mimikatz Execution',
    });
    expect(ruleDescriptions(mimikatz.rule.id, mimikatz.rule.description)).toEqual({
      description: 'よく知られた Mimikatz のコマンドライン引数を含むプロセスの実行を検知します。',
      descriptionEn: 'Detection well-known mimikatz command line arguments',
    });
  });

  it("leaves the desk's own rules as they are: the title's halves, no English description in Japanese", () => {
    const desk = loadRulePack().find((pack) => pack.rule.id === 'yorozu-known-bad-domain')!;
    expect(ruleTitles(desk.rule.id, desk.rule.title)).toEqual({
      title: '既知の不審ドメインへのアクセス / Access to a known-bad domain',
      titleEn: 'Access to a known-bad domain',
    });
    expect(ruleDescriptions(desk.rule.id, desk.rule.description).description).toBe('');
    expect(ruleDescriptions('op-rule', '社内ルール: 夜間の印刷').description).toBe('社内ルール: 夜間の印刷');
  });
});

describe('the translations file', () => {
  const text = readFileSync(SIGMAHQ_JAPANESE_PATH, 'utf8');

  it('is refused with the rule and the part named when an entry is incomplete or not Japanese', () => {
    expect(() => parseSigmaJapanese(`${text}\nabc:\n  title: テスト\n`, 'x.yml')).toThrow(
      'x.yml: abc.description Invalid input: expected string, received undefined',
    );
    expect(() => parseSigmaJapanese('abc:\n  title: Mimikatz\n  description: 検知します。\n', 'x.yml')).toThrow(
      'x.yml: abc.title is not Japanese',
    );
    expect(() => parseSigmaJapanese('abc:\n  title: 甲 / 乙\n  description: 検知します。\n', 'x.yml')).toThrow(
      'x.yml: abc.title contains " / "',
    );
  });
});
