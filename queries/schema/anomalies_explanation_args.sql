-- anomalies_explanation_args: brings the anomalies table of a database made when a finding
-- stored its explanation as an English sentence (column explanation) to explanation_args.
-- Such a row keeps its sentence as {"legacy": sentence}, shown as it is in every language
-- until a detection of its day writes the finding again. Run once, when the old column is
-- there (src/anomalies/anomaly-schema.ts). DuckDB cannot alter and update a table in one
-- transaction, so each step commits on its own and a run stopped halfway is finished by the
-- next. Grain: every row of anomalies; reads anomalies.
alter table anomalies add column if not exists explanation_args json;
update anomalies set explanation_args = json_object('legacy', explanation) where explanation_args is null;
alter table anomalies drop column explanation;
