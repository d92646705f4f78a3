-- PostgreSQL keeps the identity caches at 1 (H2 raises them in db/vendor/h2): a cache per connection would hand out
-- journey ids out of order. Nothing to change; this file keeps the version numbers of both databases alike.
SELECT 1;
