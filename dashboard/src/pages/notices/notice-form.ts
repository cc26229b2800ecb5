import { LitElement, html, nothing } from 'lit';
import { apiErrorText } from '../../i18n/api-errors.js';
import { fromJstInputValue } from '../../format/jst.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { deskStyles } from '../desk/desk.styles.js';
import type { ParticipantOption } from '../desk/desk-api.js';
import { sendNotice, type NoticeChannel } from './notices-api.js';

const t = defineMessages(
  {
    title: 'お知らせを書く',
    intro: '参加者へのお知らせを書きます（規約第21条）。日本語は必須、英語は空なら日本語と同じ文面になります。',
    recipients: '宛先',
    everyone: '参加者全員',
    one: '参加者を選ぶ',
    participant: '参加者',
    choose: '選んでください',
    subjectJa: '件名（日本語）',
    bodyJa: '本文（日本語）',
    subjectEn: '件名（英語・任意）',
    bodyEn: '本文（英語・任意）',
    channels: '通知の方法',
    web: 'Web（掲載した時に到達）',
    email: 'メール（送信した時に到達）',
    post: '郵送（到達日を後で入力）',
    other: 'その他（通知に書いた時に到達）',
    statedAt: '到達とみなす日時（その他、日本時間）',
    send: '送る',
    sending: '送信中…',
    sent: 'お知らせを送りました。',
    needText: '件名と本文（日本語）を入れてください。',
    needParticipant: '参加者を選んでください。',
    needChannel: '通知の方法を一つ以上選んでください。',
    needStatedAt: '「その他」では到達とみなす日時を入れてください。',
  },
  {
    title: 'Write a notice',
    intro:
      'A notice to participants (terms art. 21). Japanese is required; left empty, the English text repeats the Japanese.',
    recipients: 'To',
    everyone: 'All participants',
    one: 'Choose participants',
    participant: 'Participant',
    choose: 'Choose one',
    subjectJa: 'Subject (Japanese)',
    bodyJa: 'Text (Japanese)',
    subjectEn: 'Subject (English, optional)',
    bodyEn: 'Text (English, optional)',
    channels: 'Channels',
    web: 'Web (delivered when posted)',
    email: 'E-mail (delivered when sent)',
    post: 'Post (enter the arrival later)',
    other: 'Other (delivered at the stated time)',
    statedAt: 'Counts as delivered at (other means, JST)',
    send: 'Send',
    sending: 'Sending…',
    sent: 'The notice was sent.',
    needText: 'Enter a Japanese subject and text.',
    needParticipant: 'Choose a participant.',
    needChannel: 'Choose at least one channel.',
    needStatedAt: 'With "other", enter when it counts as delivered.',
  },
);

const CHANNELS: NoticeChannel[] = ['web', 'email', 'post', 'other'];

/** The operators' form for a free-form notice; fires "notice-sent" after the server accepted it. */
export class NoticeForm extends LitElement {
  static override properties = {
    participants: { attribute: false },
    busy: { state: true },
    error: { state: true },
    done: { state: true },
    toAll: { state: true },
  };
  static override styles = [sharedStyles, deskStyles];
  declare participants: ParticipantOption[];
  declare busy: boolean;
  declare error: string;
  declare done: boolean;
  declare toAll: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participants = [];
    this.busy = false;
    this.error = '';
    this.done = false;
    this.toAll = true;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const channels = CHANNELS.filter((c) => data.getAll('channels').includes(c));
    this.done = false;
    if (!text('subjectJa') || !text('bodyJa')) return void (this.error = t('needText'));
    if (!this.toAll && !text('participantId')) return void (this.error = t('needParticipant'));
    if (channels.length === 0) return void (this.error = t('needChannel'));
    if (channels.includes('other') && !text('statedAt')) return void (this.error = t('needStatedAt'));
    this.error = '';
    this.busy = true;
    try {
      await sendNotice({
        recipients: this.toAll ? 'all' : { participantIds: [text('participantId')] },
        subjectJa: text('subjectJa'),
        bodyJa: text('bodyJa'),
        subjectEn: text('subjectEn'),
        bodyEn: text('bodyEn'),
        channels,
        ...(channels.includes('other') ? { statedDeliveryAt: fromJstInputValue(text('statedAt')).toISOString() } : {}),
      });
      form.reset();
      this.toAll = true;
      this.done = true;
      this.dispatchEvent(new CustomEvent('notice-sent', { bubbles: true, composed: true }));
    } catch (error) {
      this.error = apiErrorText(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    void this.locale;
    const field = (label: string, input: unknown, wide = true) =>
      html`<label class=${`field ${wide ? 'wide' : ''}`}>${label}${input}</label>`;
    return html`<section class="panel" data-test="notice-form">
      <h2>${t('title')}</h2>
      <p class="muted">${t('intro')}</p>
      <form class="grid" @submit=${(e: SubmitEvent) => void this.submit(e)} novalidate>
        <fieldset class="wide row">
          <legend>${t('recipients')}</legend>
          <label
            ><input
              type="radio"
              name="to"
              value="all"
              .checked=${this.toAll}
              @change=${() => (this.toAll = true)}
              data-test="notice-to-all"
            />${t('everyone')}</label
          >
          <label
            ><input
              type="radio"
              name="to"
              value="one"
              .checked=${!this.toAll}
              @change=${() => (this.toAll = false)}
              data-test="notice-to-one"
            />${t('one')}</label
          >
        </fieldset>
        ${
          this.toAll
            ? nothing
            : field(
                t('participant'),
                html`<select name="participantId" data-test="notice-participant">
                  <option value="">${t('choose')}</option>
                  ${this.participants.map((p) => html`<option value=${p.participantId}>${p.name}</option>`)}
                </select>`,
              )
        }
        ${field(t('subjectJa'), html`<input name="subjectJa" maxlength="300" required data-test="notice-subject-ja" />`)}
        ${field(t('bodyJa'), html`<textarea name="bodyJa" rows="6" maxlength="20000" required data-test="notice-body-ja"></textarea>`)}
        ${field(t('subjectEn'), html`<input name="subjectEn" maxlength="300" data-test="notice-subject-en" />`)}
        ${field(t('bodyEn'), html`<textarea name="bodyEn" rows="4" maxlength="20000" data-test="notice-body-en"></textarea>`)}
        <fieldset class="wide row">
          <legend>${t('channels')}</legend>
          ${CHANNELS.map((c) => html`<label><input type="checkbox" name="channels" value=${c} ?checked=${c === 'web' || c === 'email'} data-test=${`notice-channel-${c}`} />${t(c)}</label>`)}
        </fieldset>
        ${field(t('statedAt'), html`<input name="statedAt" type="datetime-local" data-test="notice-stated-at" />`, false)}
        ${this.error ? html`<div class="wide error" role="alert" data-test="notice-error">${this.error}</div>` : nothing}
        ${this.done ? html`<div class="wide" role="status" data-test="notice-sent">${t('sent')}</div>` : nothing}
        <div class="wide actions">
          <button type="submit" class="primary" ?disabled=${this.busy} data-test="notice-send">
            ${this.busy ? t('sending') : t('send')}
          </button>
        </div>
      </form>
    </section>`;
  }
}
customElements.define('yorozu-notice-form', NoticeForm);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-notice-form': NoticeForm;
  }
}
