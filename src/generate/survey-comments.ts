/**
 * Free-text survey comments, by how the customer scored the call. Real comments are
 * untrusted text: some carry markup, quotes, commas or line breaks, in English or Chinese.
 */
import type { Rng } from './prng.ts';

const GOOD = [
  'Very helpful, thank you',
  'The agent explained everything clearly',
  'Quick and friendly',
  '客服很耐心，谢谢',
  '问题解决了，很满意',
  'Great service, "five stars"',
  'Solved in one call, well done',
  '<b>Excellent</b> agent!',
];
const MIXED = [
  'OK, but I waited a while',
  'Had to repeat my account number twice',
  '还行，就是等待时间有点长',
  'Agent was polite; the answer was not clear',
  'Fine.\nWould prefer an SMS next time',
];
const BAD = [
  'Nobody solved my problem',
  'The agent kept talking and did not listen',
  '态度很差，一直推销',
  'Hung up on me!!',
  '<script>alert("complaint")</script>',
  'Third call about the same bill, still wrong',
  'Stop calling me & selling things',
];

export function surveyComment(csat: number, rng: Rng): string {
  return rng.pick(csat >= 4 ? GOOD : csat === 3 ? MIXED : BAD);
}
