/**
 * The review sheet's controls on a page (docs/audit-desk.md, "The review sheet"): a verdict
 * list and a note field under each row, the reviewer's name and the download above the table.
 * They are hidden until report.js shows them, since without JavaScript nothing can be
 * downloaded, and print hides them. Every field starts empty: a row left empty is skipped
 * by `callq review --file`.
 */
import { html, type Html } from './html.ts';
import type { Translator } from './i18n.ts';
import type { TableItem } from './report-layout.ts';
import { csvLine } from './rows-to-csv.ts';
import { VERDICTS } from '../cases/verdicts.ts';

/** The columns the page adds after the sheet's own fields; review --file reads them by name. */
const REVIEW_COLUMNS = ['verdict', 'note', 'by'] as const;

/** A row's review: its verdict list and note field, in the row's detail beside its explanation. */
export function renderReviewControls(tr: Translator): Html {
  const options = VERDICTS.map((v) => html`<option value="${v}">${tr.t(`verdict.${v}`)}</option>`);
  return html`<div class="review-controls" hidden><label>${tr.t('review.verdict')} <select data-review="verdict"><option value=""></option>${options}</select></label> <label>${tr.t('review.note')} <input type="text" data-review="note"></label></div>`;
}

export function renderSheetTools(sheet: NonNullable<TableItem['sheet']>, tr: Translator): Html {
  return html`<div class="sheet-tools" hidden data-file="${sheet.file}" data-header="${csvLine([...sheet.fields, ...REVIEW_COLUMNS])}">
<label>${tr.t('review.by')} <input type="text" data-sheet="by" autocomplete="name"></label>
<button type="button" data-sheet="download">${tr.t('review.download', { file: sheet.file })}</button>
<span class="sheet-message" role="status" data-needs-by="${tr.t('review.needs_by')}"></span>
<p class="note">${tr.t('review.how', { file: sheet.file })}</p>
</div>`;
}
