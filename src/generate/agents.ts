/**
 * The agents: skill, a grade that fits it, and the traits that follow. Within a team the
 * traits are spread evenly over bounded ranges (stratified), on purpose: real teams
 * have no extreme agents by chance, so the only agents far from their peers are the
 * injected ones (see anomalies/).
 */
import { DAY_S } from './local-time.ts';
import type { Agent, AgentTraits, Grade, Team } from './model.ts';
import type { Rng } from './prng.ts';
import { daysOffPattern, SHIFT_TEMPLATES } from './rota.ts';
import { TEAMS, teamSizes } from './teams.ts';

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '晨',
  '宇',
  '欣',
  '怡',
  '浩',
  '婷',
  '雪',
  '阳',
  '子涵',
  '雨桐',
  '思远',
  '嘉怡',
  '俊杰',
  '梓萱',
];

/** Skill range of each grade: seniors are better on average, but ranges overlap. */
const SKILL_RANGE: Record<Grade, [number, number]> = {
  junior: [-1, 0.2],
  intermediate: [-0.6, 0.6],
  senior: [-0.1, 1],
  technician: [-0.4, 0.8],
};

/** Years of service at the end of the data, by grade. */
const TENURE_YEARS: Record<Grade, [number, number]> = {
  junior: [0.1, 1],
  intermediate: [0.8, 3],
  senior: [2.5, 8],
  technician: [1.5, 6],
};

function gradeWeights(team: Team): Record<Grade, number> {
  return team.direction === 'inbound'
    ? { junior: 0.25, intermediate: 0.3, senior: 0.2, technician: 0.25 }
    : { junior: 0.35, intermediate: 0.35, senior: 0.25, technician: 0.05 };
}

/** A grade that fits the skill: the team's mix, limited to grades whose range holds it. */
function gradeFor(skill: number, team: Team, rng: Rng): Grade {
  const weights = Object.fromEntries(
    Object.entries(gradeWeights(team)).map(([grade, w]) => {
      const [lo, hi] = SKILL_RANGE[grade as Grade];
      return [grade, skill >= lo && skill <= hi ? w / (hi - lo) : 0];
    }),
  ) as Record<Grade, number>;
  return rng.weighted(weights);
}

/**
 * n values in [0, 1), one in each n-th of the range, in random order: the team's agents
 * spread evenly over a trait, so none is far from the rest by the luck of the draw.
 */
function strata(n: number, rng: Rng): number[] {
  return rng.shuffled(Array.from({ length: n }, (_, j) => (j + rng.next()) / n));
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export function buildAgents(agentCount: number, lastDay: number, rng: Rng): Agent[] {
  const agents: Agent[] = [];
  const names = new Set<string>();
  const sizes = teamSizes(agentCount);
  TEAMS.forEach((team, t) => {
    const size = sizes[t]!;
    const templates = SHIFT_TEMPLATES[team.direction];
    const daysOff = daysOffPattern(size);
    const [skills, talk, duration, hangup, audit] = [0, 1, 2, 3, 4].map(() => strata(size, rng)) as [
      number[],
      number[],
      number[],
      number[],
      number[],
    ];
    for (let j = 0; j < size; j++) {
      const skill = -0.95 + 1.9 * skills[j]!;
      // Weaker agents tend to talk more and listen less.
      const grade = gradeFor(skill, team, rng);
      let name: string;
      do name = rng.pick(SURNAMES) + rng.pick(GIVEN);
      while (names.has(name));
      names.add(name);
      const tenureDays = Math.round(rng.uniform(...TENURE_YEARS[grade]) * 365);
      const talkRatio = clamp(0.45 - 0.07 * skill - 0.15 + 0.3 * talk[j]!, 0.26, 0.68);
      // Talking over the band costs with customers and with auditors alike.
      const overTalk = Math.max(0, talkRatio - 0.45);
      const traits: AgentTraits = {
        skill,
        talkRatio,
        durationFactor: 1.08 - 0.12 * skill - 0.08 + 0.16 * duration[j]!,
        conversionFactor: 1 + 0.35 * skill,
        hangupRate: 0.03 + 0.06 * hangup[j]!,
        csatShift: 0.6 * skill - 0.5 * overTalk,
        auditQuality: 0.8 + 0.17 * skill - 0.3 * overTalk - 0.015 + 0.03 * audit[j]!,
        // Only the weakest agents ever fail a critical item (on their own, as in real audits).
        criticalFailRate: skill < -0.6 ? 0.15 : 0,
        template: templates[j % templates.length]!,
        daysOff: daysOff[j]!,
      };
      agents.push({
        agent_id: `A${String(agents.length + 1).padStart(3, '0')}`,
        name,
        team: team.name,
        site: team.site,
        grade,
        hire_date: lastDay - tenureDays * DAY_S,
        traits,
      });
    }
  });
  return agents;
}

export function teamOf(agent: Agent): Team {
  return TEAMS.find((t) => t.name === agent.team)!;
}
