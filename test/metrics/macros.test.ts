import { describe, expect, it } from 'vitest';
import { installMetricMacros } from '../../src/metrics/macros.ts';
import { withDb } from '../util/with-db.ts';

describe('metric macros', () => {
  it('are installed on a fresh connection, aht and talk_ratio over a group among them', async () => {
    await withDb(async (db) => {
      await installMetricMacros(db);
      await installMetricMacros(db); // again on the same connection: replaced, not refused
      const [row] = await db.queryJs(`select
          aht(handle_s, answered) as aht,
          talk_ratio(sum(agent_talk_ms), sum(customer_talk_ms)) as talk,
          aht(handle_s, answered and handle_s > 1000) as aht_of_none,
          eb_shrink_rate(3, 10, null) as unshrunk
        from (values (100.0, true, 300, 100), (50.0, false, null, null), (200.0, true, 100, 500))
          as calls(handle_s, answered, agent_talk_ms, customer_talk_ms)`);
      // Answered calls 100 s and 200 s: 150 (the unanswered 50 s left out). Talk summed over
      // the calls with speech: (300 + 100) / (300 + 100 + 100 + 500) = 0.4.
      expect(row).toMatchObject({ aht: 150, talk: 0.4, aht_of_none: null });
      // The shrinkage macros come with them: without a prior, the raw rate 3 / 10.
      expect(row!.unshrunk).toBeCloseTo(0.3, 12);
    });
  });
});
