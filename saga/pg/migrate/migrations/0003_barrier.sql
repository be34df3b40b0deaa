-- Barrier: what happened to one step of one saga at this participant, so a
-- compensation that comes first blocks the late action and a repeated
-- action gets the first answer again.
CREATE TABLE IF NOT EXISTS barrier (
  saga_id     uuid        NOT NULL,
  step        text        NOT NULL,
  action      text        NOT NULL DEFAULT 'NONE' CHECK (action IN ('NONE', 'SUCCEEDED', 'FAILED')),
  compensated boolean     NOT NULL DEFAULT false,
  reply_type  text        NOT NULL DEFAULT '',
  reply_data  text        NOT NULL DEFAULT '',
  reply_error text        NOT NULL DEFAULT '',
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (saga_id, step)
);
