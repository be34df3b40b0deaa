-- Barrier records untouched for longer than the saga retention are
-- pruned, oldest first.
CREATE INDEX IF NOT EXISTS barrier_updated_at ON barrier (updated_at);
