-- shrinkage_macros: empirical-Bayes shrinkage toward a group (the team), used by the
-- trainer ranking so that agents with little evidence do not top or tail it.
--
-- Rates (x successes of n), beta-binomial with a method-of-moments prior over the group's
-- agents i with n_i > 0 (k agents, N = Σ n_i):
--   mu   = Σ x_i ÷ N
--   tau2 = (Σ n_i (p_i − mu)² − k·mu(1 − mu)) ÷ (N − k)     the spread of true rates, since
--          E[Σ n_i (p_i − mu)²] = k·mu(1 − mu) + (N − k)·tau2;  Σ n_i (p_i − mu)² is written
--          Σ x_i²/n_i − (Σ x_i)²/N so one aggregate pass suffices.
--   prior strength M = mu(1 − mu) ÷ tau2 − 1 (pseudo-trials); shrunk = (x + mu·M) ÷ (n + M);
--   tau2 <= 0 (no spread beyond chance) shrinks all the way to mu.
-- Means (sum s_i and sum of squares ss_i of n_i values), normal-normal, one-way random
-- effects by the method of moments:
--   mu     = Σ s_i ÷ N
--   sigma2 = Σ (ss_i − s_i²/n_i) ÷ (N − k)                 pooled within-agent variance
--   tau2   = max(0, (SSB ÷ (k − 1) − sigma2) ÷ n0),  SSB = Σ s_i²/n_i − (Σ s_i)²/N,
--            n0 = (N − Σ n_i²/N) ÷ (k − 1)
--   shrunk = mu + tau2 ÷ (tau2 + sigma2/n) × (mean − mu)
-- A prior is usable (ok) with at least two agents and more observations than agents;
-- otherwise the caller falls back to the centre-wide prior, and without one keeps the raw value.
-- How sure a shrunk mean is (eb_shrink_mean_sd), approximately: the standard deviation of the
-- agent's true mean about the shrunk one, sqrt(B × sigma2/n + (1 − B)² × mu_var), with
-- B = tau2 ÷ (tau2 + sigma2/n) and mu_var = (tau2 Σ n_i² + sigma2 N) ÷ N² the variance of the
-- group's mean (eb_mean_mu_var, over the same rows as the prior). When tau2 = 0 the agent is given the group's figure, and only its
-- uncertainty is left. Null without a usable prior: then nothing can be said.

create or replace temp macro eb_rate_mean(x, n) as
  sum(exact(x)) filter (where n > 0) / sum(exact(n)) filter (where n > 0);

create or replace temp macro eb_rate_tau2(x, n) as
  (
    sum(exact(case when n > 0 then x * x / n end)) filter (where n > 0)
    - sum(exact(x)) filter (where n > 0) ^ 2 / sum(exact(n)) filter (where n > 0)
    - count(*) filter (where n > 0) * eb_rate_mean(x, n) * (1 - eb_rate_mean(x, n))
  ) / nullif(sum(exact(n)) filter (where n > 0) - count(*) filter (where n > 0), 0);

create or replace temp macro eb_rate_prior(x, n) as
  struct_pack(
    mu := eb_rate_mean(x, n),
    tau2 := eb_rate_tau2(x, n),
    ok := count(*) filter (where n > 0) >= 2 and eb_rate_tau2(x, n) is not null
  );

create or replace temp macro eb_mean_sigma2(s, ss, n) as
  (sum(exact(ss)) filter (where n > 0) - sum(exact(case when n > 0 then s * s / n end)) filter (where n > 0))
  / nullif(sum(exact(n)) filter (where n > 0) - count(*) filter (where n > 0), 0);

create or replace temp macro eb_mean_tau2(s, ss, n) as
  greatest(
    0,
    (
      (sum(exact(case when n > 0 then s * s / n end)) filter (where n > 0) - sum(exact(s)) filter (where n > 0) ^ 2 / sum(exact(n)) filter (where n > 0))
        / nullif(count(*) filter (where n > 0) - 1, 0)
      - eb_mean_sigma2(s, ss, n)
    ) / (
      (sum(exact(n)) filter (where n > 0) - sum(exact(n * n)) filter (where n > 0) / sum(exact(n)) filter (where n > 0))
        / nullif(count(*) filter (where n > 0) - 1, 0)
    )
  );

create or replace temp macro eb_mean_prior(s, ss, n) as
  struct_pack(
    mu := sum(exact(s)) filter (where n > 0) / sum(exact(n)) filter (where n > 0),
    sigma2 := eb_mean_sigma2(s, ss, n),
    tau2 := eb_mean_tau2(s, ss, n),
    ok := count(*) filter (where n > 0) >= 2 and eb_mean_sigma2(s, ss, n) is not null
  );

-- Kept out of eb_mean_prior: each use of a macro expands it, and the ranking's priors, which
-- do not need it, would compute it several times over.
create or replace temp macro eb_mean_mu_var(s, ss, n) as
  (
    eb_mean_tau2(s, ss, n)::double * sum(exact(n * n)) filter (where n > 0)::double
    + eb_mean_sigma2(s, ss, n)::double * sum(exact(n)) filter (where n > 0)::double
  ) / (sum(exact(n)) filter (where n > 0)::double ^ 2);

create or replace temp macro eb_shrink_rate(x, n, prior) as
  case
    when n is null or n = 0 then null
    when prior is null or not prior.ok then x / n
    when prior.tau2 <= 0 then prior.mu
    else (x + prior.mu * greatest(prior.mu * (1 - prior.mu) / prior.tau2 - 1, 0))
      / (n + greatest(prior.mu * (1 - prior.mu) / prior.tau2 - 1, 0))
  end;

create or replace temp macro eb_shrink_mean(mean, n, prior) as
  case
    when n is null or n = 0 then null
    when prior is null or not prior.ok then mean
    when prior.tau2 = 0 then prior.mu
    else prior.mu + prior.tau2 / (prior.tau2 + prior.sigma2 / n) * (mean - prior.mu)
  end;

create or replace temp macro eb_shrink_mean_sd(n, prior, mu_var) as
  case
    when n is null or n = 0 or prior is null or not prior.ok then null
    when prior.tau2 = 0 then sqrt(mu_var)
    else sqrt(
      prior.tau2 / (prior.tau2 + prior.sigma2 / n) * prior.sigma2 / n
      + (1 - prior.tau2 / (prior.tau2 + prior.sigma2 / n)) ^ 2 * mu_var
    )
  end;
