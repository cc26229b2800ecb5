import { LitElement, html, nothing } from 'lit';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { dryRun, runDeletion, type DeletionPreview, type RunOutcome } from './deletions-api.js';
import { errorText, kindLabel } from './deletions-labels.js';
import { deletionsStyles } from './deletions.styles.js';

const t = defineMessages(
  {
    title: 'データ削除: {organisation}',
    loading: 'ドライランを実行しています…',
    table: 'テーブル',
    kind: '種類',
    rows: '削除する行数',
    files: 'ディスク上のファイル: {n} 件',
    explain:
      'これはドライランです。まだ何も削除していません。内容を確認してから実行してください。削除は取り消せません。',
    run: '削除を実行',
    running: '削除しています…',
    close: '閉じる',
    certified: '削除と検証が完了し、削除証明書を発行しました。SHA-256:',
    already: 'この参加者のデータはすでに削除済みです。',
    failed: '削除後も残っているデータがあります。次回のジョブで自動的に再試行します。',
  },
  {
    title: 'Delete data: {organisation}',
    loading: 'Running the dry run…',
    table: 'Table',
    kind: 'Kind',
    rows: 'Rows to delete',
    files: 'Files on disk: {n}',
    explain: 'This is a dry run: nothing has been deleted yet. Check it, then run. Deletion cannot be undone.',
    run: 'Delete now',
    running: 'Deleting…',
    close: 'Close',
    certified: 'Deleted and verified; the certificate was issued. SHA-256:',
    already: "This participant's data is already deleted.",
    failed: 'Some data is still there after deleting; the job retries it automatically.',
  },
);

/**
 * The dry run of one participant's deletion (tables, row counts, files), then the run itself with the
 * dry run's confirmation. Fires `deletion-changed` (bubbling, composed) after a run.
 * @event deletion-changed
 */
export class DeletionRunDialog extends LitElement {
  static override properties = {
    preview: { state: true },
    outcome: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  static override styles = [sharedStyles, deletionsStyles];
  declare preview: DeletionPreview | null;
  declare outcome: RunOutcome | null;
  declare error: string;
  declare busy: boolean;
  private participantId = '';
  private organisation = '';
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.preview = null;
    this.outcome = null;
    this.error = '';
    this.busy = false;
  }

  async open(participantId: string, organisation: string): Promise<void> {
    Object.assign(this, { participantId, organisation, preview: null, outcome: null, error: '', busy: false });
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
    try {
      this.preview = await dryRun(participantId);
    } catch (error) {
      this.error = errorText(error);
    }
  }

  private async run(): Promise<void> {
    if (!this.preview) return;
    this.busy = true;
    try {
      this.outcome = await runDeletion(this.participantId, this.preview.confirmation);
      this.dispatchEvent(new CustomEvent('deletion-changed', { bubbles: true, composed: true }));
    } catch (error) {
      this.error = errorText(error);
    } finally {
      this.busy = false;
    }
  }

  private renderOutcome(outcome: RunOutcome) {
    if (outcome.outcome === 'certified')
      return html`<p data-test="deletion-outcome" data-outcome="certified">
        ${t('certified')} <code class="hash">${outcome.sha256}</code>
      </p>`;
    if (outcome.outcome === 'already_deleted')
      return html`<p data-test="deletion-outcome" data-outcome="already_deleted">${t('already')}</p>`;
    return html`<p class="error" role="alert" data-test="deletion-outcome" data-outcome="failed">${t('failed')}</p>`;
  }

  override render() {
    void this.locale;
    const preview = this.preview;
    return html`<dialog aria-labelledby="run-title" data-test="deletion-run-dialog">
      <h2 id="run-title">${t('title', { organisation: this.organisation })}</h2>
      ${this.error ? html`<p class="error" role="alert" data-test="deletion-error">${this.error}</p>` : nothing}
      ${!preview && !this.error ? html`<p class="muted">${t('loading')}</p>` : nothing}
      ${
        preview
          ? html`<p>${t('explain')}</p>
              <div class="scroll">
                <table data-test="dry-run-tables">
                  <thead>
                    <tr>
                      <th>${t('kind')}</th>
                      <th>${t('table')}</th>
                      <th class="num">${t('rows')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${preview.tables.map(
                      (row) =>
                        html`<tr>
                          <td>${kindLabel(row.kind as Parameters<typeof kindLabel>[0])}</td>
                          <td><code>${row.table}</code></td>
                          <td class="num">${row.rows.toLocaleString()}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
              <p>${t('files', { n: preview.files })}</p>`
          : nothing
      }
      ${this.outcome ? this.renderOutcome(this.outcome) : nothing}
      <div class="buttons">
        <button type="button" @click=${() => this.renderRoot.querySelector('dialog')?.close()}>${t('close')}</button>
        ${preview && !this.outcome ? html`<button type="button" class="danger" data-test="run-deletion" ?disabled=${this.busy} @click=${() => void this.run()}>${this.busy ? t('running') : t('run')}</button>` : nothing}
      </div>
    </dialog>`;
  }
}
customElements.define('yorozu-deletion-run-dialog', DeletionRunDialog);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-deletion-run-dialog': DeletionRunDialog;
  }
}
