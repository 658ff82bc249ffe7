/**
 * The mystery-shopper / quality form every audit fills in: twelve items over the seven
 * sections, with weights, points and two critical items (compliance). Some items do not
 * apply to every interaction (see notApplicable).
 */
import type { AuditItem } from './model.ts';

export const FORM_ID = 'QF-2026';

const item = (
  item_id: string,
  section: string,
  text: string,
  weight: number,
  max_points: number,
  critical = false,
): AuditItem => ({
  form_id: FORM_ID,
  item_id,
  section,
  text,
  weight,
  max_points,
  critical,
});

export const AUDIT_FORM: readonly AuditItem[] = [
  item('OP1', 'opening', 'answered within three rings', 1, 5),
  item('OP2', 'opening', 'gave full name and company', 1, 5),
  item('DS1', 'discovery', 'asked open questions to understand the need', 2, 10),
  item('DS2', 'discovery', "confirmed the customer's identity and details", 1.5, 5),
  item('OB1', 'objections', 'handled objections with facts, without pressure', 2, 10),
  item('CL1', 'closing', 'summarised the offer or solution clearly', 1.5, 10),
  item('CL2', 'closing', 'agreed the next step with the customer', 1, 5),
  item('CT1', 'courtesy', 'asked whether it is a convenient time', 1, 5),
  item('CT2', 'courtesy', 'polite tone, did not interrupt the customer', 1.5, 10),
  item('CP1', 'compliance', 'stated the recording notice', 1, 1, true),
  item('CP2', 'compliance', 'made no misleading promise about price or terms', 2, 1, true),
  item('WR1', 'wrap_up', 'let the customer hang up first', 0.5, 5),
];

/** Items that do not apply to an interaction: left null (not applicable) on the audit. */
export function notApplicable(
  itemId: string,
  direction: 'inbound' | 'outbound' | null,
  objectionRaised: boolean,
): boolean {
  if (itemId === 'OB1') return !objectionRaised;
  if (itemId === 'OP1') return direction !== 'inbound';
  if (itemId === 'CT1') return direction !== 'outbound';
  return false;
}
