/**
 * The made-up Amazon Connect instance the generated contact records and Contact Lens
 * analyses belong to, and what the two exports must agree on.
 */
import type { Call } from '../model.ts';

export const ACCOUNT_ID = '123456789012';
export const INSTANCE_ID = 'c0ffee00-0000-4000-8000-000000000000';
export const INSTANCE_ARN = `arn:aws:connect:ap-southeast-1:${ACCOUNT_ID}:instance/${INSTANCE_ID}`;

/**
 * When the agent joined the contact (Agent.ConnectedToAgentTimestamp, also the time in a
 * Contact Lens file name): an inbound call's answer; an outbound call's start, since the
 * agent is on the line while it rings.
 */
export function agentConnectedAt(call: Call): number {
  return call.direction === 'inbound' ? call.answered! : call.started;
}
