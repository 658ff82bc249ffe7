/**
 * The derived tables the statistical rules read (made by `callq compute` in real runs),
 * created empty with just the columns the rules use, so a test can fill them by hand.
 */
import type { Database } from '../../src/db/database.ts';

export async function createFactTables(db: Database): Promise<void> {
  await db.exec(`
    create table call_facts (
      call_id varchar, day date, started_at timestamptz, direction varchar, agent_id varchar, team varchar,
      queue varchar, campaign_id varchar, answered boolean, sale boolean, talk_s double, handle_s double, talk_ratio double, agent_talk_ms bigint,
      customer_talk_ms bigint, disconnect_party varchar, agent_hung_up boolean
    );
    create table agent_daily (
      agent_id varchar, team varchar, day date, calls bigint, answered bigint, answered_outbound bigint,
      talk_calls bigint, surveys bigint, conversion_rate double, aht_s double, talk_ratio double,
      csat_mean double, agent_hangups bigint, agent_hangup_rate double
    );
    create table audit_scores (
      audit_id varchar, agent_id varchar, auditor_id varchar, day date, audit_score double,
      critical_fail boolean, calibration_id varchar
    );`);
}
