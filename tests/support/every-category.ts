import type { LogEvent } from '../../agent-protocol/index.js';

/** One event of each of the eight categories, with every field the protocol defines filled in. */
export function eventsOfEveryCategory(firstSeq: number, base = Date.parse('2026-11-20T09:30:00+09:00')): LogEvent[] {
  const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString().replace('Z', '+00:00');
  let seq = firstSeq;
  const common = () => ({ seq: seq++, attributes: { source: 'test', windowsEventId: '4624' } });
  return [
    {
      ...common(),
      time: at(0),
      category: 'boot',
      action: 'boot',
      bootId: 'b-7f3a',
      reason: 'power on',
      uptimeSeconds: 0,
      message: '起動',
    },
    {
      ...common(),
      time: at(1),
      category: 'logon',
      action: 'logon',
      user: 'tanaka.hiroshi',
      logonType: 'remote',
      sourceIp: '192.0.2.10',
      sessionId: '3',
      failureReason: '',
      message: 'ログオン',
    },
    {
      ...common(),
      time: at(2),
      category: 'web_access',
      action: 'download',
      user: 'tanaka.hiroshi',
      url: 'https://www.example.co.jp/資料/見積書.pdf?x=1',
      method: 'GET',
      status: 200,
      browser: 'msedge',
      referrer: 'https://www.example.co.jp/',
      bytes: 123456,
    },
    {
      ...common(),
      time: at(3),
      category: 'software_operation',
      action: 'start',
      user: 'tanaka.hiroshi',
      processName: 'WINWORD.EXE',
      processPath: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE',
      version: '16.0.17928.20148',
      publisher: 'Microsoft Corporation',
      pid: 4242,
      commandLine: '"WINWORD.EXE" /n',
      windowTitle: '議事録_2026-11-20.docx - Word',
    },
    {
      ...common(),
      time: at(4),
      category: 'file_operation',
      action: 'copy',
      user: 'tanaka.hiroshi',
      path: 'C:\\Users\\tanaka.hiroshi\\Documents\\見積書_2026.xlsx',
      targetPath: 'E:\\backup\\見積書_2026.xlsx',
      sizeBytes: 48213,
      driveType: 'removable',
      processName: 'explorer.exe',
    },
    {
      ...common(),
      time: at(5),
      category: 'printer_output',
      user: 'tanaka.hiroshi',
      printerName: 'RICOH IM C3000 (3F)',
      documentName: '請求書_11月.pdf',
      pages: 3,
      copies: 2,
      colorMode: 'color',
      paperSize: 'A4',
      sizeBytes: 220000,
      processName: 'Acrobat.exe',
    },
    {
      ...common(),
      time: at(6),
      category: 'external_device',
      action: 'connect',
      user: 'tanaka.hiroshi',
      deviceClass: 'usb_storage',
      vendorId: '0781',
      productId: '5581',
      serial: '4C530001231120115142',
      deviceName: 'SanDisk Ultra USB 3.0',
      volumeLabel: 'BACKUP',
      capacityBytes: 64023257088,
    },
    {
      ...common(),
      time: at(7),
      category: 'device_control',
      action: 'blocked',
      user: 'tanaka.hiroshi',
      deviceClass: 'smartphone',
      vendorId: '05AC',
      productId: '12A8',
      serial: 'F2LXK1ABCD12',
      deviceName: 'iPhone',
      ruleName: 'スマートフォン接続禁止',
      reason: 'policy: no phones',
    },
  ];
}

/** Plain events for load: mostly web access and file operations, like an office. */
export function simpleEvents(firstSeq: number, count: number, base = Date.now() - 3_600_000): LogEvent[] {
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 0
      ? {
          seq: firstSeq + i,
          time: new Date(base + i).toISOString(),
          category: 'web_access' as const,
          action: 'visit' as const,
          url: `https://intranet.example.jp/page/${i % 50}`,
          user: 'sato.yuki',
        }
      : {
          seq: firstSeq + i,
          time: new Date(base + i).toISOString(),
          category: 'file_operation' as const,
          action: 'write' as const,
          path: `C:\\共有\\議事録\\${i % 20}.docx`,
          driveType: 'fixed' as const,
        },
  );
}
