-- ADR 0280: a Bluesky mention's author is its DID, whatever path brought it. Mentions stored by
-- handle before (search, notifications) take the DID of their own AT URI (at://DID/app.bsky.feed.post/RKEY:
-- a post lives in its author's repository, so the URI's authority is the author). The handle they
-- carried becomes a hint in bluesky_identities (never shown; the resolver verifies the DID), and
-- every rollup of the workspaces touched is deleted and the workspace noted in rollup_rebuilds:
-- `backfillRollups`, run after the migrations, rebuilds them from the mentions (ADR 0150), even if
-- an ingest batch wrote a bucket meanwhile, so unique authors count the person once.
with by_handle as (
  select id, split_part(external_id, '/', 3) as did, lower(author_handle) as hint, fetched_at
  from mentions
  where network = 'bluesky'
    and author_handle not like 'did:%'
    and external_id like 'at://did:%/app.bsky.feed.post/%'
),
rewritten as (
  update mentions m
  set author_handle = h.did
  from by_handle h
  where m.id = h.id
  returning m.workspace_id, h.did, h.hint, h.fetched_at
),
touched as (select distinct workspace_id from rewritten),
folds as (delete from measure_author_folds where workspace_id in (select workspace_id from touched)),
last_days as (delete from measure_author_last_days where workspace_id in (select workspace_id from touched)),
authors as (delete from measure_authors where workspace_id in (select workspace_id from touched)),
buckets as (delete from measure_buckets where workspace_id in (select workspace_id from touched)),
rebuilds as (
  insert into rollup_rebuilds (workspace_id, reason) select workspace_id, 'bluesky_authors_by_did' from touched
  on conflict (workspace_id) do nothing
),
hints as (
  select distinct on (did) did, hint from rewritten
  where hint <> 'handle.invalid'
  order by did, fetched_at desc
)
insert into bluesky_identities (did, handle, resolved_at, expires_at, failures, hint, pending)
select did, null, null, now(), 0, hint, true from hints
on conflict (did) do update set hint = excluded.hint, pending = true,
  expires_at = least(bluesky_identities.expires_at, excluded.expires_at)
  where bluesky_identities.hint is distinct from excluded.hint
    and bluesky_identities.handle is distinct from excluded.hint;
