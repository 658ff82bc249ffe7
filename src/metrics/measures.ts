/**
 * The one source of measure definitions: every measure column of call_facts, the daily
 * marts (agent_daily, team_daily, queue_daily, center_daily, funnel_daily), agent_window and
 * the audit and complaint facts, with the one file that computes it, its unit and a
 * definition in English and Chinese.
 * The reports' glossary is generated from this list, and a test checks that every measure
 * column of the derived tables has an entry here. Each measure's formula, grain and edge
 * cases are in docs/metrics.md (its index of measures lists every name here with the same
 * file; test/docs/doc-references.test.ts checks it).
 * One definition per measure (test/queries/measure-definitions.test.ts): a column named
 * after a measure is computed only in its `definedIn` file (or `rowsIn`, for the per-row
 * value of the same name); everywhere else it is read, counted or summed, or, for a measure
 * with a `macro`, computed by calling that macro.
 */

export interface Measure {
  name: string;
  /**
   * The file under queries/ that computes the measure: a model, or the macro file when the
   * one formula is applied at several grains (a call, a day, a window, a report interval).
   */
  definedIn: string;
  /** The macro of definedIn that holds the formula; the files that compute the measure call it. */
  macro?: string;
  /**
   * Where the per-row value of the same name is defined, when the marts hold its count or
   * mean (answered: the call's flag in call_facts; audit_score: one audit's score).
   */
  rowsIn?: string;
  unit: string;
  en: string;
  zh: string;
}

const callMeasures: Measure[] = [
  {
    name: 'wait_s',
    definedIn: 'intermediate/int_calls_measured.sql',
    unit: 'seconds',
    en: 'Time from entering the queue (or starting to dial) to answer; for calls never answered, to the end of the call.',
    zh: '从进入队列（或开始拨号）到接通的时间；未接通的通话计至通话结束。',
  },
  {
    name: 'connected_s',
    definedIn: 'intermediate/int_calls_measured.sql',
    unit: 'seconds',
    en: 'Time from answer to the end of the call.',
    zh: '从接通到通话结束的时间。',
  },
  {
    name: 'talk_s',
    definedIn: 'intermediate/int_calls_measured.sql',
    unit: 'seconds',
    en: 'Connected time minus time on hold.',
    zh: '接通时长减去保持时长。',
  },
  {
    name: 'handle_s',
    definedIn: 'intermediate/int_calls_measured.sql',
    unit: 'seconds',
    en: 'Connected time plus after-call work (wrap-up).',
    zh: '接通时长加话后处理时长。',
  },
  {
    name: 'short_abandon',
    definedIn: 'intermediate/int_calls_measured.sql',
    unit: 'yes/no',
    en: 'Inbound call never answered that waited less than short_abandon_s seconds; left out of every inbound ratio.',
    zh: '未接通且等待少于 short_abandon_s 秒的呼入通话（短放弃），不计入任何呼入比率。',
  },
  {
    name: 'agent_hung_up',
    definedIn: 'intermediate/int_calls_measured.sql',
    unit: 'yes/no',
    en: 'Answered call the agent hung up first; empty when the source does not say who hung up.',
    zh: '坐席先挂断的已接通通话；来源未记录谁先挂断时为空。',
  },
  {
    name: 'within_target',
    definedIn: 'intermediate/int_calls_measured.sql',
    unit: 'yes/no',
    en: 'Inbound call answered within answer_target_s seconds.',
    zh: '在 answer_target_s 秒内接通的呼入通话。',
  },
  {
    name: 'sale',
    definedIn: 'intermediate/int_calls_measured.sql',
    unit: 'yes/no',
    en: 'Answered outbound call with disposition sale.',
    zh: '结果为成交的已接通外呼。',
  },
  {
    name: 'agent_talk_ms',
    definedIn: 'intermediate/int_talk_listen.sql',
    unit: 'ms',
    en: "Length of the union of the agent's speech segments, clipped to the connected time.",
    zh: '坐席语音片段并集的长度（截取在接通时间内）。',
  },
  {
    name: 'customer_talk_ms',
    definedIn: 'intermediate/int_talk_listen.sql',
    unit: 'ms',
    en: "Length of the union of the customer's speech segments, clipped to the connected time.",
    zh: '客户语音片段并集的长度（截取在接通时间内）。',
  },
  {
    name: 'overlap_ms',
    definedIn: 'intermediate/int_talk_listen.sql',
    unit: 'ms',
    en: 'Time both agent and customer speak at once (intersection of the two unions).',
    zh: '坐席与客户同时说话的时间（两个并集的交集）。',
  },
  {
    name: 'silence_ms',
    definedIn: 'intermediate/int_talk_listen.sql',
    unit: 'ms',
    en: 'Connected time in which nobody speaks.',
    zh: '接通期间无人说话的时间。',
  },
  {
    name: 'interruptions',
    definedIn: 'intermediate/int_talk_listen.sql',
    unit: 'count',
    en: "Agent turns (the agent's overlapping segments merged) that start strictly inside a customer segment.",
    zh: '坐席发言（合并重叠片段后）在客户某一语音片段内部开始的次数（插话）。',
  },
  {
    name: 'longest_monologue_ms',
    definedIn: 'intermediate/int_talk_listen.sql',
    unit: 'ms',
    en: 'Longest agent stretch after merging agent speech whose gaps are at most 1000 ms and contain no customer speech.',
    zh: '将间隔不超过 1000 毫秒且间隔中客户未说话的坐席语音合并后，最长的一段坐席连续讲话。',
  },
  {
    name: 'greeting_ms',
    definedIn: 'intermediate/int_talk_listen.sql',
    unit: 'ms',
    en: "Time from answer to the start of the agent's first speech.",
    zh: '从接通到坐席第一次开口的时间。',
  },
  {
    name: 'fcr',
    definedIn: 'intermediate/int_call_fcr.sql',
    unit: 'yes/no',
    en: 'First-contact resolution: the same customer made no other inbound call within repeat_window_days; unknown (empty) when the customer is unknown or the window is not over at the latest data.',
    zh: '首次解决：同一客户在 repeat_window_days 天内没有再次来电；客户未知或窗口在最新数据时尚未结束时为空。',
  },
];

const volumeMeasures: Measure[] = [
  {
    name: 'calls',
    definedIn: 'aggregates/agg_daily_measures.sql',
    unit: 'count',
    en: 'Call legs started on the day (handled or attempted).',
    zh: '当天开始的通话（含已处理和尝试）。',
  },
  {
    name: 'answered',
    definedIn: 'aggregates/agg_daily_measures.sql',
    rowsIn: 'intermediate/int_calls_measured.sql',
    unit: 'count',
    en: 'Connected calls, inbound and outbound (in call_facts: whether the call was connected).',
    zh: '已接通的通话数（呼入与外呼）；在 call_facts 中表示该通话是否接通。',
  },
  {
    name: 'answered_inbound',
    definedIn: 'aggregates/agg_daily_measures.sql',
    unit: 'count',
    en: 'Connected inbound calls.',
    zh: '已接通的呼入通话数。',
  },
  {
    name: 'dialled',
    definedIn: 'aggregates/agg_daily_measures.sql',
    unit: 'count',
    en: 'Outbound calls dialled.',
    zh: '外呼拨打数。',
  },
  {
    name: 'answered_outbound',
    definedIn: 'aggregates/agg_daily_measures.sql',
    unit: 'count',
    en: 'Outbound calls connected.',
    zh: '已接通的外呼数。',
  },
  {
    name: 'interested',
    definedIn: 'aggregates/agg_daily_measures.sql',
    rowsIn: 'intermediate/int_calls_measured.sql',
    unit: 'count',
    en: 'Connected outbound calls ending interested, callback or sale (in call_facts: whether the call did).',
    zh: '结果为有意向、回拨或成交的已接通外呼数；在 call_facts 中表示该通话是否如此。',
  },
  {
    name: 'sales',
    definedIn: 'aggregates/agg_daily_measures.sql',
    unit: 'count',
    en: 'Connected outbound calls ending in a sale.',
    zh: '成交的已接通外呼数。',
  },
  {
    name: 'talk_calls',
    definedIn: 'aggregates/agg_daily_measures.sql',
    unit: 'count',
    en: 'Connected calls with a speech timeline (the base of talk_ratio).',
    zh: '有语音时间轴的已接通通话数（talk_ratio 的基数）。',
  },
  {
    name: 'surveys',
    definedIn: 'aggregates/agg_daily_measures.sql',
    unit: 'count',
    en: "Survey responses on the day's calls.",
    zh: '当天通话收到的满意度调查回复数。',
  },
  {
    name: 'audits',
    definedIn: 'aggregates/agg_daily_measures.sql',
    unit: 'count',
    en: 'Quality audits done on the day.',
    zh: '当天完成的质检（神秘顾客）评估数。',
  },
  {
    name: 'complaints',
    definedIn: 'aggregates/agg_daily_measures.sql',
    unit: 'count',
    en: 'Complaints opened on the day.',
    zh: '当天新开的投诉数。',
  },
];

const agentMeasures: Measure[] = [
  {
    name: 'aht_s',
    definedIn: 'macros/metric_macros.sql',
    macro: 'aht',
    unit: 'seconds',
    en: 'Average handle time: mean of connected time plus wrap-up over answered calls.',
    zh: '平均处理时长：已接通通话的（接通时长＋话后处理）均值。',
  },
  {
    name: 'agent_hangups',
    definedIn: 'aggregates/agg_daily_measures.sql',
    unit: 'count',
    en: 'Answered calls the agent hung up first.',
    zh: '坐席先挂断的已接通通话数。',
  },
  {
    name: 'agent_hangup_rate',
    definedIn: 'aggregates/agg_daily_measures.sql',
    unit: 'share',
    en: 'Answered calls the agent hung up first ÷ answered calls.',
    zh: '坐席先挂断的已接通通话 ÷ 已接通通话。',
  },
  {
    name: 'transfer_rate',
    definedIn: 'aggregates/agg_daily_measures.sql',
    unit: 'share',
    en: 'Answered calls that were transferred ÷ answered calls.',
    zh: '被转接的已接通通话 ÷ 已接通通话。',
  },
  {
    name: 'contact_rate',
    definedIn: 'aggregates/agg_daily_measures.sql',
    unit: 'share',
    en: 'Connected outbound calls ÷ outbound calls dialled.',
    zh: '已接通外呼 ÷ 外呼拨打数。',
  },
  {
    name: 'interest_rate',
    definedIn: 'aggregates/agg_daily_measures.sql',
    unit: 'share',
    en: 'Connected outbound calls ending interested, callback or sale ÷ connected outbound calls (funnel_daily).',
    zh: '结果为有意向、回拨或成交的已接通外呼 ÷ 已接通外呼数（漏斗）。',
  },
  {
    name: 'conversion_rate',
    definedIn: 'macros/metric_macros.sql',
    macro: 'conversion_rate',
    unit: 'share',
    en: 'Sales ÷ connected outbound calls.',
    zh: '成交数 ÷ 已接通外呼数（转化率）。',
  },
  {
    name: 'conversion_lo',
    definedIn: 'macros/metric_macros.sql',
    macro: 'wilson_lo',
    unit: 'share',
    en: 'Lower end of the 95% Wilson interval of the conversion rate.',
    zh: '转化率 95% Wilson 置信区间下限。',
  },
  {
    name: 'conversion_hi',
    definedIn: 'macros/metric_macros.sql',
    macro: 'wilson_hi',
    unit: 'share',
    en: 'Upper end of the 95% Wilson interval of the conversion rate.',
    zh: '转化率 95% Wilson 置信区间上限。',
  },
  {
    name: 'calls_per_sale',
    definedIn: 'aggregates/agg_daily_measures.sql',
    unit: 'calls',
    en: 'Outbound calls dialled ÷ sales.',
    zh: '外呼拨打数 ÷ 成交数（每单所需拨打数）。',
  },
  {
    name: 'revenue',
    definedIn: 'aggregates/agg_daily_measures.sql',
    unit: 'currency',
    en: 'Sum of sale amounts of the sales.',
    zh: '成交金额合计。',
  },
  {
    name: 'talk_ratio',
    definedIn: 'macros/metric_macros.sql',
    macro: 'talk_ratio',
    unit: 'share',
    en: 'Agent talk ÷ (agent talk + customer talk); over a period time-weighted: Σ agent talk ÷ Σ (agent + customer talk). Target band talk_ratio_band.',
    zh: '坐席说话时长 ÷（坐席＋客户说话时长）；按时段汇总时按时长加权。目标区间为 talk_ratio_band。',
  },
  {
    name: 'response_rate',
    definedIn: 'aggregates/agg_daily_measures.sql',
    unit: 'share',
    en: 'Survey responses ÷ answered calls.',
    zh: '调查回复数 ÷ 已接通通话数。',
  },
  {
    name: 'csat_mean',
    definedIn: 'aggregates/agg_daily_measures.sql',
    unit: 'score 1–5',
    en: 'Mean customer satisfaction score of the survey responses.',
    zh: '调查回复的客户满意度平均分。',
  },
  {
    name: 'csat_top2',
    definedIn: 'aggregates/agg_daily_measures.sql',
    unit: 'share',
    en: 'Share of CSAT answers that are 4 or 5.',
    zh: '满意度为 4 或 5 分的占比。',
  },
  {
    name: 'nps',
    definedIn: 'aggregates/agg_daily_measures.sql',
    unit: 'NPS (−100 to 100)',
    en: 'Net promoter score: 100 × (share of 9–10 − share of 0–6).',
    zh: '净推荐值：100 ×（9–10 分占比 − 0–6 分占比）。',
  },
  {
    name: 'audit_score',
    definedIn: 'aggregates/agg_daily_measures.sql',
    rowsIn: 'facts/audit_scores.sql',
    unit: 'points (0–100)',
    en: 'Mean audit score: 100 × Σ(weight × points ÷ max points) ÷ Σ weight over applicable items; 0 when a critical item is failed.',
    zh: '质检平均得分：100 × Σ(权重 × 得分 ÷ 满分) ÷ Σ权重（不适用项不计）；关键项未满分时为 0。',
  },
];

const queueMeasures: Measure[] = [
  {
    name: 'inbound_calls',
    definedIn: 'aggregates/agg_daily_measures.sql',
    unit: 'count',
    en: 'Inbound calls offered, short abandons included.',
    zh: '呼入通话总数（含短放弃）。',
  },
  {
    name: 'abandoned',
    definedIn: 'aggregates/agg_daily_measures.sql',
    rowsIn: 'intermediate/int_calls_measured.sql',
    unit: 'count',
    en: 'Inbound calls never answered that waited at least short_abandon_s seconds (in call_facts: whether the call was one).',
    zh: '未接通且等待不少于 short_abandon_s 秒的呼入数（放弃）；在 call_facts 中表示该通话是否为放弃。',
  },
  {
    name: 'short_abandons',
    definedIn: 'aggregates/agg_daily_measures.sql',
    unit: 'count',
    en: 'Inbound calls hung up within short_abandon_s seconds (left out of inbound ratios).',
    zh: '在 short_abandon_s 秒内挂断的呼入数（不计入呼入比率）。',
  },
  {
    name: 'service_level',
    definedIn: 'macros/metric_macros.sql',
    macro: 'service_level',
    unit: 'share',
    en: 'Inbound calls answered within answer_target_s ÷ (answered inbound + abandoned).',
    zh: '在 answer_target_s 秒内接通的呼入 ÷（已接通呼入＋放弃）。',
  },
  {
    name: 'asa_s',
    definedIn: 'macros/metric_macros.sql',
    macro: 'asa_s',
    unit: 'seconds',
    en: 'Average speed of answer: mean wait of answered inbound calls.',
    zh: '平均应答速度：已接通呼入的平均等待时长。',
  },
  {
    name: 'abandon_rate',
    definedIn: 'macros/metric_macros.sql',
    macro: 'abandon_rate',
    unit: 'share',
    en: 'Abandoned ÷ (answered inbound + abandoned).',
    zh: '放弃数 ÷（已接通呼入＋放弃）。',
  },
  {
    name: 'fcr_calls',
    definedIn: 'aggregates/agg_daily_measures.sql',
    unit: 'count',
    en: 'Answered inbound calls whose first-contact resolution is known (customer known, repeat window over).',
    zh: '首次解决状态已知的已接通呼入数（客户已知且回访窗口已结束）。',
  },
  {
    name: 'fcr_rate',
    definedIn: 'aggregates/agg_daily_measures.sql',
    unit: 'share',
    en: 'First-contact resolution: calls with no repeat inbound call by the same customer within repeat_window_days ÷ fcr_calls.',
    zh: '首次解决率：repeat_window_days 天内同一客户未再来电的通话 ÷ fcr_calls。',
  },
];

const complaintMeasures: Measure[] = [
  {
    name: 'first_response_h',
    definedIn: 'facts/complaint_facts.sql',
    unit: 'hours',
    en: 'Hours from opening a complaint to the first response.',
    zh: '从投诉开立到首次响应的小时数。',
  },
  {
    name: 'resolve_h',
    definedIn: 'facts/complaint_facts.sql',
    unit: 'hours',
    en: 'Hours from opening a complaint to its resolution.',
    zh: '从投诉开立到解决的小时数。',
  },
  {
    name: 'sla_h',
    definedIn: 'facts/complaint_facts.sql',
    unit: 'hours',
    en: "Resolution deadline for the complaint's severity (sla_h: high, medium, low).",
    zh: '按严重程度规定的解决时限（小时）。',
  },
  {
    name: 'within_sla',
    definedIn: 'facts/complaint_facts.sql',
    unit: 'yes/no',
    en: 'Resolved within sla_h hours of opening.',
    zh: '在 sla_h 小时内解决。',
  },
  {
    name: 'closed_loop',
    definedIn: 'facts/complaint_facts.sql',
    unit: 'yes/no',
    en: 'Resolved and followed up with the customer after the resolution.',
    zh: '已解决且解决后对客户进行了回访（闭环）。',
  },
  {
    name: 'reopened',
    definedIn: 'facts/complaint_facts.sql',
    unit: 'yes/no',
    en: 'Reopened at least once.',
    zh: '至少被重新打开一次。',
  },
  { name: 'escalated', definedIn: 'facts/complaint_facts.sql', unit: 'yes/no', en: 'Escalated.', zh: '已升级。' },
  {
    name: 'complaints_opened',
    definedIn: 'aggregates/agg_complaint_daily.sql',
    unit: 'count',
    en: 'Complaints opened on the day (all complaints, with or without an agent).',
    zh: '当天新开的投诉总数（无论是否关联坐席）。',
  },
  {
    name: 'resolution_rate',
    definedIn: 'aggregates/agg_complaint_daily.sql',
    unit: 'share',
    en: 'Complaints opened on the day that are resolved ÷ opened.',
    zh: '当天开立且已解决的投诉 ÷ 开立数。',
  },
  {
    name: 'sla_rate',
    definedIn: 'aggregates/agg_complaint_daily.sql',
    unit: 'share',
    en: 'Complaints opened on the day resolved within sla_h ÷ opened.',
    zh: '当天开立且在时限内解决的投诉 ÷ 开立数。',
  },
  {
    name: 'closed_loop_rate',
    definedIn: 'aggregates/agg_complaint_daily.sql',
    unit: 'share',
    en: 'Resolved complaints with a follow-up after resolution ÷ resolved.',
    zh: '解决后有回访的投诉 ÷ 已解决投诉。',
  },
  {
    name: 'reopen_rate',
    definedIn: 'aggregates/agg_complaint_daily.sql',
    unit: 'share',
    en: 'Complaints reopened ÷ opened.',
    zh: '重新打开的投诉 ÷ 开立数。',
  },
  {
    name: 'escalation_rate',
    definedIn: 'aggregates/agg_complaint_daily.sql',
    unit: 'share',
    en: 'Complaints escalated ÷ opened.',
    zh: '升级的投诉 ÷ 开立数。',
  },
  {
    name: 'median_resolve_h',
    definedIn: 'aggregates/agg_complaint_daily.sql',
    unit: 'hours',
    en: "Median resolve_h of the day's resolved complaints.",
    zh: '当天开立且已解决投诉的解决时长中位数。',
  },
  {
    name: 'p90_resolve_h',
    definedIn: 'aggregates/agg_complaint_daily.sql',
    unit: 'hours',
    en: "90th percentile of resolve_h of the day's resolved complaints.",
    zh: '当天开立且已解决投诉的解决时长 90 分位数。',
  },
  {
    name: 'backlog',
    definedIn: 'aggregates/agg_complaint_backlog.sql',
    unit: 'count',
    en: 'Complaints open at the end of the day (opened, not yet resolved).',
    zh: '当天结束时仍未解决的投诉数（积压）。',
  },
  {
    name: 'backlog_lt_1d',
    definedIn: 'aggregates/agg_complaint_backlog.sql',
    unit: 'count',
    en: 'Backlog open for less than 24 hours at the end of the day.',
    zh: '积压中开立不足 24 小时的投诉数。',
  },
  {
    name: 'backlog_1_3d',
    definedIn: 'aggregates/agg_complaint_backlog.sql',
    unit: 'count',
    en: 'Backlog open for 24 to 72 hours at the end of the day.',
    zh: '积压中开立 24–72 小时的投诉数。',
  },
  {
    name: 'backlog_3_7d',
    definedIn: 'aggregates/agg_complaint_backlog.sql',
    unit: 'count',
    en: 'Backlog open for 72 hours to 7 days at the end of the day.',
    zh: '积压中开立 72 小时至 7 天的投诉数。',
  },
  {
    name: 'backlog_ge_7d',
    definedIn: 'aggregates/agg_complaint_backlog.sql',
    unit: 'count',
    en: 'Backlog open for 7 days or more at the end of the day.',
    zh: '积压中开立 7 天及以上的投诉数。',
  },
];

const auditMeasures: Measure[] = [
  {
    name: 'critical_fail',
    definedIn: 'facts/audit_scores.sql',
    unit: 'yes/no',
    en: 'A critical item scored below its maximum, so the audit scores 0.',
    zh: '关键项未得满分，整份评估记 0 分。',
  },
  {
    name: 'score',
    definedIn: 'facts/audit_section_scores.sql',
    unit: 'points (0–100)',
    en: 'Section score: the audit score formula within one section of the form.',
    zh: '分项得分：在表单某一部分内按评估得分公式计算。',
  },
  {
    name: 'groups',
    definedIn: 'facts/auditor_calibration.sql',
    unit: 'count',
    en: 'Calibration sessions (calibration_id) the auditor scored with at least one other auditor.',
    zh: '该评估员与其他评估员共同参与的校准场次数。',
  },
  {
    name: 'bias',
    definedIn: 'facts/auditor_calibration.sql',
    unit: 'points',
    en: "Auditor bias: mean over calibration sessions of (the auditor's score − the session mean).",
    zh: '评估员偏差：各校准场次中（本人得分 − 场次平均分）的平均值。',
  },
];

const windowMeasures: Measure[] = [
  {
    name: 'conversion_raw',
    definedIn: 'marts/agent_window.sql',
    unit: 'share',
    en: 'Window conversion: sales ÷ connected outbound calls.',
    zh: '窗口期转化率：成交数 ÷ 已接通外呼数。',
  },
  {
    name: 'conversion_shrunk',
    definedIn: 'marts/agent_window.sql',
    unit: 'share',
    en: 'Conversion shrunk toward the team (beta-binomial empirical Bayes, method-of-moments prior per team).',
    zh: '向团队收缩后的转化率（贝塔-二项经验贝叶斯，按团队矩估计先验）。',
  },
  {
    name: 'conversion_n',
    definedIn: 'aggregates/agg_agent_window_stats.sql',
    unit: 'calls',
    en: 'Connected outbound calls behind the conversion figures.',
    zh: '转化率所依据的已接通外呼数。',
  },
  {
    name: 'csat_mean_raw',
    definedIn: 'marts/agent_window.sql',
    unit: 'score 1–5',
    en: 'Window mean CSAT.',
    zh: '窗口期平均满意度。',
  },
  {
    name: 'csat_mean_shrunk',
    definedIn: 'marts/agent_window.sql',
    unit: 'score 1–5',
    en: 'Mean CSAT shrunk toward the team (normal-normal empirical Bayes).',
    zh: '向团队收缩后的平均满意度（正态-正态经验贝叶斯）。',
  },
  {
    name: 'csat_mean_n',
    definedIn: 'marts/agent_window.sql',
    unit: 'surveys',
    en: 'Survey answers behind the CSAT figures.',
    zh: '满意度所依据的调查回复数。',
  },
  {
    name: 'audit_score_raw',
    definedIn: 'marts/agent_window.sql',
    unit: 'points (0–100)',
    en: 'Window mean audit score.',
    zh: '窗口期平均质检得分。',
  },
  {
    name: 'audit_score_shrunk',
    definedIn: 'marts/agent_window.sql',
    unit: 'points (0–100)',
    en: 'Mean audit score shrunk toward the team (normal-normal empirical Bayes).',
    zh: '向团队收缩后的平均质检得分（正态-正态经验贝叶斯）。',
  },
  {
    name: 'audit_score_n',
    definedIn: 'marts/agent_window.sql',
    unit: 'audits',
    en: 'Audits behind the audit score figures.',
    zh: '质检得分所依据的评估数。',
  },
  {
    name: 'talk_ratio_raw',
    definedIn: 'marts/agent_window.sql',
    unit: 'share',
    en: 'Window time-weighted talk ratio.',
    zh: '窗口期按时长加权的说话占比。',
  },
  {
    name: 'talk_ratio_shrunk',
    definedIn: 'marts/agent_window.sql',
    unit: 'share',
    en: 'Talk ratio shrunk toward the team (normal-normal on per-call ratios).',
    zh: '向团队收缩后的说话占比（按通话的正态-正态经验贝叶斯）。',
  },
  {
    name: 'talk_distance_raw',
    definedIn: 'marts/agent_window.sql',
    unit: 'share',
    en: 'Distance of the window talk ratio from talk_ratio_band (0 inside the band).',
    zh: '窗口期说话占比与目标区间 talk_ratio_band 的距离（区间内为 0）。',
  },
  {
    name: 'talk_distance_shrunk',
    definedIn: 'marts/agent_window.sql',
    unit: 'share',
    en: 'Distance of the shrunk talk ratio from talk_ratio_band.',
    zh: '收缩后说话占比与目标区间的距离。',
  },
  {
    name: 'talk_n',
    definedIn: 'aggregates/agg_agent_window_stats.sql',
    unit: 'calls',
    en: 'Calls with a speech timeline behind the talk ratio figures.',
    zh: '说话占比所依据的有语音时间轴的通话数。',
  },
  {
    name: 'complaints_per_1000_raw',
    definedIn: 'marts/agent_window.sql',
    unit: 'per 1000 answered calls',
    en: 'Complaints opened in the window per 1000 answered calls.',
    zh: '窗口期每千通已接通通话的投诉数。',
  },
  {
    name: 'complaints_per_1000_shrunk',
    definedIn: 'marts/agent_window.sql',
    unit: 'per 1000 answered calls',
    en: 'Complaints per 1000 answered calls shrunk toward the team (beta-binomial empirical Bayes).',
    zh: '向团队收缩后的每千通投诉数（贝塔-二项经验贝叶斯）。',
  },
  {
    name: 'complaints_per_1000_n',
    definedIn: 'marts/agent_window.sql',
    unit: 'calls',
    en: 'Answered calls behind the complaint figures.',
    zh: '投诉指标所依据的已接通通话数。',
  },
  {
    name: 'conversion_rank',
    definedIn: 'marts/agent_window.sql',
    unit: 'rank',
    en: "Rank of conversion_shrunk among the centre's agents (1 = best).",
    zh: '收缩后转化率在全中心坐席中的排名（1 为最好）。',
  },
  {
    name: 'csat_rank',
    definedIn: 'marts/agent_window.sql',
    unit: 'rank',
    en: 'Rank of csat_mean_shrunk (1 = best).',
    zh: '收缩后满意度排名（1 为最好）。',
  },
  {
    name: 'audit_rank',
    definedIn: 'marts/agent_window.sql',
    unit: 'rank',
    en: 'Rank of audit_score_shrunk (1 = best).',
    zh: '收缩后质检得分排名（1 为最好）。',
  },
  {
    name: 'talk_rank',
    definedIn: 'marts/agent_window.sql',
    unit: 'rank',
    en: 'Rank of talk_distance_shrunk (1 = closest to the band).',
    zh: '收缩后说话占比距离排名（1 为最接近目标区间）。',
  },
  {
    name: 'complaint_rank',
    definedIn: 'marts/agent_window.sql',
    unit: 'rank',
    en: 'Rank of complaints_per_1000_shrunk (1 = fewest).',
    zh: '收缩后每千通投诉数排名（1 为最少）。',
  },
  {
    name: 'composite_score',
    definedIn: 'marts/agent_window.sql',
    unit: 'share',
    en: "Mean over the agent's available metrics of the percentile of the shrunk value (1 = best of the centre).",
    zh: '坐席各可用指标收缩值百分位的平均（1 为全中心最好）。',
  },
  {
    name: 'composite_rank',
    definedIn: 'marts/agent_window.sql',
    unit: 'rank',
    en: "Rank of composite_score among the centre's agents that have one (1 = best, ties share a rank); the coaching page shows it as rank k of n.",
    zh: '综合得分在全中心有综合得分的坐席中的排名（1 为最好，并列同名次）；辅导页面显示为"第 k 名，共 n 名"。',
  },
  {
    name: 'low_scoring',
    definedIn: 'marts/agent_window.sql',
    unit: 'yes/no',
    en: "On the low-scoring list: composite score in the bottom quarter of the centre's agents.",
    zh: '列入低分名单：综合得分处于全中心坐席的后四分之一。',
  },
  {
    name: 'reasons',
    definedIn: 'marts/agent_window.sql',
    unit: 'list of measures',
    en: 'Low scorers only: the measures in the bottom quarter of the centre or below target (conversion, csat_mean, audit_score, talk_distance, complaints_per_1000); the *_n columns give the evidence size.',
    zh: '仅低分坐席：处于全中心后四分之一或低于目标的指标（conversion、csat_mean、audit_score、talk_distance、complaints_per_1000）；各 *_n 列为证据规模。',
  },
  {
    name: 'weak_sections',
    definedIn: 'marts/agent_window.sql',
    unit: 'list of sections',
    en: "Audit sections whose raw window score is below the audit target and below the centre's mean for the section, worst first; one audit can put a section here. (The coaching page's low-scorer list names sections by another rule, sections_below_target: credibly below the target given the agent's audits and the team's spread.)",
    zh: '窗口期原始得分既低于质检目标又低于全中心该部分平均分的评估部分（最差在前），一次评估即可列入。（辅导页低分名单用另一规则 sections_below_target：考虑评估数量与团队差异后可信地低于目标。）',
  },
  {
    name: 'window_score',
    definedIn: 'aggregates/agg_agent_window_sections.sql',
    unit: 'points (0–100)',
    en: "The agent's mean score in one audit section over the window's audits (agent_window_sections; the coaching heat map).",
    zh: '坐席在窗口期内某一评估部分的平均得分（辅导页热力图）。',
  },
  {
    name: 'centre_score',
    definedIn: 'aggregates/agg_agent_window_sections.sql',
    unit: 'points (0–100)',
    en: "The centre's mean score in the audit section over the same window's audits.",
    zh: '同一窗口期内全中心该评估部分的平均得分。',
  },
  {
    name: 'score_sum',
    definedIn: 'aggregates/agg_agent_window_sections.sql',
    unit: 'points',
    en: "Sum of the agent's section scores over the window's audits (for the shrinkage of sections_below_target).",
    zh: '窗口期内坐席该部分得分之和（用于 sections_below_target 的收缩估计）。',
  },
  {
    name: 'score_sumsq',
    definedIn: 'aggregates/agg_agent_window_sections.sql',
    unit: 'points²',
    en: "Sum of squares of the agent's section scores over the window's audits (for the same shrinkage).",
    zh: '窗口期内坐席该部分得分的平方和（用于同一收缩估计）。',
  },
];

/** Every measure, in glossary order. Names are unique (a test checks it). */
export const MEASURES: Measure[] = [
  ...volumeMeasures,
  ...callMeasures,
  ...agentMeasures,
  ...queueMeasures,
  ...complaintMeasures,
  ...auditMeasures,
  ...windowMeasures,
];
