-- 013_token_scopes.sql — what an API token may do beyond its role (issue 11 §3). SCOPES is a
-- comma-separated list of scope names, '' = none; today the one scope is
-- 'ingest' (POST /api/ingest/{kind}: a CRM's webhook or nightly script).
ALTER TABLE api_tokens ADD COLUMN scopes TEXT NOT NULL DEFAULT '';
