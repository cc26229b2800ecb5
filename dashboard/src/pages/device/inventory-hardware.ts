import { html } from 'lit';
import { isSet } from '../../format/event-summary.js';
import { formatJst } from '../../format/jst.js';
import { formatBytes, formatCount } from '../../format/numbers.js';
import { defineMessages } from '../../i18n/i18n.js';
import type { Hardware } from './device-api.js';

const t = defineMessages(
  {
    none: 'ハードウェア情報はまだ届いていません。',
    collectedAt: '収集日時',
    hostname: 'ホスト名',
    domain: 'ドメイン',
    os: 'OS',
    build: 'ビルド',
    architecture: 'アーキテクチャ',
    maker: 'メーカー / モデル',
    serial: 'シリアル番号',
    bios: 'BIOS',
    cpu: 'CPU',
    cores: '{n} コア',
    memory: 'メモリ',
    disk: 'ディスク',
    diskValue: '{free} 空き / {total}（{percent}% 空き）',
    ip: 'IP アドレス',
    mac: 'MAC アドレス',
  },
  {
    none: 'No hardware snapshot has arrived yet.',
    collectedAt: 'Collected at',
    hostname: 'Host name',
    domain: 'Domain',
    os: 'OS',
    build: 'Build',
    architecture: 'Architecture',
    maker: 'Manufacturer / model',
    serial: 'Serial number',
    bios: 'BIOS',
    cpu: 'CPU',
    cores: '{n} cores',
    memory: 'Memory',
    disk: 'Disk',
    diskValue: '{free} free of {total} ({percent}% free)',
    ip: 'IP addresses',
    mac: 'MAC addresses',
  },
);

function text(value: unknown): string {
  return isSet(value) ? String(value) : '—';
}

function diskText(hardware: Hardware): string {
  const total = Number(hardware.disk_total_bytes);
  const free = Number(hardware.disk_free_bytes);
  if (!(total > 0)) return '—';
  return t('diskValue', {
    free: formatBytes(free),
    total: formatBytes(total),
    percent: formatCount(Math.round((free / total) * 1000) / 10),
  });
}

/** The latest hardware snapshot as a two-column table. */
export function renderHardware(hardware: Hardware | null) {
  if (!hardware) return html`<p class="muted" data-test="hardware-empty">${t('none')}</p>`;
  const rows: [string, string][] = [
    [t('collectedAt'), formatJst(hardware.collected_at)],
    [t('hostname'), text(hardware.hostname)],
    [t('domain'), text(hardware.domain_name)],
    [t('os'), [hardware.os_name, hardware.os_version].filter(isSet).join(' ') || '—'],
    [t('build'), text(hardware.os_build)],
    [t('architecture'), text(hardware.os_architecture)],
    [t('maker'), [hardware.manufacturer, hardware.model].filter(isSet).join(' / ') || '—'],
    [t('serial'), text(hardware.serial_number)],
    [t('bios'), text(hardware.bios_version)],
    [
      t('cpu'),
      [text(hardware.cpu_model), isSet(hardware.cpu_cores) ? t('cores', { n: String(hardware.cpu_cores) }) : '']
        .filter(Boolean)
        .join(' · '),
    ],
    [t('memory'), isSet(hardware.memory_bytes) ? formatBytes(hardware.memory_bytes) : '—'],
    [t('disk'), diskText(hardware)],
    [t('ip'), (hardware.ip_addresses ?? []).join(', ') || '—'],
    [t('mac'), (hardware.mac_addresses ?? []).join(', ') || '—'],
  ];
  return html`<table class="facts" data-test="hardware-table">
    <tbody>
      ${rows.map(
        ([label, value]) =>
          html`<tr>
            <th scope="row">${label}</th>
            <td>${value}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
