/**
 * The peer of callq's talk-listen step: the same measures in nodejs-polars, reading the same
 * CSVs (make-diarisation.ts), for `npm run bench`. Same rules as int_talk_listen
 * (docs/metrics.md#talk-listen): speech clipped to the connected time; a speaker's talk is
 * the union of their segments; overlap is time both speak; interruptions are agent turns
 * (touching or overlapping agent segments merged) starting strictly inside a customer
 * segment; a monologue joins agent turns whose gap is at most 1000 ms with no customer
 * speech in it; greeting is the first agent start.
 * Method, polars' own idiom: sort each call's segments by start, then running maximums of
 * the ends of earlier segments (cumMax, shifted by one) say how far each speaker's speech
 * reached before a segment starts; what a segment adds past that reach is new speech.
 */
import { join } from 'node:path';
import pl from 'nodejs-polars';

type Expr = ReturnType<typeof pl.col>;

const col = pl.col;
/** A whole-number literal (a JS number literal would be a float). */
const int = (n: number) => pl.lit(n).cast(pl.Int64);
/** Speech reach before any segment: earlier than every time (times are >= 0 after clipping). */
const NONE = -1;

/** How far `speaker`'s speech reached before each row: the latest end of their earlier rows. */
function reachBefore(isSpeaker: Expr): Expr {
  return pl
    .when(isSpeaker)
    .then(col('end_ms'))
    .otherwise(int(NONE))
    .cumMax()
    .shift(1)
    .fillNull(int(NONE))
    .over('call_id');
}

const positive = (ms: Expr) => pl.maxHorizontal([ms, int(0)]);

export async function polarsTalkListen(dataDir: string): Promise<pl.DataFrame> {
  const calls = pl
    .scanCSV(join(dataDir, 'calls.csv'), {
      schema: { call_id: pl.Utf8, day: pl.Utf8, answered: pl.Bool, connected_ms: pl.Int64 },
    })
    .filter(col('answered'))
    .select('call_id', 'connected_ms');
  const segments = pl.scanCSV(join(dataDir, 'segments.csv'), {
    schema: { call_id: pl.Utf8, speaker: pl.Utf8, start_ms: pl.Int64, end_ms: pl.Int64 },
  });

  const sweep = segments
    .join(calls, { on: 'call_id', how: 'inner' })
    .select(
      col('call_id'),
      col('speaker').eq(pl.lit('agent')).alias('is_agent'),
      pl.maxHorizontal([col('start_ms'), int(0)]).alias('start_ms'),
      pl.minHorizontal([col('end_ms'), col('connected_ms')]).alias('end_ms'),
    )
    .filter(col('end_ms').gt(col('start_ms')))
    // At one instant the agent's segments come first: an agent start does not see a
    // customer segment starting at the same instant.
    .sort([col('call_id'), col('start_ms'), col('is_agent').not()])
    .withColumns(
      reachBefore(col('is_agent')).alias('agent_reach'),
      reachBefore(col('is_agent').not()).alias('customer_reach'),
    )
    .withColumns(
      pl.when(col('is_agent')).then(col('agent_reach')).otherwise(col('customer_reach')).alias('own_reach'),
      col('is_agent')
        .and(col('start_ms').gt(col('agent_reach')))
        .alias('turn_start'),
    )
    .withColumns(
      positive(col('end_ms').minus(pl.maxHorizontal([col('start_ms'), col('own_reach')]))).alias('own_new_ms'),
      positive(
        col('end_ms').minus(pl.maxHorizontal([col('start_ms'), col('agent_reach'), col('customer_reach')])),
      ).alias('speech_new_ms'),
      col('turn_start')
        .and(col('customer_reach').gt(col('start_ms')))
        .alias('interrupts'),
      col('turn_start')
        .and(
          col('agent_reach')
            .eq(int(NONE))
            .or(col('start_ms').minus(col('agent_reach')).gt(int(1000)))
            .or(col('customer_reach').gt(col('agent_reach'))),
        )
        .alias('opens_monologue'),
    );

  const totals = sweep
    .groupBy('call_id')
    .agg(
      col('own_new_ms').filter(col('is_agent')).sum().alias('agent_talk_ms'),
      col('own_new_ms').filter(col('is_agent').not()).sum().alias('customer_talk_ms'),
      col('speech_new_ms').sum().alias('speech_ms'),
      col('interrupts').sum().cast(pl.Int64).alias('interruptions'),
      col('start_ms').filter(col('is_agent')).min().alias('greeting_ms'),
      col('end_ms').filter(col('is_agent')).max().alias('last_agent_end_ms'),
      col('start_ms').filter(col('opens_monologue')).max().alias('last_monologue_start_ms'),
    );

  // Every monologue but a call's last ends where the agent's speech reached when the next
  // one opened; the last ends at the call's last agent end.
  const closedMonologues = sweep
    .filter(col('opens_monologue'))
    .select(col('call_id'), col('agent_reach').minus(col('start_ms').shift(1).over('call_id')).alias('monologue_ms'))
    .groupBy('call_id')
    .agg(col('monologue_ms').max().alias('longest_closed_ms'));

  return totals
    .join(calls, { on: 'call_id', how: 'inner' })
    .join(closedMonologues, { on: 'call_id', how: 'left' })
    .select(
      col('call_id'),
      col('agent_talk_ms'),
      col('customer_talk_ms'),
      col('agent_talk_ms').plus(col('customer_talk_ms')).minus(col('speech_ms')).alias('overlap_ms'),
      col('connected_ms').minus(col('speech_ms')).alias('silence_ms'),
      pl
        .when(col('agent_talk_ms').plus(col('customer_talk_ms')).eq(int(0)))
        .then(pl.lit(null))
        .otherwise(
          col('agent_talk_ms')
            .cast(pl.Float64)
            .div(col('agent_talk_ms').plus(col('customer_talk_ms')).cast(pl.Float64)),
        )
        .alias('talk_ratio'),
      col('interruptions'),
      pl
        .maxHorizontal([col('longest_closed_ms'), col('last_agent_end_ms').minus(col('last_monologue_start_ms'))])
        .fillNull(int(0))
        .alias('longest_monologue_ms'),
      col('greeting_ms'),
    )
    .collect();
}
